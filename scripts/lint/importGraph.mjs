// The import graph of the TypeScript sources, type-only imports included. Used by the lint rule
// house/no-import-cycle (eslint.config.mjs) and by test/house/layers.test.ts.
//
// Why not eslint-plugin-import-x's no-cycle: it skips `import type`, and every cycle this house has had was
// types beside logic (a module importing a type back from the module that calls it). A type cycle still ties
// two files together: neither can be read, moved or tested without the other.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts'];

/**
 * Resolves a relative module specifier the way both our tsconfigs do: `./x.js` names `./x.ts` (NodeNext, host),
 * `./x` names `./x.ts` or `./x.tsx` (Bundler, webview). Bare specifiers (packages) are not part of the graph.
 * @returns the absolute path of the imported source file, or undefined when it is not one of ours.
 */
export function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [...SOURCE_EXTENSIONS.map((ext) => stem + ext), ...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** Cache of each file's resolved imports, keyed by path and checked against the file's mtime (editors lint often). */
const importCache = new Map();

/** Every module specifier a file names, as written: values, types, re-exports and dynamic imports alike. */
export function specifiersOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((f) => f.fileName);
}

/** The source files a file imports (values, types, re-exports and dynamic imports alike). */
export function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = importCache.get(file);
  if (cached && cached.mtime === mtime) return cached.imports;
  const imports = [
    ...new Set(
      specifiersOf(file)
        .map((s) => resolveImport(file, s))
        .filter((path) => path !== undefined),
    ),
  ];
  importCache.set(file, { mtime, imports });
  return imports;
}

/**
 * A path of imports from `start` to `target` (both included), or undefined when `target` cannot be reached.
 * Breadth first, so the path reported is a shortest one.
 */
export function importPath(start, target) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === target) {
      const path = [];
      for (let at = file; at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const next of importsOf(file)) {
      if (previous.has(next)) continue;
      previous.set(next, file);
      queue.push(next);
    }
  }
  return undefined;
}

/** Every cycle among `files`, each once, as the strongly connected components (Tarjan) with more than one file. */
export function importCycles(files) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let counter = 0;
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of importsOf(file)) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file), index.get(next)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || importsOf(file).includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}
