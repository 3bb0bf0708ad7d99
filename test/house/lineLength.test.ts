/**
 * Lines stay within 140 characters in every tracked source file. Prettier keeps code there, but it cannot break
 * strings, template literals, comments, CSS selectors or regexes; this test catches those, naming each file:line.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const MAX_LINE_LENGTH = 140;
const SOURCE_PATTERNS = ['*.ts', '*.tsx', '*.mts', '*.mjs', '*.css'];

/** The tracked source files, as git sees them (untracked scratch files are not the house's business). */
function trackedSourceFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '-z', '--', ...SOURCE_PATTERNS], { cwd: ROOT, encoding: 'utf8' });
  return output.split('\0').filter((file) => file !== '');
}

/** Every line over the limit, as `file:line: length`, counting characters (code points) as Prettier's width does. */
function longLines(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(ROOT, file), 'utf8').split(/\r?\n/);
    lines.forEach((line, index) => {
      const length = [...line].length;
      if (length > MAX_LINE_LENGTH) found.push(`${file}:${index + 1}: ${length}`);
    });
  }
  return found;
}

describe('the house', () => {
  const files = trackedSourceFiles();

  it('finds the tracked sources it checks', () => {
    expect(files).toContain('src/engine/export/svg.ts');
    expect(files).toContain('src/webview/main.css');
  });

  it(`keeps every line of every tracked source file within ${MAX_LINE_LENGTH} characters`, () => {
    expect(longLines(files)).toEqual([]);
  });
});
