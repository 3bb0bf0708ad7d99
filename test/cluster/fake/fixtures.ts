import type { IdentityOptions, KubeObject } from './types.js';

/** Small object builders and identities shared by the fake server's tests. */

export const ADMIN: IdentityOptions = { token: 'admin-token', user: 'admin', allow: () => true };

/** May read everything except Secrets, and only list/watch/get. */
export const VIEWER: IdentityOptions = {
  token: 'viewer-token',
  user: 'viewer',
  allow: (verb, resource) => ['get', 'list', 'watch'].includes(verb) && resource !== 'secrets',
};

export function pod(name: string, namespace = 'default', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    ...extra,
  };
}

export function secret(name: string, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, annotations: { note: 'meta' } },
    type: 'Opaque',
    data: { password: 'c2VjcmV0' },
  };
}

export function configMap(name: string, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { key: 'value' } };
}

export function widgetCrd(scope: 'Namespaced' | 'Cluster' = 'Namespaced'): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope,
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList', shortNames: ['wd'] },
      versions: [
        { name: 'v1alpha1', served: true, storage: false },
        { name: 'v1', served: true, storage: true, subresources: { status: {} } },
      ],
    },
  };
}

export function widget(name: string, namespace = 'default'): KubeObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace }, spec: { size: 3 } };
}

/** Polls until `check` returns true (the client under test works asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
