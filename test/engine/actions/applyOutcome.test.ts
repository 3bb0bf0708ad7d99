import { describe, expect, it } from 'vitest';
import { changedPaths, comparable, compareDryRun } from '../../../src/engine/actions/applyOutcome';
import type { KubeMetadata, KubeObject } from '../../../src/engine/model/object';

const live: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u1',
    resourceVersion: '10',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl', operation: 'Apply', time: '2026-01-01T00:00:00Z' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  } as KubeMetadata,
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1' }] } } },
  status: { replicas: 2 },
};
const withSpec = (spec: unknown, metadata: Record<string, unknown> = {}): KubeObject =>
  ({ ...live, metadata: { ...live.metadata, ...metadata }, spec }) as KubeObject;

describe('what a dry run says an apply does', () => {
  it('is created when nothing is live', () => {
    expect(compareDryRun(undefined, live, false, 'kubilitics')).toEqual({ outcome: 'created', changes: [] });
  });

  it('is unchanged when only what every write touches differs', () => {
    const dryRun = withSpec(live['spec'], {
      resourceVersion: '11',
      generation: 4,
      managedFields: [{ manager: 'kubilitics', operation: 'Apply', time: '2026-02-01T00:00:00Z' }],
    });
    expect(compareDryRun(live, { ...dryRun, status: { replicas: 0 } }, false, 'kubilitics')).toEqual({ outcome: 'unchanged', changes: [] });
  });

  it('is configured, with the paths that change', () => {
    const dryRun = withSpec({ replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } });
    expect(compareDryRun(live, dryRun, false, 'kubilitics')).toEqual({
      outcome: 'configured',
      changes: ['spec.replicas', 'spec.template.spec.containers[0].image'],
    });
  });

  it('tells a Secret by its field manager entry, never its values', () => {
    const secret = (time?: string, labels?: Record<string, string>): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        ...(labels ? { labels } : {}),
        ...(time ? { managedFields: [{ manager: 'kubilitics', operation: 'Apply', time }] } : {}),
      } as KubeMetadata,
    });
    expect(compareDryRun(undefined, secret('t1'), true, 'kubilitics').changes).toEqual(['data set (values are never shown)']);
    expect(compareDryRun(secret('t1'), secret('t1'), true, 'kubilitics')).toEqual({ outcome: 'unchanged', changes: [] });
    expect(compareDryRun(secret('t1'), secret('t2'), true, 'kubilitics')).toEqual({
      outcome: 'configured',
      changes: ['data changed (values are never shown)'],
    });
    expect(compareDryRun(secret(), secret('t2'), true, 'kubilitics').changes[0]).toMatch(/now also managed by kubilitics/);
    expect(compareDryRun(secret('t1'), secret('t1', { a: 'b' }), true, 'kubilitics').changes).toEqual(['metadata.labels']);
  });
});

describe('comparing objects', () => {
  it('sets aside status, volatile metadata and the last-applied copy', () => {
    expect(comparable(live)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: live['spec'],
    });
  });

  it('names added, removed and resized fields, up to a limit', () => {
    expect(changedPaths({ a: 1, b: [1, 2] }, { b: [1], c: { d: 1 } })).toEqual(['a', 'b', 'c']);
    expect(changedPaths({ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 2 }, 2)).toEqual(['a', 'b']);
    expect(changedPaths(1, 2)).toEqual(['(whole object)']);
  });
});
