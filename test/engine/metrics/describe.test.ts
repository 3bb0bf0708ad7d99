import { describe, expect, it } from 'vitest';
import { treeUsage } from '../../../src/engine/metrics/describe.js';

const MI = 2 ** 20;

describe('treeUsage', () => {
  it('a workload says how many Pods it sums; a Pod or a Node does not', () => {
    const figures = { cpu: { used: 240, request: 500 }, memory: { used: 200 * MI, limit: 100 * MI }, pods: 2 };
    expect(treeUsage(figures, 'Deployment')).toEqual({
      short: 'cpu 240m (48%) · mem 200Mi over limit',
      lines: ['Usage of 2 pods:', 'CPU: 240m / 500m request (48%)', 'Memory: 200Mi · 100Mi limit (200%)'],
    });
    expect(treeUsage({ ...figures, pods: 1 }, 'Namespace').lines[0]).toBe('Usage of 1 pod:');
    expect(treeUsage(figures, 'Pod').lines).toEqual(['CPU: 240m / 500m request (48%)', 'Memory: 200Mi · 100Mi limit (200%)']);
  });
});
