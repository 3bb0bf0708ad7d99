import * as l10n from '@vscode/l10n';
import type { SourceLocation, TopologyEdge, TopologyGraph, TopologyNode } from './model/graph.js';
import { WORKLOAD_KINDS } from './model/kinds.js';
import { field, type ObjectRecord } from './model/object.js';
import { externalSecrets } from './externalSecrets.js';

export type InsightKind =
  | 'broken-reference'
  | 'service-selects-nothing'
  | 'workload-not-selected'
  | 'unbound-claim'
  | 'scale-target-missing'
  | 'policy-selects-nothing'
  | 'external-secret';

export interface Insight {
  readonly kind: InsightKind;
  readonly severity: 'warning' | 'info';
  readonly message: string;
  /** The object the insight is about first, then the others it names. */
  readonly objects: readonly string[];
  readonly source?: SourceLocation;
}

export interface InsightInput {
  readonly graph: TopologyGraph;
  record(id: string): ObjectRecord | undefined;
  /**
   * Manifests: a missing Secret that is normally created outside the repository is a note, not a warning
   * (see externalSecrets.ts). A live cluster serves its Secrets, so there a missing one is a warning.
   */
  readonly manifests?: boolean;
}

/** `Deployment default/web → ConfigMap default/settings (envFrom (c)) is not in the input`, in the user's language. */
function brokenMessage(edge: TopologyEdge, referrer: string, other: string): string {
  const via = edge.via.join(', ');
  if (edge.broken === 'not-permitted') {
    return l10n.t('{0} → {1} ({2}) is not permitted (no ReferenceGrant or listener allows it)', referrer, other, via);
  }
  if (edge.broken === 'uid-mismatch') return l10n.t('{0} → {1} ({2}) names a different uid than the object has', referrer, other, via);
  return l10n.t('{0} → {1} ({2}) is not in the input', referrer, other, via);
}

/** Findings a reader should act on, each naming the objects and where the referring object is defined. */
export function computeInsights(input: InsightInput): Insight[] {
  const nodes = new Map(input.graph.nodes.map((node) => [node.id, node]));
  const outgoing = new Map<string, TopologyEdge[]>();
  for (const edge of input.graph.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);
  const insights: Insight[] = [];
  const add = (insight: Omit<Insight, 'source'>, about: string, value?: string): void => {
    const source = nodes.get(about)?.source;
    const line = value !== undefined ? input.record(about)?.valueLines?.get(value) : undefined;
    insights.push({ ...insight, ...(source ? { source: line ? { ...source, line } : source } : {}) });
  };
  const external = input.manifests ? externalSecrets(input.graph) : new Map<string, string>();
  for (const edge of input.graph.edges) {
    if (!edge.broken) continue;
    const referrer = edge.referrer ?? edge.source;
    const other = referrer === edge.source ? edge.target : edge.source;
    const message = brokenMessage(edge, label(nodes.get(referrer)), label(nodes.get(other)));
    const reason = edge.broken === 'missing' ? external.get(other) : undefined;
    if (reason !== undefined) {
      const note = { kind: 'external-secret', severity: 'info', objects: [referrer, other], message: `${message}: ${reason}` } as const;
      add(note, referrer, nodes.get(other)?.name);
      continue;
    }
    const kind = edge.type === 'scales' ? 'scale-target-missing' : 'broken-reference';
    add({ kind, severity: 'warning', objects: [referrer, other], message }, referrer, nodes.get(other)?.name);
  }
  for (const node of input.graph.nodes) {
    if (node.missing || node.synthetic) continue;
    const edges = outgoing.get(node.id) ?? [];
    if (node.kind === 'Service' && field(input.record(node.id)?.object, 'spec', 'selector') && !edges.some((e) => e.type === 'selects')) {
      add(
        {
          kind: 'service-selects-nothing',
          severity: 'warning',
          objects: [node.id],
          message: l10n.t('{0} selects no pods or workloads', label(node)),
        },
        node.id,
      );
    }
    if (node.kind === 'NetworkPolicy' && !edges.some((e) => e.type === 'applies-to')) {
      add(
        { kind: 'policy-selects-nothing', severity: 'info', objects: [node.id], message: l10n.t('{0} applies to no pods', label(node)) },
        node.id,
      );
    }
    if (node.kind === 'PersistentVolumeClaim' && isUnbound(node, input.record(node.id), edges)) {
      add(
        { kind: 'unbound-claim', severity: 'warning', objects: [node.id], message: l10n.t('{0} is not bound to a volume', label(node)) },
        node.id,
      );
    }
  }
  insights.push(...unselectedWorkloads(input, nodes, outgoing));
  return insights.sort(byObjects);
}

/**
 * By the objects named, never by the message: messages are translated, and the order must not depend on the
 * language. Ties keep the order they were found in (graph order, which is deterministic; the sort is stable).
 */
function byObjects(a: Insight, b: Insight): number {
  const count = Math.max(a.objects.length, b.objects.length);
  for (let index = 0; index < count; index++) {
    const left = a.objects[index] ?? '';
    const right = b.objects[index] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

function isUnbound(node: TopologyNode, record: ObjectRecord | undefined, edges: readonly TopologyEdge[]): boolean {
  if (node.status === 'Unbound') return true;
  if (node.status === 'Bound') return false;
  // Without status (a manifest): unbound when it can neither name a volume nor be provisioned dynamically.
  return field(record?.object, 'spec', 'storageClassName') === '' && !edges.some((edge) => edge.type === 'claims');
}

/** A Service named for a workload (by name or app label) that does not select it: usually a label typo. */
function unselectedWorkloads(input: InsightInput, nodes: Map<string, TopologyNode>, outgoing: Map<string, TopologyEdge[]>): Insight[] {
  const services = new Map<string, TopologyNode>();
  for (const node of nodes.values()) if (node.kind === 'Service' && !node.missing) services.set(`${node.namespace}/${node.name}`, node);
  const result: Insight[] = [];
  for (const node of nodes.values()) {
    if (!WORKLOAD_KINDS.has(node.kind) || node.missing || node.controller) continue;
    const names = new Set([node.name, node.labels['app'], node.labels['app.kubernetes.io/name']].filter((n): n is string => !!n));
    for (const name of names) {
      const service = services.get(`${node.namespace}/${name}`);
      if (!service || !field(input.record(service.id)?.object, 'spec', 'selector')) continue;
      if ((outgoing.get(service.id) ?? []).some((edge) => edge.type === 'selects' && edge.target === node.id)) continue;
      result.push({
        kind: 'workload-not-selected',
        severity: 'warning',
        objects: [node.id, service.id],
        message: l10n.t('{0} is named for {1} but does not select it', label(service), label(node)),
        ...(service.source ? { source: service.source } : {}),
      });
    }
  }
  return result;
}

function label(node: TopologyNode | undefined): string {
  if (!node) return '?';
  return `${node.kind} ${node.namespace ? `${node.namespace}/` : ''}${node.name}`;
}
