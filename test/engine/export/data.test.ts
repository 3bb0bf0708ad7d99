/** JSON and YAML exports: valid against the schema in the repo, stably ordered, the same data in both. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exportData, renderJson, renderYaml } from '../../../src/engine/export/data.js';
import { EDGE_TYPES } from '../../../src/engine/model/graph.js';
import { EDGE_VISUALS } from '../../../src/engine/visual/edges.js';
import { FAMILY_VISUALS } from '../../../src/engine/visual/kinds.js';
import { STATUS_TONE } from '../../../src/engine/visual/status.js';
import { graphOf } from '../support.js';
import { EXAMPLE, SMALL_YAML, graphOfPaths, sceneOf } from './support.js';

const SCHEMA_PATH = resolve(__dirname, '../../../src/engine/export/topology-export.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as {
  $defs: Record<string, { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> }>;
};
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

describe('JSON and YAML export', () => {
  it('validates against the JSON Schema, in both formats and with every view option', async () => {
    const graph = await graphOfPaths(EXAMPLE);
    for (const choices of [
      {},
      { namespaces: ['shop'], collapsePods: false },
      { groupByNamespace: false, kinds: ['Deployment', 'Service'] },
    ]) {
      const scene = await sceneOf(graph, choices);
      const json = JSON.parse(renderJson(scene)) as unknown;
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(parse(renderYaml(scene))).toEqual(json);
    }
  });

  it('keeps the schema in step with the engine vocabulary', () => {
    const defs = schema.$defs;
    expect(defs['edge']?.properties['type']?.enum).toEqual([...EDGE_TYPES]);
    expect(defs['view']?.properties['hiddenEdgeTypes']?.items?.enum).toEqual([...EDGE_TYPES]);
    expect(Object.keys(EDGE_VISUALS).sort()).toEqual([...EDGE_TYPES].sort());
    expect(defs['node']?.properties['family']?.enum?.sort()).toEqual(Object.keys(FAMILY_VISUALS).sort());
    expect(defs['node']?.properties['status']?.enum?.sort()).toEqual(Object.keys(STATUS_TONE).sort());
  });

  it('is sorted by id with a fixed key order, and lists what folded nodes stand for', async () => {
    const data = exportData(await sceneOf(graphOf(SMALL_YAML)));
    const ids = data.nodes.map((n) => n['id'] as string);
    expect(ids).toEqual([...ids].sort());
    expect(Object.keys(data.nodes[0] ?? {}).slice(0, 11)).toEqual([
      'id',
      'kind',
      'name',
      'namespace',
      'status',
      'family',
      'shape',
      'x',
      'y',
      'width',
      'height',
    ]);
    const pods = data.nodes.find((n) => n['aggregate'] === 'pods');
    expect(pods?.['members']).toEqual(['apps/ReplicaSet/shop/web-1', 'core/Pod/shop/web-1-a', 'core/Pod/shop/web-1-b']);
    expect(pods?.['status']).toBe('Pending');
    const selects = data.edges.find(
      (e) => e['type'] === 'selects' && e['source'] === 'core/Service/shop/web' && e['target'] === pods?.['id'],
    );
    expect(selects?.['members']).toEqual([
      'core/Service/shop/web>selects>core/Pod/shop/web-1-a',
      'core/Service/shop/web>selects>core/Pod/shop/web-1-b',
    ]);
  });

  it('changes one node and its lines when one object changes', async () => {
    const before = renderJson(await sceneOf(graphOf(SMALL_YAML)));
    const after = renderJson(
      await sceneOf(graphOf(SMALL_YAML.replace('data: { greeting: hello }', 'data: { greeting: hi }\n  # same shape'))),
    );
    expect(after).toBe(before); // ConfigMap data is not in the graph: nothing to diff
    const relabelled = renderJson(
      await sceneOf(
        graphOf(
          SMALL_YAML.replace(
            'metadata: { name: web-config, namespace: shop }',
            'metadata: { name: web-config, namespace: shop, labels: { tier: web } }',
          ),
        ),
      ),
    );
    const changed = diffLines(before, relabelled);
    expect(changed).toEqual(['+        "tier": "web"', '+      "labels": {', '+      }'].sort());
  });
});

function diffLines(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  const removed = left.filter((line) => !right.includes(line)).map((l) => `-${l}`);
  const added = right.filter((line) => !left.includes(line)).map((l) => `+${l}`);
  return [...removed, ...added].sort();
}
