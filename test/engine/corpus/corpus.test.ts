import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeInsights } from '../../../src/engine/insights.js';
import { validateGraph } from '../../../src/engine/graph/validate.js';
import { topologyFromPaths } from '../../../src/engine/topology.js';
import { edge } from '../support.js';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');
const present = existsSync(CORPUS);
if (!present) console.log('skipped: no ../shared/corpus');

const corpusIt = present ? it : it.skip;
const load = (...parts: string[]): ReturnType<typeof topologyFromPaths> =>
  topologyFromPaths(
    parts.map((part) => join(CORPUS, part)),
    { root: CORPUS },
  );

describe('corpus (../shared/corpus)', () => {
  corpusIt('every set loads without a crash and gives a valid graph', async () => {
    const sets = present ? readdirSync(CORPUS).filter((entry) => statSync(join(CORPUS, entry)).isDirectory()) : [];
    expect(sets.length).toBeGreaterThan(10);
    for (const set of sets) {
      const topology = await load(set);
      const graph = topology.engine.graph();
      expect(validateGraph(graph), set).toEqual([]);
      expect(topology.manifests.objects.length, set).toBeGreaterThan(0);
    }
  });

  corpusIt('reports the run-together kalc dump clearly and recovers its objects', async () => {
    const topology = await load('kalc-gke-dump/tesg1.yaml');
    const warning = topology.findings.find((w) => w.source?.file === 'kalc-gke-dump/tesg1.yaml' && w.severity === 'error');
    expect(warning?.message).toMatch(/7 objects run together without '---'/);
    expect(topology.manifests.objects.length).toBe(99);
    const graph = topology.engine.graph();
    expect(graph.edges.some((e) => e.type === 'owns' && e.source.startsWith('apps/ReplicaSet/') && !e.broken)).toBe(true);
    expect(graph.edges.some((e) => e.type === 'runs-on' && e.target.startsWith('core/Node//') && !e.broken)).toBe(true);
  });

  corpusIt('bookinfo: Services select their Deployments; pods use their service accounts', async () => {
    const graph = (await load('bookinfo')).engine.graph();
    expect(edge(graph, 'core/Service/default/productpage', 'selects', 'apps/Deployment/default/productpage-v1')).toBeDefined();
    expect(graph.edges.filter((e) => e.source === 'core/Service/default/reviews' && e.type === 'selects')).toHaveLength(3);
    expect(
      edge(graph, 'apps/Deployment/default/reviews-v2', 'runs-as', 'core/ServiceAccount/default/bookinfo-reviews')?.broken,
    ).toBeUndefined();
  });

  corpusIt('argo-cd: RoleBindings → Roles and ServiceAccounts; NetworkPolicies → Deployments', async () => {
    const graph = (await load('argo-cd')).engine.graph();
    const binding = 'rbac.authorization.k8s.io/RoleBinding/default/argocd-server';
    expect(edge(graph, binding, 'binds', 'rbac.authorization.k8s.io/Role/default/argocd-server')?.broken).toBeUndefined();
    expect(edge(graph, binding, 'binds', 'core/ServiceAccount/default/argocd-server')?.broken).toBeUndefined();
    expect(
      edge(
        graph,
        'networking.k8s.io/NetworkPolicy/default/argocd-server-network-policy',
        'applies-to',
        'apps/Deployment/default/argocd-server',
      ),
    ).toBeDefined();
    expect(
      edge(
        graph,
        'apps/StatefulSet/default/argocd-application-controller',
        'runs-as',
        'core/ServiceAccount/default/argocd-application-controller',
      ),
    ).toBeDefined();
  });

  corpusIt('kube-prometheus: NetworkPolicies → the workloads they select', async () => {
    const graph = (await load('kube-prometheus')).engine.graph();
    expect(
      edge(graph, 'networking.k8s.io/NetworkPolicy/monitoring/grafana', 'applies-to', 'apps/Deployment/monitoring/grafana'),
    ).toBeDefined();
    expect(
      edge(graph, 'networking.k8s.io/NetworkPolicy/monitoring/node-exporter', 'applies-to', 'apps/DaemonSet/monitoring/node-exporter'),
    ).toBeDefined();
    expect(
      edge(graph, 'networking.k8s.io/NetworkPolicy/monitoring/grafana', 'applies-to', 'apps/Deployment/monitoring/kube-state-metrics'),
    ).toBeUndefined();
  });

  corpusIt(
    'gateway-api: cross-namespace attachment follows allowedRoutes; cross-namespace certificates need a ReferenceGrant',
    async () => {
      const withLabels = (await load('gateway-api/cross-namespace-routing')).engine.graph();
      const gateway = 'gateway.networking.k8s.io/Gateway/infra-ns/shared-gateway';
      expect(edge(withLabels, gateway, 'routes', 'gateway.networking.k8s.io/HTTPRoute/site-ns/home')?.broken).toBeUndefined();
      const withoutLabels = (
        await load('gateway-api/cross-namespace-routing/gateway.yaml', 'gateway-api/cross-namespace-routing/site-route.yaml')
      ).engine.graph();
      expect(edge(withoutLabels, gateway, 'routes', 'gateway.networking.k8s.io/HTTPRoute/site-ns/home')?.broken).toBe('not-permitted');
      const tls = (await load('gateway-api/tls-cert-cross-namespace.yaml')).engine.graph();
      const certificate = [
        'gateway.networking.k8s.io/Gateway/gateway-api-example-ns1/cross-namespace-tls-gateway',
        'uses',
        'core/Secret/gateway-api-example-ns2/wildcard-example-com-cert',
      ] as const;
      expect(edge(tls, ...certificate)?.broken).toBe('missing');
    },
  );

  corpusIt('insights name objects and source lines (k8s-website wordpress, vllm HPA)', async () => {
    const topology = await load('k8s-website', 'vllm-hpa');
    const insights = computeInsights({ graph: topology.engine.graph(), record: (id) => topology.engine.record(id) });
    expect(insights.length).toBeGreaterThan(0);
    for (const insight of insights) expect(insight.objects.length).toBeGreaterThan(0);
    expect(insights.every((insight) => insight.kind !== 'broken-reference' || insight.source?.file)).toBe(true);
  });
});

