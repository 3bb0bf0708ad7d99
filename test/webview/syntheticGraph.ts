/**
 * Deterministic synthetic topologies shaped like real clusters (namespaces of Deployments with
 * ReplicaSets and pods, Services, Ingresses, ConfigMaps, Secrets, ServiceAccounts, HPAs, Nodes), used by
 * the layout benchmark and the large-graph browser test.
 */
import type { EdgeType, NodeStatus, TopologyEdge, TopologyGraph, TopologyNode } from '../../src/engine/model/graph';
import { edgeId } from '../../src/engine/model/graph';

class Builder {
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];

  node(group: string, kind: string, namespace: string, name: string, extra: Partial<TopologyNode> = {}): string {
    const id = `${group}/${kind}/${namespace}/${name}`;
    this.nodes.push({ id, kind, group, namespace, name, labels: { app: name }, status: 'Unknown', ...extra });
    return id;
  }

  edge(source: string, type: EdgeType, target: string, extra: Partial<TopologyEdge> = {}): void {
    this.edges.push({ id: edgeId(source, type, target), source, target, type, via: [], ...extra });
  }
}

/** Small seeded PRNG (mulberry32) so every run builds the same "irregular" cluster. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['api', 'web', 'checkout', 'payments', 'search', 'catalog', 'auth', 'notifications', 'ledger', 'frontend'];

interface Context {
  readonly b: Builder;
  readonly rnd: () => number;
  readonly nodeIds: readonly string[];
  readonly ns: string;
  readonly sa: string;
  readonly services: string[];
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function addPods(ctx: Context, owner: string, base: string, count: number, svc: string, cm: string, secret: string): void {
  const { b, rnd } = ctx;
  for (let p = 0; p < count; p++) {
    const status: NodeStatus = rnd() < 0.05 ? 'CrashLoopBackOff' : rnd() < 0.05 ? 'Pending' : 'Running';
    const pod = b.node('core', 'Pod', ctx.ns, `${base}-${Math.floor(rnd() * 1e5).toString(36)}`, { status, controller: owner });
    b.edge(owner, 'owns', pod, { controller: true });
    b.edge(svc, 'selects', pod);
    b.edge(pod, 'mounts', cm);
    b.edge(pod, 'env', secret);
    b.edge(pod, 'runs-as', ctx.sa);
    b.edge(pod, 'runs-on', pick(rnd, ctx.nodeIds));
  }
}

function addApp(ctx: Context, app: number): void {
  const { b, rnd, ns } = ctx;
  const name = `${pick(rnd, WORDS)}-${app}`;
  const stateful = rnd() < 0.2;
  const svc = b.node('core', 'Service', ns, name);
  ctx.services.push(svc);
  const cm = b.node('core', 'ConfigMap', ns, `${name}-config`);
  const secret = b.node('core', 'Secret', ns, `${name}-credentials`);
  const pods = 1 + Math.floor(rnd() * 6);
  if (stateful) {
    const sts = b.node('apps', 'StatefulSet', ns, name, { status: 'Ready' });
    addPods(ctx, sts, name, pods, svc, cm, secret);
    return;
  }
  const deploy = b.node('apps', 'Deployment', ns, name, { status: 'Ready' });
  // Some Deployments keep an old ReplicaSet around after a rollout.
  for (let r = 0; r < (rnd() < 0.3 ? 2 : 1); r++) {
    const rs = b.node('apps', 'ReplicaSet', ns, `${name}-${Math.floor(rnd() * 1e6).toString(36)}`, { controller: deploy });
    b.edge(deploy, 'owns', rs, { controller: true });
    addPods(ctx, rs, `${name}-rs${r}`, r === 0 ? pods : 1, svc, cm, secret);
  }
  if (rnd() < 0.25) b.edge(b.node('autoscaling', 'HorizontalPodAutoscaler', ns, name), 'scales', deploy);
}

function addIngresses(ctx: Context): void {
  const { b, rnd, ns, services } = ctx;
  for (let i = 0; i < Math.ceil(services.length / 6); i++) {
    const ing = b.node('networking.k8s.io', 'Ingress', ns, `ingress-${i}`);
    // An Ingress routing to several Services ties their components into one, as in real clusters.
    for (let r = 0; r < 1 + Math.floor(rnd() * 3); r++) b.edge(ing, 'routes', pick(rnd, services));
  }
}

/** A graph with roughly `target` nodes spread over namespaces of up to 25 irregular apps each. */
export function syntheticGraph(target: number, seed = 42): TopologyGraph {
  const b = new Builder();
  const rnd = random(seed);
  const nodeIds = Array.from({ length: Math.max(2, Math.round(target / 120)) }, (_, i) =>
    b.node('core', 'Node', '', `worker-${i}`, { status: 'Ready' }),
  );
  let ns = 0;
  while (b.nodes.length < target) {
    const namespace = `team-${ns++}`;
    const sa = b.node('core', 'ServiceAccount', namespace, 'default');
    const ctx: Context = { b, rnd, nodeIds, ns: namespace, sa, services: [] };
    for (let app = 0; app < 25 && b.nodes.length < target; app++) addApp(ctx, app);
    addIngresses(ctx);
  }
  // Edges may name the same (source, type, target) twice when an Ingress picks a Service again.
  const unique = new Map(b.edges.map((e) => [e.id, e]));
  return { nodes: b.nodes, edges: [...unique.values()] };
}
