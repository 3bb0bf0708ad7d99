/**
 * Shared plumbing of the real-control-plane tests: availability (skip locally, fail in CI), one plane per file, sessions
 * built the way clusterManager builds them, and polling helpers whose timeouts say what was still missing.
 */
import { rm } from 'node:fs/promises';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import type { GraphDelta, TopologyEdge, TopologyGraph } from '../../../src/engine/model/graph.js';
import { ApiClient } from '../../../src/extension/cluster/apiClient.js';
import { loadKubeconfig } from '../../../src/extension/cluster/kubeconfig.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import {
  BUILD_HINT,
  controlPlaneAvailable,
  startControlPlane,
  type ControlPlane,
  type ControlPlaneOptions,
} from '../controlplane/harness.js';

/** Whether the control plane is built here; under KUBILITICS_REQUIRE_CLUSTER=1 (CI) its absence fails the file. */
export function clusterAvailable(): boolean {
  const ready = controlPlaneAvailable();
  if (!ready && process.env['KUBILITICS_REQUIRE_CLUSTER'] === '1') {
    throw new Error(`real control plane tests are required (KUBILITICS_REQUIRE_CLUSTER=1) but the binaries are missing: ${BUILD_HINT}`);
  }
  if (!ready) console.log('skipped: no control plane (run scripts/build-controlplane.sh)');
  return ready;
}

/** Timings worth reporting (startup, whole file), printed once per file so CI logs show drift. */
export function report(line: string): void {
  console.log(`[real cluster] ${line}`);
}

/**
 * Starts a plane whose temp dir (component logs, etcd data) survives a failing file: `finish(passed)` removes it
 * only when everything passed, and otherwise prints where the logs are.
 */
export async function startPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane & { finish(passed: boolean): Promise<void> }> {
  const plane = await startControlPlane({ ...options, keepTempDir: true });
  report(`control plane ${plane.version} ready in ${(plane.startupMs / 1000).toFixed(1)} s`);
  return Object.assign(plane, {
    finish: async (passed: boolean): Promise<void> => {
      await plane.stop();
      if (passed) await rm(plane.tempDir, { recursive: true, force: true });
      else report(`kept the component logs: ${Object.values(plane.logFiles).join(' ')}`);
    },
  });
}

export interface LiveSession {
  readonly session: ClusterSession;
  /** Every delta the webview would have received, in order. */
  readonly deltas: GraphDelta[];
}

/** A session as clusterManager builds it: the kubeconfig's current context, its namespace as the fallback. */
export async function connect(kubeconfigPath: string): Promise<LiveSession> {
  const { config } = await loadKubeconfig([kubeconfigPath]);
  const namespace = config.getContextObject(config.getCurrentContext())?.namespace;
  const deltas: GraphDelta[] = [];
  const session = new ClusterSession(new ApiClient(config), {
    namespaces: [],
    ...(namespace ? { contextNamespace: namespace } : {}),
    onDelta: (delta) => deltas.push(delta),
    onStatus: () => undefined,
  });
  await session.start();
  return { session, deltas };
}

/** Informer phases that are not final: anything still syncing or retrying. */
export function unsettledKinds(session: ClusterSession): string[] {
  const watched = session.discovery?.watched.length ?? -1;
  const kinds = session.kinds();
  const pending = kinds.flatMap((status) =>
    [...status.scopes]
      .filter(([, state]) => state.phase !== 'live' && state.phase !== 'forbidden')
      .map(([scope, state]) => `${status.type.group}/${status.type.resource}@${scope}: ${JSON.stringify(state)}`),
  );
  if (kinds.length !== watched) pending.push(`${kinds.length} kinds have a status, ${watched} are watched`);
  if (kinds.some((status) => status.scopes.size === 0)) pending.push('some kinds have not reported yet');
  return pending;
}

/** Every watched kind is live (or forbidden, for a limited identity). */
export async function settled(session: ClusterSession, timeoutMs = 60_000): Promise<void> {
  await eventually(
    'every informer live',
    () => unsettledKinds(session).length === 0,
    timeoutMs,
    () => unsettledKinds(session).join('\n'),
  );
}

/**
 * Polls `probe` until it returns something other than undefined/false; on timeout the error carries `explain()`,
 * so a failure shows what was missing rather than just "timed out".
 */
export async function eventually<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
  explain?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = explain ? `\n${explain()}` : lastError ? `\nlast error: ${String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function findEdge(graph: TopologyGraph, source: string, type: string, target: string): TopologyEdge | undefined {
  return graph.edges.find((edge) => edge.source === source && edge.type === type && edge.target === target);
}

/** Edges of `type` from `source` to targets whose id starts with `targetPrefix` (generated names: ReplicaSets, Pods). */
export function edgesFrom(graph: TopologyGraph, source: string, type: string, targetPrefix: string): TopologyEdge[] {
  return graph.edges.filter((edge) => edge.source === source && edge.type === type && edge.target.startsWith(targetPrefix));
}

/** Ids of nodes with this prefix, e.g. `core/Pod/shop/web-`. */
export function nodeIds(graph: TopologyGraph, prefix: string): string[] {
  return graph.nodes.filter((node) => node.id.startsWith(prefix)).map((node) => node.id);
}

/** What differs between two graphs, briefly, for failure messages. */
export function graphDifference(mine: TopologyGraph, theirs: TopologyGraph): string {
  const lines = (graph: TopologyGraph): Set<string> =>
    new Set([...graph.nodes.map((node) => `node ${JSON.stringify(node)}`), ...graph.edges.map((edge) => `edge ${JSON.stringify(edge)}`)]);
  const a = lines(mine);
  const b = lines(theirs);
  const onlyMine = [...a].filter((line) => !b.has(line)).slice(0, 8);
  const onlyTheirs = [...b].filter((line) => !a.has(line)).slice(0, 8);
  return `only in the long-lived session:\n  ${onlyMine.join('\n  ')}\nonly in the fresh session:\n  ${onlyTheirs.join('\n  ')}`;
}

/**
 * The long-lived session and a fresh one built now agree: both settled, then the same graph at some moment (the
 * controllers may still be writing, so a single comparison could catch one of them a few milliseconds behind).
 */
export async function agreesWithFreshSession(live: ClusterSession, kubeconfigPath: string, timeoutMs = 60_000): Promise<void> {
  const fresh = await connect(kubeconfigPath);
  try {
    await settled(fresh.session);
    await eventually(
      'the long-lived and the fresh session to show the same graph',
      () => serializeGraph(live.engine.graph()) === serializeGraph(fresh.session.engine.graph()),
      timeoutMs,
      () => graphDifference(live.engine.graph(), fresh.session.engine.graph()),
    );
  } finally {
    fresh.session.dispose();
  }
}
