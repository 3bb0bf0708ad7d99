/**
 * CPU and memory from the metrics API (metrics.k8s.io PodMetrics and NodeMetrics lists), summed per Pod, per
 * workload (every controller up the owner chain: ReplicaSet and Deployment, StatefulSet, DaemonSet, Job and
 * CronJob), per namespace and per Node, next to the requests and limits the Pod specs set. Pure: the host polls,
 * this turns one poll into figures keyed by graph node id.
 */
import { groupOfApiVersion, objectId } from '../model/kinds.js';
import type { KubeObject, ObjectRecord } from '../model/object.js';
import { parseCpu, parseMemory } from './quantity.js';

/** One resource of one object: CPU in millicores or memory in bytes. */
export interface Measure {
  readonly used: number;
  /** Sum of the requests of the measured Pods that set one; absent when none does. */
  readonly request?: number;
  /** Sum of the limits, only when every measured container sets one (otherwise the whole is unbounded). */
  readonly limit?: number;
  /** Nodes: what the scheduler may hand out (status.allocatable). */
  readonly allocatable?: number;
}

export interface MetricsFigures {
  readonly cpu: Measure;
  readonly memory: Measure;
  /** Pods measured into these figures (1 for a Pod; 0 for a Node whose Pods have no metrics yet). */
  readonly pods: number;
}

/** One poll's figures by graph node id: Pods, their controllers, Namespaces and Nodes. */
export type MetricsById = Readonly<Record<string, MetricsFigures>>;

export interface Usage {
  readonly namespace: string;
  readonly name: string;
  readonly cpu: number;
  readonly memory: number;
}

/** Where ids resolve to objects: the topology engine. */
export interface ObjectLookup {
  record(id: string): ObjectRecord | undefined;
}

interface MetricsItem {
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown };
  readonly usage?: Readonly<Record<string, unknown>>;
  readonly containers?: readonly { readonly usage?: Readonly<Record<string, unknown>> }[];
}

function itemsOf(list: unknown): readonly MetricsItem[] {
  const items = (list as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as MetricsItem[]) : [];
}

/** A PodMetricsList: each Pod's containers summed. Items without a name are skipped. */
export function parsePodMetrics(list: unknown): Usage[] {
  return itemsOf(list).flatMap((item) => {
    const name = item.metadata?.name;
    if (typeof name !== 'string' || !name) return [];
    const namespace = typeof item.metadata?.namespace === 'string' ? item.metadata.namespace : '';
    let cpu = 0;
    let memory = 0;
    for (const container of Array.isArray(item.containers) ? item.containers : []) {
      cpu += parseCpu(container.usage?.['cpu']) ?? 0;
      memory += parseMemory(container.usage?.['memory']) ?? 0;
    }
    return [{ namespace, name, cpu, memory }];
  });
}

/** A NodeMetricsList: each Node's own usage. */
export function parseNodeMetrics(list: unknown): Usage[] {
  return itemsOf(list).flatMap((item) => {
    const name = item.metadata?.name;
    if (typeof name !== 'string' || !name) return [];
    return [{ namespace: '', name, cpu: parseCpu(item.usage?.['cpu']) ?? 0, memory: parseMemory(item.usage?.['memory']) ?? 0 }];
  });
}

