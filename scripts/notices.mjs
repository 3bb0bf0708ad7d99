#!/usr/bin/env node
// THIRD-PARTY-NOTICES.txt: the license of every package whose code the .vsix carries, found from esbuild's
// metafiles of the bundles (what was really bundled, not what package.json lists), plus the files the build copies
// next to them (sql.js's wasm, pdfkit's ICC profile). `node scripts/build.mjs --production` writes it and keeps the
// metafiles in dist/meta/, which test/e2e/vsix.e2e.test.ts reads to check the notices name every bundled package.
//
// Usage: node scripts/notices.mjs   (runs the production bundles in memory, writes THIRD-PARTY-NOTICES.txt)
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** Files the build copies into dist/ from a package, so the package's license covers them too. */
const COPIED_FROM = [
  { file: 'dist/sql-wasm.wasm', from: 'node_modules/sql.js' },
  { file: 'dist/data/sRGB_IEC61966_2_1.icc', from: 'node_modules/pdfkit' },
];
const LICENSE_FILE = /^(licen[cs]e|copying|unlicense|notice)(\.|-|$)/i;
const PACKAGE_PATH = /(?<=^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g;

/** The directory of the innermost package an input path of a metafile belongs to, or undefined for our own code. */
export function packageDirOf(input, root = ROOT) {
  const matches = [...input.matchAll(PACKAGE_PATH)];
  const last = matches.at(-1);
  if (!last) return undefined;
  return realpathSync(resolve(root, `${input.slice(0, last.index)}node_modules/${last[1]}`));
}

/** Every package directory whose files appear in the metafiles' inputs, and the folders of AFM files behind bundled font metrics. */
export function bundledPackages(metafiles, root = ROOT) {
  const dirs = new Set();
  const fontMetrics = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const dir = packageDirOf(input, root);
      if (dir) dirs.add(dir);
      // pdfkit's standard fonts are metrics taken from Adobe's AFM files, which pdfkit ships beside them.
      if (dir && /[\\/]js[\\/]standard-fonts[\\/]/.test(input)) fontMetrics.add(join(dir, 'js', 'data'));
    }
  }
  for (const { from } of COPIED_FROM) dirs.add(realpathSync(resolve(root, from)));
  return { dirs: [...dirs], fontMetrics: [...fontMetrics] };
}

function describePackage(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'not declared');
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const files = readdirSync(dir)
    .filter((name) => LICENSE_FILE.test(name))
    .sort();
  const texts = files.map((name) => `--- ${name}\n\n${readFileSync(join(dir, name), 'utf8').trim()}`);
  if (texts.length === 0) {
    // A few packages declare a license but ship no text of it; say so rather than invent one.
    texts.push(`The package ships no license file. Its package.json declares: ${license}${author ? `, author ${author}` : ''}.`);
  }
  return { name: manifest.name, version: manifest.version, license, repository, texts };
}

/** The whole notices text for these package directories (sorted by name, then version: stable for git). */
export function renderNotices({ dirs, fontMetrics }) {
  const packages = dirs.map(describePackage).sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const copied = COPIED_FROM.map(({ file, from }) => `  ${file} (from ${from.replace('node_modules/', '')})`).join('\n');
  const sections = packages.map((p) =>
    [`=== ${p.name}@${p.version} (${p.license})`, p.repository ? `Source: ${p.repository}` : '', ...p.texts].filter(Boolean).join('\n\n'),
  );
  const afmFiles = fontMetrics.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.afm'))
      .sort()
      .map((name) => join(dir, name)),
  );
  const notices = [...new Set(afmFiles.flatMap((file) => readFileSync(file, 'latin1').match(/^Notice .*$/gm) ?? []))];
  const fonts = notices.length
    ? [`=== Adobe font metrics (AFM) bundled by pdfkit for its standard PDF fonts\n\n${notices.map((n) => n.slice(7)).join('\n')}`]
    : [];
  return [
    'Kubilitics for VS Code — third-party notices',
    '',
    'The extension bundles code of the packages below into dist/ (esbuild), and copies these files from them:',
    copied,
    'Each package is listed with the license its authors distribute it under.',
    '',
    ...sections,
    ...fonts,
    '',
  ].join('\n\n');
}

/** Node and webview bundles the .vsix carries (the CLI bundle's home is the npm package, not the .vsix). */
export function inVsix(options) {
  const out = options.outfile ?? options.outdir ?? '';
  return !/[\\/]cli\.js$/.test(out);
}

export function writeNotices(metafiles, root = ROOT) {
  const text = renderNotices(bundledPackages(metafiles, root));
  writeFileSync(join(root, NOTICES_FILE), text);
  return relative(process.cwd(), join(root, NOTICES_FILE));
}

async function main() {
  const { nodeBuildOptions, webviewBuildOptions } = await import('./build.mjs');
  const options = [...webviewBuildOptions({ production: true }), ...nodeBuildOptions({ production: true })].filter(inVsix);
  const results = await Promise.all(options.map((o) => esbuild.build({ ...o, write: false, metafile: true })));
  console.log(`wrote ${writeNotices(results.map((r) => r.metafile))}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
