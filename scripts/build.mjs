#!/usr/bin/env node
// Builds every bundle with esbuild:
//   dist/webview/main.js + main.css   the webview app (browser, iife)
//   dist/webview/layoutWorker.js      the layout worker (browser, iife; started from a blob: URL)
//   dist/extension.js                 the extension host (node, cjs)            — once src/extension exists
//   dist/snapshotWorker.js            the snapshot-import worker thread the host starts (node, cjs)
//   dist/saveWorker.js                the history database's save worker (node, cjs)
//   dist/cli.js                       the headless `kubilitics` CLI (node, cjs) — once src/cli exists
//   dist/parseWorker.js               the extension host's manifest parse worker (node, cjs)
//
// Usage: node scripts/build.mjs [--production] [--watch]
//   --production  minify, no source maps (what goes into the VSIX)
//   --watch       rebuild on change
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inVsix, writeNotices } from './notices.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild options for the two webview bundles. `outdir` defaults to dist/webview. */
export function webviewBuildOptions({ production = false, outdir = join(ROOT, 'dist', 'webview') } = {}) {
  const common = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    // VS Code 1.90 ships Electron 29 (Chromium 122).
    target: 'chrome120',
    minify: production,
    sourcemap: production ? false : 'linked',
    outdir,
    logLevel: 'warning',
    legalComments: production ? 'none' : 'inline',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  };
  return [
    {
      ...common,
      entryPoints: { main: join(ROOT, 'src/webview/main.tsx') },
      jsx: 'automatic',
      jsxImportSource: 'preact',
    },
    { ...common, entryPoints: { layoutWorker: join(ROOT, 'src/webview/layoutWorker.ts') } },
  ];
}

/**
 * Runtime dependencies that stay in node_modules: the CLI's exporters (a native module; fonts read from disk), and the
 * sql.js wasm the CLI finds with require.resolve (the packaged extension passes the copy it ships in dist/ instead).
 */
export const CLI_EXTERNALS = ['@resvg/resvg-js', '@expo-google-fonts/inter', 'sql.js/dist/sql-wasm.wasm'];

/**
 * pdfkit finds its standard fonts and ICC profile at run time relative to its own file (createRequire on a package
 * subpath import, and a URL next to the module), which a bundle does not have. Point both at static requires so the
 * fonts are bundled, and the ICC profile at dist/data (copied there by the build).
 */