interface PodSpecTotals {
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

type Containers = readonly {
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}[];

/**
 * A Pod's requests and limits: its containers summed (init containers run before them, not beside them, and are
 * left out). A limit counts only when every container sets it.
 */
export function podResources(pod: KubeObject): PodSpecTotals {
  const containers = (pod['spec'] as { containers?: Containers } | undefined)?.containers;
  const totals: PodSpecTotals = {};
  if (!Array.isArray(containers) || containers.length === 0) return totals;
  const sum = (pick: (c: Containers[number]) => unknown, parse: (q: unknown) => number | undefined, all: boolean): number | undefined => {
    let total: number | undefined;
    for (const container of containers) {
      const value = parse(pick(container));
      if (value === undefined) {
        if (all) return undefined;
        continue;
      }
      total = (total ?? 0) + value;
    }
    return total;
  };
  const cpuRequest = sum((c) => c.resources?.requests?.['cpu'], parseCpu, false);
  const memoryRequest = sum((c) => c.resources?.requests?.['memory'], parseMemory, false);
  const cpuLimit = sum((c) => c.resources?.limits?.['cpu'], parseCpu, true);
  const memoryLimit = sum((c) => c.resources?.limits?.['memory'], parseMemory, true);
  if (cpuRequest !== undefined) totals.cpuRequest = cpuRequest;
  if (memoryRequest !== undefined) totals.memoryRequest = memoryRequest;
  if (cpuLimit !== undefined) totals.cpuLimit = cpuLimit;
  if (memoryLimit !== undefined) totals.memoryLimit = memoryLimit;
  return totals;
}

/** A figure being summed; `unbounded` notes that some part had no limit. */
interface Sum {
  used: number;
  request: number | undefined;
  limit: number | undefined;
  unbounded: boolean;
}

interface Accumulator {
  cpu: Sum;
  memory: Sum;
  pods: number;
}

const emptySum = (): Sum => ({ used: 0, request: undefined, limit: undefined, unbounded: false });

function addTo(sum: Sum, used: number, request: number | undefined, limit: number | undefined): void {
  sum.used += used;
  if (request !== undefined) sum.request = (sum.request ?? 0) + request;
  if (limit === undefined) sum.unbounded = true;
  else sum.limit = (sum.limit ?? 0) + limit;
}

function measureOf(sum: Sum, allocatable?: number): Measure {
  return {
    used: sum.used,
    ...(sum.request !== undefined ? { request: sum.request } : {}),
    ...(sum.limit !== undefined && !sum.unbounded ? { limit: sum.limit } : {}),
    ...(allocatable !== undefined ? { allocatable } : {}),
  };
}

const MAX_OWNER_DEPTH = 8;

/** The controllers above an object, nearest first, as far as the engine holds them (ReplicaSet, then Deployment). */
export function controllersOf(record: ObjectRecord, lookup: ObjectLookup): string[] {
  const chain: string[] = [];
  let current: ObjectRecord | undefined = record;
  while (current && chain.length < MAX_OWNER_DEPTH) {
    const owner = current.object.metadata?.ownerReferences?.find((reference) => reference.controller === true);
    if (!owner?.kind || !owner.name) break;
    const id = objectId(groupOfApiVersion(owner.apiVersion).group, owner.kind, current.namespace, owner.name);
    const next = lookup.record(id);
    if (!next || chain.includes(id) || (owner.uid && next.uid && owner.uid !== next.uid)) break;
    chain.push(id);
    current = next;
  }
  return chain;
}

/**
 * One poll turned into figures by node id. Pods are matched to the engine's objects by namespace and name (a Pod the
 * engine does not hold still counts for its namespace); Nodes add up the Pods scheduled on them.
 */
export function buildMetrics(pods: readonly Usage[], nodes: readonly Usage[], lookup: ObjectLookup): MetricsById {
  const sums = new Map<string, Accumulator>();
  const add = (id: string, usage: Usage, spec: PodSpecTotals): void => {
    let entry = sums.get(id);
    if (!entry) sums.set(id, (entry = { cpu: emptySum(), memory: emptySum(), pods: 0 }));
    addTo(entry.cpu, usage.cpu, spec.cpuRequest, spec.cpuLimit);
    addTo(entry.memory, usage.memory, spec.memoryRequest, spec.memoryLimit);
    entry.pods++;
  };
  for (const node of nodes) sums.set(objectId('core', 'Node', '', node.name), { cpu: emptySum(), memory: emptySum(), pods: 0 });
  for (const usage of pods) {
    const id = objectId('core', 'Pod', usage.namespace, usage.name);
    const record = lookup.record(id);
    const spec = record ? podResources(record.object) : {};
    add(id, usage, spec);
    if (usage.namespace) add(objectId('core', 'Namespace', '', usage.namespace), usage, spec);
    if (!record) continue;
    for (const controller of controllersOf(record, lookup)) add(controller, usage, spec);
    const nodeName = (record.object['spec'] as { nodeName?: unknown } | undefined)?.nodeName;
    const nodeSum = typeof nodeName === 'string' ? sums.get(objectId('core', 'Node', '', nodeName)) : undefined;
    if (nodeSum) {
      // A Node's own usage comes from NodeMetrics; its Pods give the requests and limits placed on it.
      addTo(nodeSum.cpu, 0, spec.cpuRequest, spec.cpuLimit);
      addTo(nodeSum.memory, 0, spec.memoryRequest, spec.memoryLimit);
      nodeSum.pods++;
    }
  }
  const figures: Record<string, MetricsFigures> = {};
  for (const node of nodes) {
    const id = objectId('core', 'Node', '', node.name);
    const entry = sums.get(id)!;
    entry.cpu.used = node.cpu;
    entry.memory.used = node.memory;
    const allocatable = (lookup.record(id)?.object['status'] as { allocatable?: Record<string, unknown> } | undefined)?.allocatable;
    figures[id] = {
      cpu: measureOf(entry.cpu, parseCpu(allocatable?.['cpu'])),
      memory: measureOf(entry.memory, parseMemory(allocatable?.['memory'])),
      pods: entry.pods,
    };
    sums.delete(id);
  }
  for (const [id, entry] of sums) figures[id] = { cpu: measureOf(entry.cpu), memory: measureOf(entry.memory), pods: entry.pods };
  return figures;
}
