import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import type { KubeMetadata, KubeObject } from '../../../src/engine/model/object.js';
import { describeMeasure, measureState, shortFigures } from '../../../src/engine/metrics/describe.js';
import { buildMetrics, parseNodeMetrics, parsePodMetrics, podResources } from '../../../src/engine/metrics/metricsModel.js';

/** Small builders: a controller chain Deployment → ReplicaSet → Pod, a lone Pod, a Node. */
const meta = (kind: string, name: string, namespace: string, owner?: { kind: string; apiVersion: string; name: string }): KubeMetadata => ({
  name,
  namespace,
  uid: `${kind}-${name}`,
  ...(owner ? { ownerReferences: [{ ...owner, uid: `${owner.kind}-${owner.name}`, controller: true }] } : {}),
});

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const pod = (name: string, namespace: string, node: string, containers: Resources[], owner?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('Pod', name, namespace, owner ? { kind: 'ReplicaSet', apiVersion: 'apps/v1', name: owner } : undefined),
  spec: { nodeName: node, containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'x', resources })) },
});
const deployment = (name: string, namespace: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('Deployment', name, namespace),
  spec: {},
});
const replicaSet = (name: string, namespace: string, deploymentName: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: meta('ReplicaSet', name, namespace, { kind: 'Deployment', apiVersion: 'apps/v1', name: deploymentName }),
  spec: {},
});
const node = (name: string, cpu: string, memory: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `Node-${name}` },
  status: { allocatable: { cpu, memory } },
});

const podMetrics = (namespace: string, name: string, ...containers: [string, string][]): unknown => ({
  metadata: { name, namespace },
  timestamp: '2026-01-01T00:00:00Z',
  window: '10s',
  containers: containers.map(([cpu, memory], i) => ({ name: `c${i}`, usage: { cpu, memory } })),
});

const engineOf = (objects: readonly KubeObject[]): TopologyEngine => TopologyEngine.build(objects.map((object) => ({ object })));

function cluster(): TopologyEngine {
  return engineOf([
    node('n1', '4', '8Gi'),
    deployment('web', 'shop'),
    replicaSet('web-1', 'shop', 'web'),
    pod('web-1-a', 'shop', 'n1', [{ requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } }], 'web-1'),
    pod('web-1-b', 'shop', 'n1', [{ requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } }], 'web-1'),
    pod('lone', 'shop', 'n1', [{ requests: { cpu: '100m' } }, {}]),
  ]);
}

