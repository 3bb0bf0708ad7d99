/**
 * What each owner (a topology view) reports for each file. Several views may show the same file: one view
 * closing or refreshing must not erase another's problems, and a problem both report is listed once.
 */
export class DiagnosticLedger<T> {
  private readonly byOwner = new Map<object, ReadonlyMap<string, readonly T[]>>();

  /** `identity` decides when two owners report the same problem. */
  constructor(private readonly identity: (item: T) => string) {}

  /** Replaces everything `owner` reports; returns the files whose merged list may have changed. */
  replace(owner: object, files: ReadonlyMap<string, readonly T[]>): string[] {
    const touched = new Set(this.byOwner.get(owner)?.keys() ?? []);
    for (const file of files.keys()) touched.add(file);
    if (files.size) this.byOwner.set(owner, files);
    else this.byOwner.delete(owner);
    return [...touched];
  }

  clear(owner: object): string[] {
    return this.replace(owner, new Map());
  }

  /** Every owner's items for `file`, each distinct problem once. */
  merged(file: string): T[] {
    const seen = new Set<string>();
    const result: T[] = [];
    for (const files of this.byOwner.values()) {
      for (const item of files.get(file) ?? []) {
        const key = this.identity(item);
        if (seen.has(key)) continue;
        seen.add(key);
        result.push(item);
      }
    }
    return result;
  }
}
