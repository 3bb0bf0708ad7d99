/**
 * Map values that are sets of ids (strings or id numbers), kept as the bare id while they hold one: most label values,
 * referenced objects and selector keys have a single member, and a Set per key is most of such an index's memory.
 */
export type SmallSet<T extends string | number = string> = T | Set<T>;

export function addTo<K, T extends string | number>(map: Map<K, SmallSet<T>>, key: K, value: T): void {
  const members = map.get(key);
  if (members === undefined) map.set(key, value);
  else if (typeof members === 'object') members.add(value);
  else if (members !== value) map.set(key, new Set([members, value]));
}

export function removeFrom<K, T extends string | number>(map: Map<K, SmallSet<T>>, key: K, value: T): void {
  const members = map.get(key);
  if (members === value) {
    map.delete(key);
  } else if (typeof members === 'object') {
    members.delete(value);
    if (members.size === 1) map.set(key, members.values().next().value!);
  }
}

export function forEachIn<T extends string | number>(members: SmallSet<T> | undefined, visit: (value: T) => void): void {
  if (members === undefined) return;
  if (typeof members === 'object') members.forEach((value) => visit(value));
  else visit(members);
}

/** A copy, so callers may change the map while they go through it. */
export function membersOf<T extends string | number>(members: SmallSet<T> | undefined): T[] {
  if (members === undefined) return [];
  return typeof members === 'object' ? [...members] : [members];
}
