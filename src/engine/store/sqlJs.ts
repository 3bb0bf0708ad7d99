import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';

const loaded = new Map<string, Promise<SqlJsStatic>>();

/**
 * The default wasm next to sql.js in node_modules: right for tests, the CLI and the bench. The packaged extension
 * has no node_modules, so the host passes the copy it ships in dist/.
 */
export function defaultWasmPath(): string {
  return require.resolve('sql.js/dist/sql-wasm.wasm');
}

/** sql.js compiled once per wasm file; every database of the process shares it. */
export function loadSqlJs(wasmPath: string = defaultWasmPath()): Promise<SqlJsStatic> {
  let found = loaded.get(wasmPath);
  if (!found) {
    found = initSqlJs({ locateFile: () => wasmPath });
    // A failed load (wrong path) must not be cached, or a corrected path in the same process would still fail.
    found.catch(() => loaded.delete(wasmPath));
    loaded.set(wasmPath, found);
  }
  return found;
}
