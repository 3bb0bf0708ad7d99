import type { TopologyEdge, TopologyGraph } from '../model/graph.js';
import { field, type KubeObject } from '../model/object.js';

/** The kinds whose logs are all of their Pods' logs. */
export const LOG_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Service'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export function isLogKind(kind: string): kind is LogKind {
  return (LOG_KINDS as readonly string[]).includes(kind);
}

/**
 * Ids of the Pods behind an object, from the engine's graph: a Pod is itself; a workload's Pods are those it owns
 * (through its ReplicaSets) or selects; a Service's are those it selects. Sorted, so joins and leaves are stable.
 */
export function podsOf(graph: Pick<TopologyGraph, 'edges'>, id: string): string[] {
  if (id.split('/')[1] === 'Pod') return [id];
  const out = new Map<string, TopologyEdge[]>();
  for (const edge of graph.edges) {
    if ((edge.type !== 'owns' && edge.type !== 'selects') || edge.broken) continue;
    let list = out.get(edge.source);
    if (!list) out.set(edge.source, (list = []));
    list.push(edge);
  }
  const isService = id.split('/')[1] === 'Service';
  const pods = new Set<string>();
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const edge of out.get(current) ?? []) {
      // A Service selects Pods (and, by template labels, workloads): only its Pods count, not what those own.
      if (isService && current === id && edge.target.split('/')[1] !== 'Pod') continue;
      if (seen.has(edge.target)) continue;
      seen.add(edge.target);
      if (edge.target.split('/')[1] === 'Pod') pods.add(edge.target);
      else if (edge.type === 'owns') queue.push(edge.target);
    }
  }
  return [...pods].sort();
}

export type ContainerRole = 'init' | 'main' | 'ephemeral';

export interface ContainerRef {
  readonly name: string;
  readonly role: ContainerRole;
}

/** Every container of a Pod: init containers first, then the main ones, then ephemeral (debug) ones. */
export function containersOf(pod: KubeObject): ContainerRef[] {
  const names = (path: string, role: ContainerRole): ContainerRef[] => {
    const list = field(pod, 'spec', path);
    return Array.isArray(list)
      ? list
          .map((c: unknown) => field(c, 'name'))
          .filter((name): name is string => typeof name === 'string' && name !== '')
          .map((name) => ({ name, role }))
      : [];
  };
  return [...names('initContainers', 'init'), ...names('containers', 'main'), ...names('ephemeralContainers', 'ephemeral')];
}

/** What the kubelet says of a container: started (has logs), waiting (not yet), or unknown (no status yet). */
export type ContainerPhase = 'running' | 'terminated' | 'waiting' | 'unknown';

export function containerPhase(pod: KubeObject, container: string): ContainerPhase {
  for (const key of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    const statuses = field(pod, 'status', key);
    if (!Array.isArray(statuses)) continue;
    const status: unknown = statuses.find((s: unknown) => field(s, 'name') === container);
    if (status === undefined) continue;
    if (field(status, 'state', 'running') !== undefined) return 'running';
    if (field(status, 'state', 'terminated') !== undefined) return 'terminated';
    // Waiting after a crash: the previous instance has logs, the current one not yet.
    return 'waiting';
  }
  return 'unknown';
}

/** Pods that joined and left between two sets of ids. */
export function diffPods(before: Iterable<string>, after: Iterable<string>): { joined: string[]; left: string[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { joined: [...b].filter((id) => !a.has(id)).sort(), left: [...a].filter((id) => !b.has(id)).sort() };
}

export interface LogOptions {
  /** Keep the stream open for new lines. */
  readonly follow: boolean;
  /** Lines from the end to start with; undefined: all. */
  readonly tailLines?: number | undefined;
  /** Start this many seconds back; undefined: from the beginning (or the tail). */
  readonly sinceSeconds?: number | undefined;
  /** The previous (crashed) instance of the container. */
  readonly previous?: boolean | undefined;
  /** Show timestamps (they are always requested: resuming needs them). */
  readonly timestamps?: boolean | undefined;
}

/**
 * The query of one `pods/{name}/log` request. A resumed request (`sinceTime` set) asks from that moment and never for
 * a tail: the tail applied only to the first connection.
 */
export function logQuery(container: string, options: LogOptions, sinceTime?: string): string {
  const query = new URLSearchParams({ container, timestamps: 'true' });
  if (options.follow && !options.previous) query.set('follow', 'true');
  if (options.previous) query.set('previous', 'true');
  if (sinceTime !== undefined) query.set('sinceTime', sinceTime);
  else {
    if (options.tailLines !== undefined && options.tailLines >= 0) query.set('tailLines', String(Math.floor(options.tailLines)));
    if (options.sinceSeconds !== undefined && options.sinceSeconds > 0) query.set('sinceSeconds', String(Math.ceil(options.sinceSeconds)));
  }
  return query.toString();
}

/** Parses a duration such as `90s`, `5m`, `1h30m`, `2d` into seconds; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?[smhd])+$/.test(trimmed)) return undefined;
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  let seconds = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) seconds += Number(match[1]) * unit[match[2]!]!;
  return seconds > 0 ? seconds : undefined;
}
