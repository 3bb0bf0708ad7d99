import { describe, expect, it } from 'vitest';
import { clusterComparison, describeComparison, type ComparedObject } from '../../../src/engine/actions/clusterComparison';

const compared: ComparedObject[] = [
  { id: 'core/Namespace//shop', label: 'Namespace shop', outcome: 'unchanged', changes: [] },
  {
    id: 'apps/Deployment/shop/web',
    label: 'Deployment shop/web',
    outcome: 'configured',
    changes: ['spec.replicas', 'metadata.labels.tier'],
  },
  { id: 'core/Service/shop/web', label: 'Service shop/web', outcome: 'created', changes: [] },
  { id: undefined, label: 'ConfigMap shop/gone', outcome: 'created', changes: [] },
  { id: 'core/Secret/shop/db', label: 'Secret shop/db', outcome: 'failed', changes: [], reason: 'not permitted (403)' },
];

describe('a manifests view compared with a cluster', () => {
  it('marks what would be created as added and what would be configured as changed, and nothing as removed', () => {
    const diff = clusterComparison('kind-dev', compared);
    expect(diff.added).toEqual(['core/Service/shop/web']);
    expect(diff.changed).toEqual(['apps/Deployment/shop/web']);
    expect(diff.removed).toEqual([]);
    expect(diff.from).toBe('cluster kind-dev');
  });

  it('says each difference in words, unchanged objects left out', () => {
    expect(clusterComparison('kind-dev', compared).changes).toEqual([
      '~ Deployment shop/web: would change spec.replicas, metadata.labels.tier',
      '+ Service shop/web: would be created',
      '+ ConfigMap shop/gone: would be created',
      '! Secret shop/db: not compared (not permitted (403))',
    ]);
    const many = { ...compared[1]!, changes: ['a', 'b', 'c', 'd', 'e'] };
    expect(clusterComparison('x', [many]).changes).toEqual(['~ Deployment shop/web: would change a, b, c and 2 more']);
  });

  it('counts the outcomes that occur', () => {
    expect(describeComparison(compared)).toBe('2 would be created, 1 would be configured, 1 unchanged, 1 not compared');
    expect(describeComparison([])).toBe('no objects');
  });
});
