/**
 * Map values that are sets of ids, kept as a bare string while they hold one id: most label values, referenced
 * objects and selector keys have a single member, and a Set per key is most of such an index's memory.
 */
export type SmallSet = string | Set<string>;

export function addTo(map: Map<string, SmallSet>, key: string, value: string): void {
  const members = map.get(key);
  if (members === undefined) map.set(key, value);
  else if (typeof members !== 'string') members.add(value);
  else if (members !== value) map.set(key, new Set([members, value]));
}

export function removeFrom(map: Map<string, SmallSet>, key: string, value: string): void {
  const members = map.get(key);
  if (members === value) {
    map.delete(key);
  } else if (typeof members === 'object') {
    members.delete(value);
    if (members.size === 1) map.set(key, members.values().next().value!);
  }
}

export function forEachIn(members: SmallSet | undefined, visit: (value: string) => void): void {
  if (members === undefined) return;
  if (typeof members === 'string') visit(members);
  else members.forEach((value) => visit(value));
}

/** A copy, so callers may change the map while they go through it. */
export function membersOf(members: SmallSet | undefined): string[] {
  if (members === undefined) return [];
  return typeof members === 'string' ? [members] : [...members];
}
