import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What `import.meta.url` is in scripts/build.mjs, which the webview benchmark bundles (through the webview test
 * harness) into the CommonJS bench: esbuild leaves `import.meta` empty there, so the bench script defines it as this
 * (package.json). The bundle runs from dist/, so the script is one folder up; and it is not the process's entry
 * point, so build.mjs never starts a build of its own.
 */
export const BUILD_SCRIPT_URL = pathToFileURL(resolve(__dirname, '..', 'scripts', 'build.mjs')).href;
