import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import type { ClusterExplorerNode } from '../../../src/extension/integrations/kubernetesToolsContract.js';
import { followedKubeconfig, targetId, topologyTarget } from '../../../src/extension/integrations/kubernetesToolsTargets.js';

/** Nodes as the Kubernetes extension's resolveCommandTarget gives them (src/api/implementation/cluster-explorer/common.ts). */
const resource = (manifestKind: string, abbreviation: string, name: string, namespace: string | null): ClusterExplorerNode => ({
  nodeType: 'resource',
  resourceKind: { manifestKind, abbreviation },
  name,
  namespace,
  metadata: namespace ? { name, namespace } : { name },
});

function engineWith(...objects: KubeObject[]): TopologyEngine {
  const engine = new TopologyEngine();
  for (const object of objects) engine.apply({ type: 'upsert', object });
  return engine;
}

describe('what a node of the Clusters tree opens', () => {
  it('opens the cluster of a context, active or not', () => {
    expect(topologyTarget({ nodeType: 'context', name: 'prod' })).toEqual({ type: 'cluster', context: 'prod' });
    expect(topologyTarget({ nodeType: 'context.inactive', name: 'dev' })).toEqual({ type: 'cluster', context: 'dev' });
  });

  it('opens a namespace for a Namespace resource and the object for any other resource', () => {
    expect(topologyTarget(resource('Namespace', 'namespace', 'team-a', null))).toEqual({ type: 'namespace', namespace: 'team-a' });
    expect(topologyTarget(resource('Deployment', 'deployment', 'web', 'team-a'))).toEqual({
      type: 'object',
      kind: 'Deployment',
      namespace: 'team-a',
      name: 'web',
    });
    expect(topologyTarget(resource('Node', 'node', 'node-1', null))).toEqual({
      type: 'object',
      kind: 'Node',
      namespace: undefined,
      name: 'node-1',
    });
  });

  it('opens nothing for folders, Helm releases, data items, errors, contributed nodes or foreign targets', () => {
    for (const nodeType of ['folder.grouping', 'folder.resource', 'configitem', 'error', 'helm.release', 'extension'] as const) {
      expect(topologyTarget({ nodeType } as ClusterExplorerNode)).toBeUndefined();
    }
    expect(topologyTarget(undefined)).toBeUndefined();
    expect(topologyTarget({ nodeType: 'context', name: '' })).toBeUndefined();
    expect(topologyTarget({ nodeType: 'resource', name: 'x', namespace: null } as unknown as ClusterExplorerNode)).toBeUndefined();
    expect(
      topologyTarget({ nodeType: 'resource', name: 7, namespace: null, resourceKind: { manifestKind: 'Pod' } } as never),
    ).toBeUndefined();
  });
});

describe('the graph id of a target', () => {
  const engine = engineWith(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team-a' } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team-a' } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team-b' } },
  );
  const idOf = (kind: string, namespace: string, name: string): string | undefined =>
    [...engine.objects()].find((r) => r.kind === kind && r.namespace === namespace && r.name === name)?.id;

  it('is the id the engine gives the same object, for built-in kinds namespaced or not', () => {
    expect(targetId({ type: 'namespace', namespace: 'team-a' }, engine)).toBe(idOf('Namespace', '', 'team-a'));
    expect(targetId({ type: 'object', kind: 'Deployment', namespace: 'team-a', name: 'web' }, engine)).toBe(
      idOf('Deployment', 'team-a', 'web'),
    );
    expect(targetId({ type: 'object', kind: 'Node', namespace: undefined, name: 'node-1' }, engine)).toBe(idOf('Node', '', 'node-1'));
  });

  it('is known for a built-in kind before the object is listed', () => {
    const id = targetId({ type: 'object', kind: 'Pod', namespace: 'team-a', name: 'later' }, new TopologyEngine());
    const later = engineWith({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'later', namespace: 'team-a' } });
    expect(id).toBe([...later.objects()][0]!.id);
  });

  it('finds a custom resource among the objects (the tree gives no group), preferring the namespace asked for', () => {
    expect(targetId({ type: 'object', kind: 'Widget', namespace: 'team-b', name: 'w' }, engine)).toBe(idOf('Widget', 'team-b', 'w'));
    expect(targetId({ type: 'object', kind: 'Widget', namespace: undefined, name: 'w' }, engine, 'team-b')).toBe(
      idOf('Widget', 'team-b', 'w'),
    );
    expect(targetId({ type: 'object', kind: 'Widget', namespace: undefined, name: 'w' }, engine)).toBe(idOf('Widget', 'team-a', 'w'));
    expect(targetId({ type: 'object', kind: 'Widget', namespace: 'team-c', name: 'w' }, engine)).toBeUndefined();
    expect(targetId({ type: 'cluster', context: 'x' }, engine)).toBeUndefined();
  });

  it('finds a namespaced built-in object listed without its namespace', () => {
    expect(targetId({ type: 'object', kind: 'Deployment', namespace: undefined, name: 'web' }, engine)).toBe(
      idOf('Deployment', 'team-a', 'web'),
    );
  });
});

describe('the kubeconfig followed from the Kubernetes extension', () => {
  const trusted = { workspaceTrusted: true, workspaceSetsKubeconfig: false, delimiter: ':' };

  it('is its host path, split like KUBECONFIG', () => {
    expect(followedKubeconfig({ pathType: 'host', hostPath: '/k/config' }, trusted)).toEqual(['/k/config']);
    expect(followedKubeconfig({ pathType: 'host', hostPath: '/a::/b' }, trusted)).toEqual(['/a', '/b']);
    expect(followedKubeconfig({ pathType: 'host', hostPath: '' }, trusted)).toBeUndefined();
  });

  it('is not a WSL path (reading one runs wsl.exe) nor anything else', () => {
    expect(followedKubeconfig({ pathType: 'wsl', wslPath: '/home/u/.kube/config' }, trusted)).toBeUndefined();
    expect(followedKubeconfig(undefined, trusted)).toBeUndefined();
    expect(followedKubeconfig({ pathType: 'host', hostPath: 3 } as never, trusted)).toBeUndefined();
  });

  it('in Restricted Mode, is not a path the workspace settings may have chosen', () => {
    const path = { pathType: 'host', hostPath: '/repo/evil-kubeconfig' } as const;
    expect(followedKubeconfig(path, { ...trusted, workspaceTrusted: false, workspaceSetsKubeconfig: true })).toBeUndefined();
    expect(followedKubeconfig(path, { ...trusted, workspaceTrusted: false })).toEqual(['/repo/evil-kubeconfig']);
    expect(followedKubeconfig(path, { ...trusted, workspaceSetsKubeconfig: true })).toEqual(['/repo/evil-kubeconfig']);
  });
});
