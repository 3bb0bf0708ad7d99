import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../src/engine/graph/engine.js';
import { compareGraphs } from '../../src/extension/history/timeline.js';

const pod = (name: string, phase: string): { object: Record<string, unknown> } => ({
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, status: { phase } },
});
const service = { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' } } } };

describe('comparing two moments', () => {
  it('keeps removed items drawable and says what changed', () => {
    const before = TopologyEngine.build([pod('a', 'Running'), pod('b', 'Running'), service]).graph();
    const after = TopologyEngine.build([pod('a', 'Failed'), pod('c', 'Pending'), service]).graph();
    const { graph, diff } = compareGraphs(before, after, { from: 'then', to: 'now' });
    expect(graph.nodes.map((n) => n.id)).toEqual([
      'core/Pod/default/a',
      'core/Pod/default/b',
      'core/Pod/default/c',
      'core/Service/default/web',
    ]);
    expect(diff.removed).toEqual(['core/Pod/default/b', 'core/Service/default/web>selects>core/Pod/default/b']);
    expect(diff.added).toEqual(['core/Pod/default/c', 'core/Service/default/web>selects>core/Pod/default/c']);
    expect(diff.changed).toEqual(['core/Pod/default/a']);
    expect(diff.changes).toEqual([
      '+ Pod default/c',
      '− Pod default/b',
      '~ Pod default/a: Running → Failed',
      '+ selects: Service default/web → Pod default/c',
      '− selects: Service default/web → Pod default/b',
    ]);
  });
});
