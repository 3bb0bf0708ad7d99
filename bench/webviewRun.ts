import { benchWebview, webviewBenchFromEnv } from './webview';

/**
 * The webview benchmark alone, with the same BENCH_WEBVIEW_* settings as `npm run bench`, bundled as that script does:
 *   npx esbuild bench/webviewRun.ts --bundle --platform=node --format=cjs --packages=external \
 *     --outfile=dist/benchWebview.cjs --define:import.meta.url=BUILD_SCRIPT_URL --inject:bench/buildScriptUrl.ts
 *   node dist/benchWebview.cjs
 * Not tsx: its keepNames helper `__name` does not exist in the page where the probes run.
 */
const { sizes, runs, profile, renderers } = webviewBenchFromEnv();
void benchWebview(sizes, runs, profile, renderers);
