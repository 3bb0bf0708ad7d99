/**
 * CPU and memory through the real metrics API: metrics-server (built from its Go module) scrapes kwok's simulated
 * kubelet `/metrics/resource`, where each Pod's usage comes from its `kwok.x-k8s.io/usage-*` annotations, and
 * kube-apiserver serves it as metrics.k8s.io through an APIService. The poller reads it as the extension does; the
 * limited identity (no access to metrics.k8s.io) is told so once, quietly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMeasure, measureState, treeUsage } from '../../../src/engine/metrics/describe.js';
import { buildOverlay } from '../../../src/engine/metrics/overlay.js';
import { deriveView } from '../../../src/engine/viewModel/deriveView.js';
import { GraphStore } from '../../../src/engine/viewModel/graphStore.js';
import { DEFAULT_VIEW_OPTIONS } from '../../../src/engine/viewModel/viewOptions.js';
import type { MetricsFigures } from '../../../src/engine/metrics/metricsModel.js';
import { METRICS_GROUP, MetricsPoller, type MetricsState } from '../../../src/extension/cluster/metricsPoller.js';
import { BUILD_HINT, metricsServerAvailable } from '../controlplane/harness.js';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { clusterAvailable, connect, eventually, settled, startPlane, type LiveSession } from './support.js';

/** metrics-server is part of the build: under KUBILITICS_REQUIRE_CLUSTER=1 its absence fails the file, as the plane's does. */
function metricsAvailable(): boolean {
  if (!clusterAvailable()) return false;
  if (metricsServerAvailable()) return true;
  if (process.env['KUBILITICS_REQUIRE_CLUSTER'] === '1') throw new Error(`metrics-server is required but missing: ${BUILD_HINT}`);
  console.log('skipped: no metrics-server (rerun scripts/build-controlplane.sh)');
  return false;
}
const available = metricsAvailable();
const NS = 'metrics';

/** A Deployment whose Pods use `cpu`/`memory` (kwok reports it) and request/limit what is given. */
function busy(name: string, replicas: number, usage: { cpu: string; memory: string }, resources: Record<string, unknown>): k.Manifest {
  const manifest = k.deployment(name, NS, replicas);
  const template = (
    manifest['spec'] as { template: { metadata: Record<string, unknown>; spec: { containers: Record<string, unknown>[] } } }
  ).template;
  template.metadata['annotations'] = { 'kwok.x-k8s.io/usage-cpu': usage.cpu, 'kwok.x-k8s.io/usage-memory': usage.memory };
  template.spec.containers[0]!['resources'] = resources;
  return manifest;
}

