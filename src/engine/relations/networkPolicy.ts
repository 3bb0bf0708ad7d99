import { WORKLOAD_KINDS } from '../model/kinds.js';
import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import { EVERYTHING, parseLabelSelector } from '../model/selector.js';
import type { Claims, RelationFamily } from './types.js';

const PODS_AND_WORKLOADS: ReadonlySet<string> = new Set(['Pod', ...WORKLOAD_KINDS]);
const NAMESPACES: ReadonlySet<string> = new Set(['Namespace']);

/** NetworkPolicy → the pods it applies to, and → its ingress/egress peers (pods, namespaces, ipBlocks). */
export const networkPolicyRelations: RelationFamily = {
  name: 'network-policy',
  kinds: new Set(['NetworkPolicy']),
  claim(record, claims) {
    // podSelector {} is every pod in the namespace; a policy without one is invalid and selects nothing.
    const podSelector = parseLabelSelector(field(record.object, 'spec', 'podSelector'));
    if (podSelector) {
      claims.selectors.push({
        type: 'applies-to',
        via: 'podSelector',
        selector: podSelector,
        targetClass: 'pods',
        targetKinds: PODS_AND_WORKLOADS,
        namespaces: { kind: 'same', namespace: record.namespace },
        skipControlled: true,
      });
    }
    for (const rule of arrayField(record.object, 'spec', 'ingress')) {
      for (const peer of arrayField(rule, 'from')) claimPeer(record, peer, 'ingress from', claims);
    }
    for (const rule of arrayField(record.object, 'spec', 'egress')) {
      for (const peer of arrayField(rule, 'to')) claimPeer(record, peer, 'egress to', claims);
    }
  },
};

function claimPeer(record: ObjectRecord, peer: unknown, via: string, claims: Claims): void {
  const cidr = stringField(peer, 'ipBlock', 'cidr');
  if (cidr) {
    const except = arrayField(peer, 'ipBlock', 'except').filter((entry) => typeof entry === 'string');
    claims.refs.push({
      type: 'allows',
      target: `net/IPBlock//${cidr}`,
      via: except.length ? `${via} (except ${except.join(', ')})` : via,
      synthetic: { kind: 'IPBlock', name: cidr },
    });
    return;
  }
  const podSelector = parseLabelSelector(field(peer, 'podSelector'));
  const namespaceSelector = parseLabelSelector(field(peer, 'namespaceSelector'));
  if (podSelector && namespaceSelector) {
    claims.selectors.push({
      type: 'allows',
      via,
      selector: podSelector,
      targetClass: 'pods',
      targetKinds: PODS_AND_WORKLOADS,
      namespaces: { kind: 'selector', selector: namespaceSelector },
      skipControlled: true,
    });
  } else if (podSelector) {
    claims.selectors.push({
      type: 'allows',
      via,
      selector: podSelector,
      targetClass: 'pods',
      targetKinds: PODS_AND_WORKLOADS,
      namespaces: { kind: 'same', namespace: record.namespace },
      skipControlled: true,
    });
  } else if (namespaceSelector) {
    claims.selectors.push({
      type: 'allows',
      via,
      selector: namespaceSelector ?? EVERYTHING,
      targetClass: 'namespaces',
      targetKinds: NAMESPACES,
      namespaces: { kind: 'same', namespace: '' },
    });
  }
}
