// Types for scripts/nls.mjs, so TypeScript tests can check the manifest with the script's own walk.

/** One localisable string of package.json: the key it gets when moved, and access to its current value. */
export interface LocalizableSlot {
  readonly key: string;
  get(): string;
  set(value: string): void;
}

export type NlsMessage = string | { readonly message: string; readonly comment: readonly string[] };

export function slug(text: string): string;
export function localizableSlots(manifest: unknown): LocalizableSlot[];
export function externalize(
  manifest: unknown,
  nls: Record<string, NlsMessage>,
): { nls: Record<string, NlsMessage>; moved: string[]; orphans: string[] };
