import type { ObjectRecord } from '../model/object.js';

/** ReferenceGrants by namespace: a cross-namespace Gateway API reference is permitted by a grant in its target's. */
export class GrantIndex {
  private readonly byNamespace = new Map<string, Map<string, ObjectRecord>>();

  add(record: ObjectRecord): void {
    if (record.kind !== 'ReferenceGrant') return;
    let grants = this.byNamespace.get(record.namespace);
    if (!grants) this.byNamespace.set(record.namespace, (grants = new Map()));
    grants.set(record.id, record);
  }

  remove(record: ObjectRecord): void {
    if (record.kind === 'ReferenceGrant') this.byNamespace.get(record.namespace)?.delete(record.id);
  }

  in(namespace: string): Iterable<ObjectRecord> {
    return this.byNamespace.get(namespace)?.values() ?? [];
  }
}
