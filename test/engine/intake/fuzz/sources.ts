import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { FIXTURES } from './fixtures.js';

/** A file the fuzz starts from, named relative to the folder above the repository (`shared/corpus/…`, `main/examples/…`). */
export interface Source {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The corpus beside the repository (`../shared/corpus`), absent on most machines. */
export function corpusOf(repository: string): string {
  return resolve(repository, '../shared/corpus');
}

function manifestFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) return manifestFiles(path);
      return /\.(ya?ml|json)$/.test(entry) ? [path] : [];
    });
}

/**
 * The corpus (when present), examples/shop and our fixtures, always in the same order, so a seed and a case index
 * name the same input on every machine with the same corpus.
 */
export function loadSources(repository: string): { readonly sources: Source[]; readonly corpusPresent: boolean } {
  const corpus = corpusOf(repository);
  const files = [...manifestFiles(corpus), ...manifestFiles(join(repository, 'examples'))];
  const sources: Source[] = files.map((path) => ({ name: relative(resolve(repository, '..'), path), bytes: readFileSync(path) }));
  for (const [name, content] of Object.entries(FIXTURES)) sources.push({ name, bytes: Buffer.from(content, 'utf8') });
  return { sources, corpusPresent: existsSync(corpus) };
}
