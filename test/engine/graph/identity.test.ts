import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { graphOf } from '../support.js';

describe('identity and scope', () => {
  it('namespaced objects without a namespace get the default (configurable); cluster-scoped get none', () => {
    const g = graphOf(`apiVersion: v1
kind: ConfigMap
metadata: { name: c }
---
apiVersion: v1
kind: Node
metadata: { name: n, namespace: wrongly-set }
`);
    expect(g.nodes.map((n) => n.id)).toEqual(['core/ConfigMap/default/c', 'core/Node//n']);
    const custom = TopologyEngine.build([{ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } }], {
      defaultNamespace: 'dev',
    });
    expect(custom.graph().nodes[0]?.id).toBe('core/ConfigMap/dev/c');
  });

  it('keeps uid and source; reports objects without names and duplicates', () => {
    const engine = TopologyEngine.build([
      { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'u-1' } }, source: { file: 'b.yaml', line: 3 } },
      { object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, source: { file: 'a.yaml', line: 9 } },
      { object: { apiVersion: 'v1', kind: 'Pod', metadata: {} }, source: { file: 'c.yaml', line: 1 } },
    ]);
    const node = engine.graph().nodes[0];
    expect(node).toMatchObject({ id: 'core/Pod/default/p', source: { file: 'a.yaml', line: 9 } });
    expect(engine.warnings.map((w) => w.message)).toEqual([
      'duplicate Pod default/p: b.yaml:3 repeats a.yaml:9; using the first',
      'Pod without metadata.name',
    ]);
  });

  it('groups: owner chain, instance and part-of labels', () => {
    const g = graphOf(`apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: { app.kubernetes.io/instance: shop, app.kubernetes.io/part-of: retail }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: rs, controller: true }]
`);
    expect(g.nodes.find((n) => n.id === 'core/Pod/default/p')).toMatchObject({
      controller: 'apps/ReplicaSet/default/rs',
      instance: 'shop',
      partOf: 'retail',
    });
  });
});

describe('kinds hidden by RBAC', () => {
  it('references to absent objects of hidden kinds are neither drawn nor broken, and the change is a delta', () => {
    const engine = TopologyEngine.build([
      {
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { nodeName: 'n1', volumes: [{ name: 'v', configMap: { name: 'gone' } }] },
        },
      },
    ]);
    expect(engine.graph().edges.map((e) => [e.target, e.broken])).toEqual([
      ['core/ConfigMap/default/gone', 'missing'],
      ['core/Node//n1', 'missing'],
    ]);
    const delta = engine.setHiddenKinds(new Set(['core/Node']));
    expect(delta.removedNodes).toEqual(['core/Node//n1']);
    expect(engine.graph().edges.map((e) => [e.target, e.broken])).toEqual([['core/ConfigMap/default/gone', 'missing']]);
    expect(engine.setHiddenKinds(new Set(['core/Node'])).removedNodes).toEqual([]);
  });
});
