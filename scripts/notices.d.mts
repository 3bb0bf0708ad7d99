// Types for scripts/notices.mjs, so TypeScript tests can import it.
export interface BundledPackages {
  readonly dirs: readonly string[];
  readonly fontMetrics: readonly string[];
}
interface MetafileInputs {
  readonly inputs: Readonly<Record<string, unknown>>;
}

export const NOTICES_FILE: string;
export function packageDirOf(input: string, root?: string): string | undefined;
export function bundledPackages(metafiles: readonly MetafileInputs[], root?: string): BundledPackages;
export function renderNotices(packages: BundledPackages): string;
export function writeNotices(metafiles: readonly MetafileInputs[], root?: string): string;
