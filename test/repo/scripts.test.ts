/** The npm scripts a reader runs from the README name files and vitest projects that exist. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const SCRIPTS = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
/** Build outputs: they exist only once the script's own earlier steps have run. */
const BUILT = /^(dist|out)\//;

/** The value after each `flag` (`--flag value` or `--flag=value`) in a script. */
function flagValues(script: string, flag: string): string[] {
  return [...script.matchAll(new RegExp(`${flag}(?:=|\\s+)(\\S+)`, 'g'))].map((match) => match[1]!);
}

/** Files a script runs with node, bash or tsx (the first argument that is a path). */
function runFiles(script: string): string[] {
  return [...script.matchAll(/(?:^|&&\s*)(?:node|bash|tsx)\s+(?:--\S+\s+)*([^\s-]\S*\/\S+)/g)].map((match) => match[1]!);
}

describe('package.json scripts', () => {
  it('point at config files and scripts that exist', () => {
    const missing = Object.entries(SCRIPTS).flatMap(([name, script]) =>
      [...flagValues(script, '--config'), ...runFiles(script)]
        .filter((file) => !BUILT.test(file) && !existsSync(resolve(ROOT, file)))
        .map((file) => `${name}: ${file}`),
    );
    expect(missing).toEqual([]);
    // The parsing finds what it checks (a regex that matched nothing would pass the line above).
    expect(Object.values(SCRIPTS).flatMap(runFiles)).toEqual(expect.arrayContaining(['scripts/build.mjs', 'scripts/setup-e2e.sh']));
  });

  it('name vitest projects that vitest.config.ts defines', () => {
    const config = readFileSync(resolve(ROOT, 'vitest.config.ts'), 'utf8');
    const projects = new Set([...config.matchAll(/\bname: '([\w-]+)'/g)].map((match) => match[1]));
    const unknown = Object.entries(SCRIPTS).flatMap(([name, script]) =>
      flagValues(script, '--project')
        .filter((project) => !projects.has(project))
        .map((project) => `${name}: ${project}`),
    );
    expect(unknown).toEqual([]);
    expect([...projects]).toEqual(expect.arrayContaining(['unit', 'webview', 'e2e', 'cluster']));
  });
});
