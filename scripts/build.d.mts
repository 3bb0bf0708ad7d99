// Types for scripts/build.mjs, so TypeScript tests can import its build functions.
import type { BuildOptions } from 'esbuild';

export interface WebviewBuildSettings {
  readonly production?: boolean;
  readonly outdir?: string;
}

export function webviewBuildOptions(settings?: WebviewBuildSettings): BuildOptions[];
export function nodeBuildOptions(settings?: { readonly production?: boolean }): BuildOptions[];
export function buildWebview(settings?: WebviewBuildSettings): Promise<void>;
