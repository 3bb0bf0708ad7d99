/** scripts/notices.mjs: which packages a metafile's inputs belong to, and what the notices say of each. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPackages, packageDirOf, renderNotices } from '../../scripts/notices.mjs';

const ROOT = resolve(__dirname, '..', '..');
const metafile = (...inputs: string[]): { inputs: Record<string, object> } => ({
  inputs: Object.fromEntries(inputs.map((input) => [input, {}])),
});

describe('third-party notices', () => {
  it('finds the innermost package of an input, scoped or nested, and none for our own code', () => {
    const dir = (input: string): string | undefined => packageDirOf(input, ROOT);
    expect(dir('src/engine/graph.ts')).toBeUndefined();
    expect(dir('node_modules/@noble/hashes/esm/sha2.js')).toMatch(/node_modules\/@noble\/hashes$/);
    expect(dir('node_modules/linebreak/node_modules/base64-js/lib/b64.js')).toMatch(/node_modules\/linebreak\/node_modules\/base64-js$/);
  });

  it('lists each version of a package once, with its license text or a note that it ships none', () => {
    const packages = bundledPackages(
      [
        metafile('node_modules/base64-js/index.js', 'node_modules/linebreak/node_modules/base64-js/lib/b64.js'),
        metafile(
          'node_modules/base64-js/index.js',
          'node_modules/brotli/decompress.js',
          'node_modules/pdfkit/js/standard-fonts/Helvetica.cjs',
        ),
      ],
      ROOT,
    );
    const text = renderNotices(packages);
    const headings = text.match(/^=== .*$/gm) ?? [];
    // Two base64-js versions, brotli, and the packages the build copies files from (sql.js, pdfkit), plus the AFM notices.
    expect(headings.filter((heading) => heading.startsWith('=== base64-js@'))).toHaveLength(2);
    expect(headings).toEqual(
      expect.arrayContaining([expect.stringMatching(/^=== brotli@[\d.]+ \(MIT\)$/), expect.stringMatching(/^=== sql\.js@/)]),
    );
    expect(text).toMatch(/=== brotli@[\s\S]*?The package ships no license file\. Its package\.json declares: MIT/);
    expect(text).toMatch(/=== base64-js@1[\s\S]*?--- LICENSE\s+The MIT License/);
    expect(text).toMatch(/=== Adobe font metrics[\s\S]*Helvetica is a trademark/);
  });
});
