import { POD_TEMPLATES, WORKLOAD_KINDS } from '../model/kinds.js';
import { field, loose, stringMap, type ObjectRecord } from '../model/object.js';
import { parseLabelSelector, parseMapSelector, type LabelSelector } from '../model/selector.js';
import type { EdgeType } from '../model/graph.js';
import type { RelationFamily } from './types.js';

const PODS_AND_WORKLOADS: ReadonlySet<string> = new Set(['Pod', ...WORKLOAD_KINDS]);
const PODS_ONLY: ReadonlySet<string> = new Set(['Pod']);

/** Objects whose selector picks pods (and workloads by their pod template labels). */
interface SelectorRule {
  readonly kinds: readonly string[];
  readonly type: EdgeType;
  readonly read: (record: ObjectRecord) => LabelSelector | null;
  readonly targets: ReadonlySet<string>;
}

const SELECTOR_RULES: readonly SelectorRule[] = [
  // Service: a map selector; absent or empty selects nothing (endpoints are managed elsewhere).
  { kinds: ['Service'], type: 'selects', read: (r) => parseMapSelector(field(r.object, 'spec', 'selector')), targets: PODS_AND_WORKLOADS },
  {
    kinds: ['PodDisruptionBudget'],
    type: 'selects',
    read: (r) => parseLabelSelector(field(r.object, 'spec', 'selector')),
    targets: PODS_AND_WORKLOADS,
  },
  {
    kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'],
    type: 'selects',
    read: (r) => parseLabelSelector(field(r.object, 'spec', 'selector')),
    targets: PODS_ONLY,
  },
  // ReplicationController: a map selector that defaults to the template's labels.
  {
    kinds: ['ReplicationController'],
    type: 'selects',
    targets: PODS_ONLY,
    read: (r) => parseMapSelector(field(r.object, 'spec', 'selector') ?? field(r.object, 'spec', 'template', 'metadata', 'labels')),
  },
];

const RULES_BY_KIND: ReadonlyMap<string, SelectorRule> = new Map(
  SELECTOR_RULES.flatMap((rule) => rule.kinds.map((kind) => [kind, rule] as const)),
);

export const selectorRelations: RelationFamily = {
  name: 'selectors',
  kinds: new Set(RULES_BY_KIND.keys()),
  claim(record, claims) {
    const rule = RULES_BY_KIND.get(record.kind);
    const selector = rule?.read(record);
    if (!rule || !selector) return;
    claims.selectors.push({
      type: rule.type,
      via: 'selector',
      selector,
      targetClass: 'pods',
      targetKinds: rule.targets,
      namespaces: { kind: 'same', namespace: record.namespace },
      skipControlled: rule.targets !== PODS_ONLY,
    });
  },
};

/** The labels pod selectors read: a pod's own, a workload's pod template's. */
export function podSelectableLabels(record: ObjectRecord): Readonly<Record<string, string>> | undefined {
  if (record.kind === 'Pod') return record.labels;
  if (!WORKLOAD_KINDS.has(record.kind)) return undefined;
  return stringMap(POD_TEMPLATES.get(record.kind)?.(loose(record.object))?.['metadata']?.['labels']);
}
