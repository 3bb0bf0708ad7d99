/**
 * Identifiers safe for diagram languages (letters, digits, underscores) derived from object ids, so each
 * stays the same when other objects come and go. Ids that clean up to the same text get `_2`, `_3`… in id
 * order, which is stable too. The `n_` prefix keeps clear of keywords such as `end` and `graph`.
 */
export function safeIds(ids: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of [...new Set(ids)].sort()) {
    const base = `n_${id.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let candidate = base;
    for (let i = 2; taken.has(candidate); i++) candidate = `${base}_${i}`;
    taken.add(candidate);
    result.set(id, candidate);
  }
  return result;
}
