import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { containerPhase, containersOf, diffPods, logQuery, parseDuration, podsOf } from '../../../src/engine/logs/targets.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

const labels = { app: 'web' };
const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels } } },
};
const replicaSet = (name: string, uid: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop',
    uid,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }],
  },
  spec: { selector: { matchLabels: { ...labels, hash: name } } },
});
const pod = (name: string, owner: string, ownerUid: string, extra: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    labels: { ...labels, hash: owner, ...extra },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: ownerUid, controller: true }],
  },
  spec: {
    initContainers: [{ name: 'migrate' }],
    containers: [{ name: 'app' }, { name: 'sidecar' }],
    ephemeralContainers: [{ name: 'debugger' }],
  },
  status: {
    initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 0 } } }],
    containerStatuses: [
      { name: 'app', state: { running: {} } },
      { name: 'sidecar', state: { waiting: { reason: 'ContainerCreating' } } },
    ],
  },
});
const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: labels } };
const other: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'shop', labels: { app: 'db' } } };

describe('podsOf', () => {
  const objects = [
    deployment,
    replicaSet('web-a', 'r1'),
    replicaSet('web-b', 'r2'),
    pod('web-a-1', 'web-a', 'r1'),
    pod('web-b-1', 'web-b', 'r2'),
    service,
    other,
  ];
  const graph = TopologyEngine.build(objects.map((object) => ({ object }))).graph();

  it("finds a Deployment's Pods across its ReplicaSets (a rollout in progress)", () => {
    expect(podsOf(graph, 'apps/Deployment/shop/web')).toEqual(['core/Pod/shop/web-a-1', 'core/Pod/shop/web-b-1']);
  });
  it("finds one ReplicaSet's Pods only", () => {
    expect(podsOf(graph, 'apps/ReplicaSet/shop/web-a')).toEqual(['core/Pod/shop/web-a-1']);
  });
  it("finds a Service's selected Pods, not other Pods", () => {
    expect(podsOf(graph, 'core/Service/shop/web')).toEqual(['core/Pod/shop/web-a-1', 'core/Pod/shop/web-b-1']);
  });
  it('is the Pod itself for a Pod', () => {
    expect(podsOf(graph, 'core/Pod/shop/db-0')).toEqual(['core/Pod/shop/db-0']);
  });
});

describe('containers', () => {
  const p = pod('web-a-1', 'web-a', 'r1');
  it('lists init, main and ephemeral containers in that order', () => {
    expect(containersOf(p)).toEqual([
      { name: 'migrate', role: 'init' },
      { name: 'app', role: 'main' },
      { name: 'sidecar', role: 'main' },
      { name: 'debugger', role: 'ephemeral' },
    ]);
  });
  it('reads whether a container has started', () => {
    expect(containerPhase(p, 'migrate')).toBe('terminated');
    expect(containerPhase(p, 'app')).toBe('running');
    expect(containerPhase(p, 'sidecar')).toBe('waiting');
    expect(containerPhase(p, 'debugger')).toBe('unknown');
  });
});

describe('pods joining and leaving', () => {
  it('says which joined and which left', () => {
    expect(diffPods(['a', 'b'], ['b', 'c', 'd'])).toEqual({ joined: ['c', 'd'], left: ['a'] });
  });
});

describe('logQuery and durations', () => {
  it('always asks for timestamps; tail and since apply to the first connection only', () => {
    expect(logQuery('app', { follow: true, tailLines: 100, sinceSeconds: 300 })).toBe(
      'container=app&timestamps=true&follow=true&tailLines=100&sinceSeconds=300',
    );
    expect(logQuery('app', { follow: true, tailLines: 100 }, '2024-05-01T10:00:01Z')).toBe(
      'container=app&timestamps=true&follow=true&sinceTime=2024-05-01T10%3A00%3A01Z',
    );
    expect(logQuery('app', { follow: true, previous: true })).toBe('container=app&timestamps=true&previous=true');
  });
  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});
