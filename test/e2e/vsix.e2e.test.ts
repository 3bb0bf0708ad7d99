/**
 * What the packaged .vsix carries. It needs no code-server: it runs in the e2e project because that project's
 * set-up packages the extension once per run (support.ts packagedVsix), and packages it itself when run alone.
 */
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, packagedVsix } from './support.js';

/** The files of a zip (a .vsix), by path: a reader small enough to keep the test free of packages. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const files = new Map<string, Buffer>();
  let entry = zip.readUInt32LE(end + 16);
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const method = zip.readUInt16LE(entry + 10);
    const size = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${name}: zip method ${method} is not store or deflate`);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return files;
}

/**
 * Packages a bundle may require although the .vsix does not carry them: each require sits in a try block of the
 * library and has a fallback (ws: bufferutil and utf-8-validate speed-ups; node-fetch: encoding for textConverted).
 */
const OPTIONAL = ['bufferutil', 'encoding', 'utf-8-validate'];
const BUILTIN = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

describe('the packaged .vsix', () => {
  it('carries everything its bundles load, and no CLI (its home is the npm package)', async () => {
    const vsix = await packagedVsix();
    const files = unzip(await readFile(vsix));
    const paths = [...files.keys()];
    expect(paths).toContain('extension/dist/extension.js');
    // Manifests are parsed in this worker: without it no folder opens.
    expect(paths).toContain('extension/dist/parseWorker.js');
    // A dist/cli.js here could not start: resvg's native addon and the Inter fonts come from node_modules, which
    // a .vsix does not have, and VS Code puts nothing of an extension on PATH.
    expect(paths.filter((path) => /cli/i.test(path))).toEqual([]);
    // Without package.nls.json every title shows as its %key%; l10n/ holds the host's strings and their translations.
    expect(paths).toEqual(expect.arrayContaining(['extension/package.nls.json', 'extension/l10n/bundle.l10n.json']));

    const bundles = paths.filter((path) => path.startsWith('extension/dist/') && path.endsWith('.js'));
    const missing = bundles.flatMap((bundle) =>
      [
        ...files
          .get(bundle)!
          .toString('utf8')
          .matchAll(/\brequire\("([^"]+)"\)/g),
      ]
        .map((match) => match[1]!)
        .filter((request) => !request.startsWith('.') && !BUILTIN.has(request) && request !== 'vscode' && !OPTIONAL.includes(request))
        .map((request) => `${bundle} requires ${request}`),
    );
    expect([...new Set(missing)]).toEqual([]);
    console.log(`${vsix}: ${(await readFile(vsix)).length} bytes, ${paths.length} files`);
  });

  it('carries LICENSE, the bundled example and the walkthrough media', async () => {
    const paths = [...unzip(await readFile(await packagedVsix())).keys()];
    expect(paths).toEqual(expect.arrayContaining(['extension/LICENSE.txt', 'extension/THIRD-PARTY-NOTICES.txt']));
    const example = readdirSync(join(ROOT, 'examples', 'shop')).map((name) => `extension/dist/data/examples/shop/${name}`);
    expect(example.length).toBeGreaterThan(0);
    expect(paths).toEqual(expect.arrayContaining(example));
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { media: { image: string | Record<string, string> } }[] }[] };
    };
    const media = manifest.contributes.walkthroughs
      .flatMap((walkthrough) => walkthrough.steps)
      .flatMap((step) => (typeof step.media.image === 'string' ? [step.media.image] : Object.values(step.media.image)));
    expect(paths).toEqual(expect.arrayContaining(media.map((file) => `extension/${file}`)));
  });

  it('names in its notices every package whose code its bundles hold (esbuild metafiles of the same build)', async () => {
    const files = unzip(await readFile(await packagedVsix()));
    const notices = files.get('extension/THIRD-PARTY-NOTICES.txt')!.toString('utf8');
    const metaDir = join(ROOT, 'dist', 'meta');
    const metafiles = readdirSync(metaDir).map((name) => JSON.parse(readFileSync(join(metaDir, name), 'utf8')) as MetaFile);
    // Every bundle of the .vsix has its metafile: a bundle without one would escape the check.
    const bundles = [...files.keys()].filter((path) => /^extension\/dist\/(webview\/)?[\w]+\.js$/.test(path));
    const recorded = readdirSync(metaDir).map((name) => name.replace(/\.json$/, ''));
    expect(bundles.map((path) => path.replace(/^.*\//, '').replace(/\.js$/, '')).sort()).toEqual(recorded.sort());
    const packages = new Set<string>();
    for (const metafile of metafiles) {
      for (const input of Object.keys(metafile.inputs)) {
        const at = input.lastIndexOf('node_modules/');
        if (at < 0) continue;
        const [scopeOrName, name] = input.slice(at + 'node_modules/'.length).split('/');
        const dir = join(ROOT, input.slice(0, at), 'node_modules', scopeOrName!.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName!);
        const found = JSON.parse(readFileSync(join(realpathSync(dir), 'package.json'), 'utf8')) as { name: string; version: string };
        packages.add(`${found.name}@${found.version}`);
      }
    }
    // The bundles hold many packages (client-node's dependencies, pdfkit's, the webview's): a parse that found few is wrong.
    expect(packages.size).toBeGreaterThan(30);
    expect([...packages].filter((id) => !notices.includes(`=== ${id} (`))).toEqual([]);
    // And the files copied next to the bundles come from packages that are listed.
    expect(notices).toMatch(/=== sql\.js@/);
    expect(notices).toMatch(/dist\/sql-wasm\.wasm \(from sql\.js\)/);
  });
});

interface MetaFile {
  readonly inputs: Readonly<Record<string, unknown>>;
}
