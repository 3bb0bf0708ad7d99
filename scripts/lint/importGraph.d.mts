// Types for importGraph.mjs (plain JS so ESLint can load it without a build step).
export function resolveImport(fromFile: string, specifier: string): string | undefined;
export function specifiersOf(file: string): string[];
export function importsOf(file: string): string[];
export function importPath(start: string, target: string): string[] | undefined;
export function importCycles(files: readonly string[]): string[][];