describe.skipIf(!available)('metrics against the real control plane (metrics-server scraping kwok)', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let live: LiveSession;
  const pollers: MetricsPoller[] = [];
  let passed = false;

  beforeAll(async () => {
    plane = await startPlane({ metrics: true });
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    await admin.apply(k.namespace(NS));
    live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
  });

  afterAll(async () => {
    for (const poller of pollers) poller.dispose();
    live?.session.dispose();
    await plane?.finish(passed);
  });

  function poller(session = live.session, namespaces: string[] = []): { poller: MetricsPoller; states: MetricsState[]; lines: string[] } {
    const states: MetricsState[] = [];
    const lines: string[] = [];
    const created = new MetricsPoller(session.api, {
      intervalSeconds: 0,
      servedVersion: () => session.discovery?.groups.get(METRICS_GROUP),
      lookup: session.engine,
      namespaces,
      onState: (state) => states.push(state),
      log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    });
    pollers.push(created);
    return { poller: created, states, lines };
  }

  it('discovery finds metrics.k8s.io, served by metrics-server', () => {
    expect(live.session.discovery?.groups.get(METRICS_GROUP)).toBe('v1beta1');
  });

  it('shows Pods, their Deployment, the namespace and the Nodes against requests and limits', async () => {
    await admin.apply(
      busy(
        'web',
        2,
        { cpu: '120m', memory: '100Mi' },
        { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      ),
    );
    const pods = await admin.waitForPods(NS, 'web', 2);
    await eventually('the session to hold the Pods', () => pods.every((pod) => live.session.engine.record(`core/Pod/${NS}/${pod}`)));
    const { poller: metrics, states } = poller();
    const nodesOf = pods.map((pod) => {
      const spec = live.session.engine.record(`core/Pod/${NS}/${pod}`)?.object['spec'] as { nodeName?: string } | undefined;
      return spec?.nodeName ?? '';
    });
    // metrics-server scrapes every 10 s: a new Pod (and a Node that had none, whose usage was zero) appears after its first scrape.
    const figures = await eventually(
      'metrics of both Pods and their Nodes',
      async () => {
        await metrics.poll();
        const state = metrics.current!;
        const ids = [...pods.map((pod) => `core/Pod/${NS}/${pod}`), ...nodesOf.map((node) => `core/Node//${node}`)];
        return state.state === 'live' && ids.every((id) => state.figures[id]) ? state.figures : undefined;
      },
      90_000,
      () => JSON.stringify(metrics.current).slice(0, 2000),
    );
    // CPU is a rate metrics-server derives from kwok's cumulative counter between two scrapes: 120m give or take.
    const about = (millicores: number): unknown => expect.closeTo(millicores, -0.5);
    const pod: MetricsFigures = figures[`core/Pod/${NS}/${pods[0]!}`]!;
    expect(pod.cpu).toEqual({ used: about(120), request: 250, limit: 500 });
    expect(pod.memory).toEqual({ used: 100 * 2 ** 20, request: 64 * 2 ** 20, limit: 256 * 2 ** 20 });
    expect(describeMeasure(pod.cpu, 'cpu')).toBe('120m / 250m request (48%) · 500m limit (24%)');
    expect(measureState(pod.memory)).toBe('over-request');

    const deployment = figures[`apps/Deployment/${NS}/web`]!;
    expect(deployment).toEqual({
      cpu: { used: about(240), request: 500, limit: 1000 },
      memory: { used: 200 * 2 ** 20, request: 128 * 2 ** 20, limit: 512 * 2 ** 20 },
      pods: 2,
    });
    // The Resources tree's row of the Deployment, from these figures (the same function the tree calls).
    const row = treeUsage(deployment, 'Deployment');
    expect(row.short).toMatch(/^cpu 2[34]\dm \(4[789]%\) · mem 200Mi \(156%\) over request$/);
    expect(row.lines[0]).toBe('Usage of 2 pods:');
    expect(row.lines[2]).toBe('Memory: 200Mi / 128Mi request (156%) · 512Mi limit (39%)');
    // The poller kept each live poll for the sparklines: the last one is the figures just read.
    const series = metrics.history.series(`apps/Deployment/${NS}/web`);
    expect(series?.cpu.at(-1)).toBe(deployment.cpu.used);
    expect(series?.times.length).toBe(metrics.history.size);
    const replicaSets = Object.keys(figures).filter((id) => id.startsWith(`apps/ReplicaSet/${NS}/web-`));
    expect(replicaSets).toHaveLength(1);
    expect(figures[`core/Namespace//${NS}`]!.cpu.used).toBeCloseTo(240, -0.5);

    for (const node of new Set(nodesOf)) {
      const figure = figures[`core/Node//${node}`]!;
      expect(figure.cpu.allocatable, node).toBe(32_000);
      expect(figure.memory.allocatable, node).toBe(128 * 2 ** 30);
      // kwok's node usage is the sum of its Pods' (the metrics-server window may catch the default 1m of others).
      expect(figure.cpu.used, node).toBeGreaterThanOrEqual(119 * nodesOf.filter((name) => name === node).length);
    }
    const nodeRequests = [...new Set(nodesOf)].reduce((sum, node) => sum + (figures[`core/Node//${node}`]!.cpu.request ?? 0), 0);
    expect(nodeRequests).toBe(500);
    expect(states.at(-1)?.state).toBe('live');

    // The topology overlay from these real figures, on the view the webview derives (the workload level folds the
    // Pods under their Deployment): memory over request is the top step, CPU at 48% of its request the second.
    const store = new GraphStore();
    store.reset(live.session.engine.graph());
    const view = deriveView(store, { ...DEFAULT_VIEW_OPTIONS, level: 'workload' });
    const shownAs = view.representative.get(`apps/Deployment/${NS}/web`)!;
    const memory = buildOverlay(view, figures, 'memory');
    expect(memory.entries.get(shownAs)).toMatchObject({ basis: 'request', level: 4 });
    expect(memory.entries.get(shownAs)?.ratio).toBeCloseTo(200 / 128, 2);
    expect(buildOverlay(view, figures, 'cpu').entries.get(shownAs)).toMatchObject({ basis: 'request', level: 1 });
    // Top consumers count each Pod once, by the node that draws it: here the fold of the Deployment's Pods.
    const podsShownAs = view.representative.get(`core/Pod/${NS}/${pods[0]!}`)!;
    const top = buildOverlay(view, figures, 'cpu').top;
    expect(top.map((entry) => entry.id)).toContain(podsShownAs);
    expect(top.find((entry) => entry.id === podsShownAs)?.figures.cpu.used).toBeCloseTo(240, -0.5);
  });

  it('the limited identity is refused metrics.k8s.io: one line, with the next step, and no figures', async () => {
    const limited = await connect(plane.limitedKubeconfigPath);
    try {
      await settled(limited.session);
      const { poller: metrics, lines } = poller(limited.session, [plane.limitedNamespace]);
      await metrics.poll();
      await metrics.poll();
      expect(metrics.current!.state).toBe('unavailable');
      expect(metrics.current!.state !== 'live' && metrics.current!.message).toMatch(/forbidden.*get, list/);
      expect(lines).toHaveLength(1);
    } finally {
      limited.session.dispose();
    }
  });

  it('a metrics-server that stops answering (503), then an APIService removed: told once each, figures gone', async () => {
    const { poller: metrics, lines } = poller();
    await metrics.poll();
    expect(metrics.current!.state).toBe('live');
    const apiService = (port: number): k.Manifest => ({
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: {
        group: METRICS_GROUP,
        version: 'v1beta1',
        service: { namespace: 'kube-system', name: 'metrics-server', port },
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    });
    // Nothing listens on port 9 (discard) here: kube-apiserver answers 503 for the group.
    await admin.apply(apiService(9));
    await eventually('a 503 from the aggregated API', async () => {
      await metrics.poll();
      return metrics.current!.state === 'unavailable';
    });
    await metrics.poll();
    expect(metrics.current!.state !== 'live' && metrics.current!.message).toMatch(/registered but not answering \(503\)/);

    // The session sees the APIService go and rediscovers: the group is no longer served, so nothing is requested.
    await admin.delete(apiService(9));
    await eventually('discovery without metrics.k8s.io', () => !live.session.discovery?.groups.has(METRICS_GROUP), 30_000);
    await metrics.poll();
    await metrics.poll();
    expect(metrics.current!.state !== 'live' && metrics.current!.message).toMatch(
      /does not serve metrics\.k8s\.io: install metrics-server/,
    );
    expect(lines.filter((line) => /503/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /does not serve/.test(line))).toHaveLength(1);
    passed = true;
  });
});
