import { benchWebview, webviewBenchFromEnv } from './webview';

/** The webview benchmark alone: `npx esbuild bench/webviewRun.ts --bundle --platform=node --format=cjs --packages=external --outfile=dist/benchWebview.cjs && node dist/benchWebview.cjs`
 * (not tsx: its keepNames helper `__name` does not exist in the page the probes run in) (same BENCH_WEBVIEW_* settings as `npm run bench`). */
const { sizes, runs, profile } = webviewBenchFromEnv();
void benchWebview(sizes, runs, profile);