const pdfkitBundling = {
  name: 'pdfkit-bundling',
  setup(build) {
    build.onResolve({ filter: /^pdfkit$/ }, () => ({ path: join(ROOT, 'node_modules/pdfkit/js/pdfkit.js') }));
    build.onLoad({ filter: /pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source
        .replace(
          /const ICC_PROFILE_PATH = new URL\([^;]*;/,
          "const ICC_PROFILE_PATH = require('path').join(__dirname, 'data', 'sRGB_IEC61966_2_1.icc');",
        )
        .replace(/const require\$1 = module\$1\.createRequire\([^;]*;/, '')
        .replace(/require\$1\('#standard-fonts\/(\w+)'\)/g, (_, font) => `require('pdfkit/standard-fonts/${font}')`);
      if (patched.includes('require$1(') || !patched.includes("join(__dirname, 'data'"))
        throw new Error('pdfkit changed: update the bundling patch in scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

/** esbuild options for the Node bundles whose entry files exist. */
export function nodeBuildOptions({ production = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
  };
  const entries = [];
  // ── Lead: extension host entry ─────────────────────────────────
  const extension = join(ROOT, 'src/extension/activate.ts');
  if (existsSync(extension)) {
    entries.push({
      ...common,
      entryPoints: [extension],
      outfile: join(ROOT, 'dist/extension.js'),
      external: ['vscode', ...CLI_EXTERNALS],
      plugins: [pdfkitBundling],
    });
    // Snapshot files are read in a worker thread with a heap limit; the host starts it from this file.
    entries.push({
      ...common,
      entryPoints: [join(ROOT, 'src/engine/store/snapshotWorker.ts')],
      outfile: join(ROOT, 'dist/snapshotWorker.js'),
    });
    // The history database is written by a replica in this worker, not by copying it on the host thread.
    entries.push({
      ...common,
      entryPoints: [join(ROOT, 'src/engine/store/saveWorker.ts')],
      outfile: join(ROOT, 'dist/saveWorker.js'),
      // The host passes the wasm path it ships; the CLI's lookup in node_modules stays unresolved here.
      external: ['sql.js/dist/sql-wasm.wasm'],
    });
  }
  // The manifest parse worker the extension host starts (worker_threads): YAML is parsed off the host thread.
  const parseWorker = join(ROOT, 'src/extension/intake/parseWorker.ts');
  if (existsSync(parseWorker)) {
    entries.push({ ...common, entryPoints: [parseWorker], outfile: join(ROOT, 'dist/parseWorker.js') });
  }
  // ── Lead: CLI entry ─────────────────────────────────────
  const cli = join(ROOT, 'src/cli/bin.ts');
  if (existsSync(cli)) {
    // PDFKit reads its font metrics from files next to its own code, and resvg is a native addon: both are
    // loaded from node_modules at run time rather than bundled.
    entries.push({
      ...common,
      entryPoints: [cli],
      outfile: join(ROOT, 'dist/cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      external: CLI_EXTERNALS,
      plugins: [pdfkitBundling],
    });
  }
  return entries;
}

/** Builds the webview bundles once; used by the build and by the Chromium test. */
export async function buildWebview(options = {}) {
  await Promise.all(webviewBuildOptions(options).map((o) => esbuild.build(o)));
}

function removeSourceMaps(dirs) {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (name.endsWith('.map')) rmSync(join(dir, name));
  }
}

/**
 * A production build records what each bundle of the .vsix contains (dist/meta/*.json, esbuild metafiles; the .vsix
 * leaves them out) and writes THIRD-PARTY-NOTICES.txt from them, so the notices follow what is really bundled.
 */
function writeBundleRecords(options, results) {
  rmSync(join(ROOT, 'dist/meta'), { recursive: true, force: true });
  mkdirSync(join(ROOT, 'dist/meta'), { recursive: true });
  const metafiles = [];
  options.forEach((o, i) => {
    if (!inVsix(o)) return;
    const out = o.outfile ?? Object.keys(o.entryPoints)[0];
    const name = out.replace(/^.*[\\/]/, '').replace(/\.js$/, '');
    writeFileSync(join(ROOT, 'dist/meta', `${name}.json`), JSON.stringify(results[i].metafile));
    metafiles.push(results[i].metafile);
  });
  console.log(`[build] wrote ${writeNotices(metafiles, ROOT)}`);
}

async function main(argv) {
  const production = argv.includes('--production');
  const all = [...webviewBuildOptions({ production }), ...nodeBuildOptions({ production })];
  if (argv.includes('--watch')) {
    const contexts = await Promise.all(all.map((o) => esbuild.context(o)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`[build] watching ${all.length} bundles…`);
    return;
  }
  const start = Date.now();
  // A production build must not ship source maps left behind by an earlier development build.
  if (production) removeSourceMaps([join(ROOT, 'dist'), join(ROOT, 'dist', 'webview')]);
  const results = await Promise.all(all.map((o) => esbuild.build({ ...o, metafile: production })));
  if (production) writeBundleRecords(all, results);
  // sql.js loads its WebAssembly at run time from next to the extension bundle (the history database).
  copyFileSync(join(ROOT, 'node_modules/sql.js/dist/sql-wasm.wasm'), join(ROOT, 'dist/sql-wasm.wasm'));
  mkdirSync(join(ROOT, 'dist/data'), { recursive: true });
  copyFileSync(join(ROOT, 'node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc'), join(ROOT, 'dist/data/sRGB_IEC61966_2_1.icc'));
  // The walkthrough's "Open the example" draws these files; the .vsix carries dist/data, not examples/.
  rmSync(join(ROOT, 'dist/data/examples'), { recursive: true, force: true });
  cpSync(join(ROOT, 'examples/shop'), join(ROOT, 'dist/data/examples/shop'), { recursive: true });
  console.log(`[build] ${all.length} bundles in ${Date.now() - start} ms${production ? ' (production)' : ''}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
