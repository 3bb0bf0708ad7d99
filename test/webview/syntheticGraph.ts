/**
 * Deterministic synthetic topologies shaped like real clusters (namespaces of Deployments with
 * ReplicaSets and pods, Services, Ingresses, ConfigMaps, Secrets, ServiceAccounts, HPAs, Nodes), used by
 * the layout benchmark and the large-graph browser test.
 */
import type {
  EdgeType,
  NodeStatus,
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
} from '../../src/engine/model/graph';
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

/** Nodes per app: Deployment, ReplicaSet, 3 pods, Service, ConfigMap, Secret = 8 (+ Ingress/HPA/SA extras). */
const PODS_PER_APP = 3;

function addApp(b: Builder, ns: string, app: number, nodeIds: readonly string[], sa: string): void {
  const name = `app-${app}`;
  const deploy = b.node('apps', 'Deployment', ns, name, { status: 'Ready' });
  const rs = b.node('apps', 'ReplicaSet', ns, `${name}-5c9f`, { status: 'Ready', controller: deploy });
  b.edge(deploy, 'owns', rs, { controller: true });
  const svc = b.node('core', 'Service', ns, name);
  const cm = b.node('core', 'ConfigMap', ns, `${name}-config`);
  const secret = b.node('core', 'Secret', ns, `${name}-creds`);
  for (let p = 0; p < PODS_PER_APP; p++) {
    const status: NodeStatus = (app + p) % 17 === 0 ? 'CrashLoopBackOff' : 'Running';
    const pod = b.node('core', 'Pod', ns, `${name}-5c9f-${p}`, { status, controller: rs });
    b.edge(rs, 'owns', pod, { controller: true });
    b.edge(svc, 'selects', pod);
    b.edge(pod, 'mounts', cm);
    b.edge(pod, 'env', secret);
    b.edge(pod, 'uses', sa);
    b.edge(pod, 'runs-on', nodeIds[(app * PODS_PER_APP + p) % nodeIds.length] ?? '');
  }
  if (app % 3 === 0) {
    const ing = b.node('networking.k8s.io', 'Ingress', ns, name);
    b.edge(ing, 'routes', svc);
  }
  if (app % 4 === 0) {
    const hpa = b.node('autoscaling', 'HorizontalPodAutoscaler', ns, name);
    b.edge(hpa, 'scales', deploy);
  }
}

/** A graph with roughly `target` nodes spread over namespaces of ~25 apps each. */
export function syntheticGraph(target: number): TopologyGraph {
  const b = new Builder();
  const nodeCount = Math.max(2, Math.round(target / 120));
  const nodeIds = Array.from({ length: nodeCount }, (_, i) =>
    b.node('core', 'Node', '', `worker-${i}`, { status: 'Ready' }),
  );
  let ns = 0;
  while (b.nodes.length < target) {
    const namespace = `team-${ns++}`;
    const sa = b.node('core', 'ServiceAccount', namespace, 'default');
    for (let app = 0; app < 25 && b.nodes.length < target; app++) addApp(b, namespace, app, nodeIds, sa);
  }
  return { nodes: b.nodes, edges: b.edges };
}
