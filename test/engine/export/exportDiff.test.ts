/** Two exports read back and compared: what a pull request review is told, and what a bad file is told. */
import { describe, expect, it } from 'vitest';
import { topologyChanges } from '../../../src/engine/export/exportDiff.js';
import { ExportReadError, readExport } from '../../../src/engine/export/readExport.js';

interface NodeSpec {
  readonly id: string;
  readonly status?: string;
  readonly detail?: string;
  readonly labels?: Record<string, string>;
  readonly missing?: boolean;
  readonly x?: number;
}

function node(spec: NodeSpec): Record<string, unknown> {
  const [apiGroup, kind, namespace, name] = spec.id.split('/');
  return {
    id: spec.id,
    kind,
    name,
    namespace,
    status: spec.status ?? 'Unknown',
    x: spec.x ?? 0,
    y: 0,
    apiGroup,
    ...(spec.detail === undefined ? {} : { detail: spec.detail }),
    ...(spec.labels === undefined ? {} : { labels: spec.labels }),
    ...(spec.missing === true ? { missing: true } : {}),
  };
}

function edge(source: string, type: string, target: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: `${source}>${type}>${target}`, source, target, type, ...extra };
}

function exported(nodes: Record<string, unknown>[], edges: Record<string, unknown>[]): string {
  return JSON.stringify({ format: 'kubilitics-topology', version: 1, title: 't', nodes, edges });
}

const API = 'apps/Deployment/shop/api';
const WORKER = 'apps/Deployment/shop/worker';
const CONFIG = 'core/ConfigMap/shop/settings';
const SERVICE = 'core/Service/shop/api';

const base = exported(
  [node({ id: API, detail: '2 desired', labels: { app: 'api' } }), node({ id: SERVICE, x: 10 }), node({ id: CONFIG })],
  [edge(SERVICE, 'selects', API, { via: ['selector app=api'] }), edge(API, 'env', CONFIG, { via: ['env A'] })],
);

describe('topologyChanges of two exports', () => {
  it('tells added and removed objects, changed details and relations, and a new broken reference', () => {
    const head = exported(
      [
        node({ id: API, detail: '3 desired', labels: { app: 'api', tier: 'web' }, x: 500 }),
        node({ id: WORKER }),
        node({ id: SERVICE, x: 99 }),
        node({ id: 'core/ConfigMap/shop/worker-settings', missing: true, status: 'Missing' }),
      ],
      [
        edge(SERVICE, 'selects', API, { via: ['selector app=api', 'port 80'] }),
        edge(WORKER, 'env', 'core/ConfigMap/shop/worker-settings', { via: ['envFrom'], broken: 'missing' }),
      ],
    );
    const changes = topologyChanges(readExport(base, 'base.json').graph, readExport(head, 'head.json').graph);
    expect(changes.unchanged).toBe(false);
    expect(changes.addedObjects.map((c) => c.object)).toEqual(['Deployment shop/worker']);
    // The placeholder for the missing ConfigMap is told as a broken reference, not as an object of the manifests.
    expect(changes.removedObjects.map((c) => c.object)).toEqual(['ConfigMap shop/settings']);
    expect(changes.changedObjects).toEqual([{ object: 'Deployment shop/api', what: ['2 desired → 3 desired', 'label tier=web added'] }]);
    expect(changes.removedRelations.map((r) => `${r.source} ${r.type} ${r.target}`)).toEqual([
      'Deployment shop/api env ConfigMap shop/settings',
    ]);
    expect(changes.changedRelations).toEqual([
      expect.objectContaining({ source: 'Service shop/api', type: 'selects', what: ['+ port 80'] }),
    ]);
    expect(changes.newBrokenReferences).toEqual([
      expect.objectContaining({ source: 'Deployment shop/worker', target: 'ConfigMap shop/worker-settings', broken: 'missing' }),
    ]);
  });

  it('finds nothing when only the layout moved', () => {
    const moved = base.replace('"x":10', '"x":400');
    expect(moved).not.toBe(base);
    const changes = topologyChanges(readExport(base, 'a').graph, readExport(moved, 'b').graph);
    expect(changes.unchanged).toBe(true);
  });

  it('tells a reference that broke on an existing relation, and one that was mended', () => {
    const broken = exported(
      [node({ id: API }), node({ id: CONFIG, missing: true })],
      [edge(API, 'env', CONFIG, { via: ['env A'], broken: 'missing' })],
    );
    const whole = exported([node({ id: API }), node({ id: CONFIG })], [edge(API, 'env', CONFIG, { via: ['env A'] })]);
    const breaking = topologyChanges(readExport(whole, 'a').graph, readExport(broken, 'b').graph);
    expect(breaking.newBrokenReferences.map((r) => r.target)).toEqual(['ConfigMap shop/settings']);
    expect(breaking.changedRelations[0]?.what).toEqual(['now broken (missing)']);
    expect(breaking.removedObjects).toEqual([]);
    const mending = topologyChanges(readExport(broken, 'b').graph, readExport(whole, 'a').graph);
    expect(mending.mendedReferences.map((r) => r.target)).toEqual(['ConfigMap shop/settings']);
    expect(mending.newBrokenReferences).toEqual([]);
  });

  it('lists at most ten members that joined or left a summary node, then how many more', () => {
    const summary = (members: string[]): string =>
      exported([{ ...node({ id: 'x/Namespace/shop/shop' }), id: 'nsc:shop', aggregate: 'namespace', members }], []);
    const configMaps = Array.from({ length: 12 }, (_, i) => `core/ConfigMap/shop/c${String(i).padStart(2, '0')}`);
    const changes = topologyChanges(readExport(summary([API]), 'a').graph, readExport(summary(configMaps), 'b').graph);
    expect(changes.changedObjects).toEqual([
      {
        object: 'Namespace shop',
        what: [...configMaps.slice(0, 10).map((id) => `+ ConfigMap shop/${id.split('/')[3]}`), 'and 3 more'],
      },
    ]);
  });

  it('reads YAML exports as JSON ones', () => {
    const yaml = [
      'format: kubilitics-topology',
      'nodes:',
      `  - {id: ${API}, kind: Deployment, name: api, namespace: shop, status: Unknown}`,
      'edges: []',
    ].join('\n');
    expect(readExport(yaml, 'a.yaml').graph.nodes.map((n) => n.id)).toEqual([API]);
  });
});

describe('readExport refuses what is not an export, saying why', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON or YAML', '{"format": ', /x\.json is not JSON or YAML/],
    ['another document', '{"kind": "Deployment"}', /not a Kubilitics topology export/],
    ['nodes not a list', '{"format": "kubilitics-topology", "nodes": 3, "edges": []}', /"nodes" is not a list of objects/],
    ['a node without id', '{"format": "kubilitics-topology", "nodes": [{"kind": "Pod"}], "edges": []}', /nodes\[0\]: "id" is missing/],
    [
      'an unknown relation',
      '{"format": "kubilitics-topology", "nodes": [], "edges": [{"id": "a", "source": "a", "target": "b", "type": "likes"}]}',
      /edges\[0\]: unknown relation type 'likes'/,
    ],
    ['YAML aliases', 'format: kubilitics-topology\nnodes: &n []\nedges: *n\n', /not JSON or YAML/],
  ];
  it.each(cases)('%s', (_name, content, message) => {
    expect(() => readExport(content, 'x.json')).toThrow(ExportReadError);
    expect(() => readExport(content, 'x.json')).toThrow(message);
  });
});
