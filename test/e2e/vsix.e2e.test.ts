/**
 * What the packaged .vsix carries. It needs no code-server: it runs in the e2e project because that project's
 * set-up packages the extension once per run (support.ts packagedVsix), and packages it itself when run alone.
 */
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packagedVsix } from './support.js';

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
});