describe('the metrics model', () => {
  it('parses PodMetrics and sums the containers', () => {
    const list = {
      kind: 'PodMetricsList',
      items: [podMetrics('shop', 'lone', ['12m', '10Mi'], ['250000n', '123456Ki']), { metadata: {} }],
    };
    const [usage, ...rest] = parsePodMetrics(list);
    expect(rest).toEqual([]);
    expect(usage).toMatchObject({ namespace: 'shop', name: 'lone' });
    expect(usage!.cpu).toBeCloseTo(12.25);
    expect(usage!.memory).toBe(10 * 2 ** 20 + 123456 * 1024);
    expect(parsePodMetrics({})).toEqual([]);
    expect(parsePodMetrics(null)).toEqual([]);
  });

  it('parses NodeMetrics', () => {
    expect(parseNodeMetrics({ items: [{ metadata: { name: 'n1' }, usage: { cpu: '1500m', memory: '2Gi' } }] })).toEqual([
      { namespace: '', name: 'n1', cpu: 1500, memory: 2 ** 31 },
    ]);
  });

  it('reads requests and limits from a Pod spec; a limit only when every container has one', () => {
    expect(podResources(pod('p', 'ns', 'n', [{ requests: { cpu: '100m' }, limits: { cpu: '1' } }, { requests: { cpu: '50m' } }]))).toEqual({
      cpuRequest: 150,
    });
    expect(podResources(pod('p', 'ns', 'n', [{ limits: { memory: '1Gi' } }, { limits: { memory: '1Gi' } }]))).toEqual({
      memoryLimit: 2 ** 31,
    });
    expect(podResources({ kind: 'Pod' })).toEqual({});
  });

  it('aggregates per Pod, workload (the whole owner chain), namespace and Node', () => {
    const engine = cluster();
    const pods = parsePodMetrics({
      items: [
        podMetrics('shop', 'web-1-a', ['120m', '100Mi']),
        podMetrics('shop', 'web-1-b', ['600m', '20Mi']),
        podMetrics('shop', 'lone', ['5m', '1Mi'], ['5m', '1Mi']),
        podMetrics('other', 'unknown', ['1m', '1Mi']),
      ],
    });
    const nodes = parseNodeMetrics({ items: [{ metadata: { name: 'n1' }, usage: { cpu: '1', memory: '1Gi' } }] });
    const figures = buildMetrics(pods, nodes, engine);

    const a = figures['core/Pod/shop/web-1-a']!;
    expect(a.cpu).toEqual({ used: 120, request: 250, limit: 500 });
    expect(describeMeasure(a.cpu, 'cpu')).toBe('120m / 250m request (48%) · 500m limit (24%)');
    expect(measureState(figures['core/Pod/shop/web-1-b']!.cpu)).toBe('over-limit');
    expect(measureState(figures['core/Pod/shop/web-1-b']!.memory)).toBe('ok');

    for (const id of ['apps/ReplicaSet/shop/web-1', 'apps/Deployment/shop/web']) {
      expect(figures[id]).toEqual({
        cpu: { used: 720, request: 500, limit: 1000 },
        memory: { used: 120 * 2 ** 20, request: 128 * 2 ** 20, limit: 256 * 2 ** 20 },
        pods: 2,
      });
    }
    expect(measureState(figures['apps/Deployment/shop/web']!.cpu)).toBe('over-request');

    // The lone Pod has a container without limits: the namespace as a whole is unbounded.
    const shop = figures['core/Namespace//shop']!;
    expect(shop.pods).toBe(3);
    expect(shop.cpu).toEqual({ used: 730, request: 600 });
    expect(figures['core/Namespace//other']!.pods).toBe(1);
    expect(figures['core/Pod/other/unknown']!.cpu).toEqual({ used: 1 });

    const n1 = figures['core/Node//n1']!;
    expect(n1).toEqual({
      cpu: { used: 1000, request: 600, allocatable: 4000 },
      memory: { used: 2 ** 30, request: 128 * 2 ** 20, allocatable: 8 * 2 ** 30 },
      pods: 3,
    });
    expect(describeMeasure(n1.cpu, 'cpu')).toBe('1 / 4 allocatable (25%) · 600m requested (15%)');
    expect(shortFigures(n1)).toBe('cpu 1 (25%) · mem 1Gi (13%)');
    expect(shortFigures(figures['core/Pod/shop/web-1-b']!)).toBe('cpu 600m (240%) over limit · mem 20Mi (31%)');
  });

  it('stops the owner chain at an owner it does not hold or whose uid differs', () => {
    const engine = engineOf([
      replicaSet('rs', 'ns', 'gone'),
      pod('p', 'ns', 'n1', [{}], 'rs'),
      {
        ...pod('q', 'ns', 'n1', [{}]),
        metadata: {
          name: 'q',
          namespace: 'ns',
          ownerReferences: [{ kind: 'ReplicaSet', apiVersion: 'apps/v1', name: 'rs', uid: 'other', controller: true }],
        },
      },
    ]);
    const figures = buildMetrics(
      parsePodMetrics({ items: [podMetrics('ns', 'p', ['1m', '1Mi']), podMetrics('ns', 'q', ['1m', '1Mi'])] }),
      [],
      engine,
    );
    expect(figures['apps/ReplicaSet/ns/rs']!.pods).toBe(1);
    expect(figures['apps/Deployment/ns/gone']).toBeUndefined();
    expect(describeMeasure(figures['core/Pod/ns/p']!.memory, 'memory')).toBe('1Mi');
  });
});