describe('corpus findings (../shared/corpus)', () => {
  corpusIt('kalc-gke-dump: service-account token Secrets are one group of notes, not 53 warnings', async () => {
    const topology = await load('kalc-gke-dump');
    const missingSecret = (f: { message: string }): boolean => /→ Secret \S+ \(.*\) is not in the input/.test(f.message);
    const secretWarnings = topology.findings.filter((f) => f.severity === 'warning' && missingSecret(f));
    const secretNotes = topology.findings.filter((f) => f.severity === 'info' && missingSecret(f));
    // Before: 56 warnings, one per reference. Left: the agent's own Secret (envFrom), referenced three times.
    expect(secretWarnings.map((f) => f.message.match(/Secret (\S+)/)![1])).toEqual(Array(3).fill('kube-system/magalix-agent'));
    expect(secretNotes.length).toBe(53);
    expect(new Set(secretNotes.map((f) => f.kind))).toEqual(new Set(['external-secret']));
  });

  corpusIt('the whole corpus opened at once: no duplicate errors between its apps, only within one', async () => {
    const topology = await topologyFromPaths([CORPUS], { root: CORPUS });
    const app = (file: string | undefined): string => (file ?? '').split('/')[0]!;
    const duplicates = topology.findings.filter((f) => f.kind === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const duplicate of duplicates) {
      const kept = /repeats (\S+?):\d+/.exec(duplicate.message)![1];
      expect(app(kept), duplicate.message).toBe(app(duplicate.source?.file));
    }
    const across = topology.findings.filter((f) => f.kind === 'defined-in-several-sets');
    expect(across.map((f) => f.severity)).toEqual(Array(across.length).fill('info'));
    // guestbook vs guestbook-go, online-boutique vs guestbook, vllm-hpa vs kube-prometheus, kalc-gke-dump vs guestbook(-go).
    expect(across.length).toBe(18);
  });
});
