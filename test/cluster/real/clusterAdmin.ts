/**
 * The tests' own hands on the cluster, through @kubernetes/client-node as users' tools would: server-side apply of
 * manifests, scaling, deletes, and waits on what the controllers and kwok do in response. Nothing here goes through
 * the extension's code, so a bug there cannot hide a bug in the setup.
 */
import { readFile } from 'node:fs/promises';
import {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './builders.js';
import { eventually } from './support.js';

/** `[source, type, target]` node ids of an edge the graph must have. */
export type ExpectedEdge = readonly [string, string, string];

const FIELD_MANAGER = 'kubilitics-tests';

export class ClusterAdmin {
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly discovery: DiscoveryV1Api;

  constructor(readonly config: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(config);
    this.core = config.makeApiClient(CoreV1Api);
    this.apps = config.makeApiClient(AppsV1Api);
    this.discovery = config.makeApiClient(DiscoveryV1Api);
  }

  static fromFile(kubeconfigPath: string): ClusterAdmin {
    const config = new KubeConfig();
    config.loadFromFile(kubeconfigPath);
    return new ClusterAdmin(config);
  }

  /**
   * Server-side apply, in order. A custom resource applied right after its CRD may meet a 404 until the CRD is
   * established and discovery lists it, so each object is retried for a while.
   */
  async apply(...manifests: readonly Manifest[]): Promise<void> {
    for (const manifest of manifests) {
      const name = `${manifest.kind}/${manifest.metadata?.namespace ?? ''}/${manifest.metadata?.name ?? ''}`;
      await eventually(
        `apply ${name}`,
        async () => {
          await this.objects.patch(manifest, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
          return true;
        },
        30_000,
      );
    }
  }

  /** Applies every document of a YAML file into `namespace` (documents that name none), as `kubectl apply -n` does. */
  async applyFile(path: string, namespace: string): Promise<Manifest[]> {
    // Comment-only documents between `---` parse to null.
    const documents = parseAllDocuments(await readFile(path, 'utf8')).map((doc) => doc.toJS() as KubernetesObject | null);
    const manifests = documents
      .filter((doc): doc is KubernetesObject => doc !== null && typeof doc.kind === 'string')
      .map((doc) => ({ ...doc, metadata: { ...doc.metadata, namespace: doc.metadata?.namespace ?? namespace } }) as Manifest);
    await this.apply(...manifests);
    return manifests;
  }

  async delete(manifest: Manifest): Promise<void> {
    await this.objects.delete(manifest);
  }

  /** Names of the Pods with `app=<app>` that kwok reports Running on a node. */
  async runningPods(namespace: string, app: string): Promise<string[]> {
    const list = await this.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
    return list.items
      .filter((pod) => pod.status?.phase === 'Running' && pod.spec?.nodeName && !pod.metadata?.deletionTimestamp)
      .map((pod) => pod.metadata?.name ?? '')
      .sort();
  }

  /** Waits until exactly `count` Pods of `app` run and no other Pod of it is left (terminating ones included). */
  async waitForPods(namespace: string, app: string, count: number, timeoutMs = 90_000): Promise<string[]> {
    return eventually(
      `${count} Running pods app=${app} in ${namespace}`,
      async () => {
        const all = await this.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
        const running = await this.runningPods(namespace, app);
        return running.length === count && all.items.length === count ? running : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * The edges a live Deployment's Pods must have, from what the API says now: Deployment → each ReplicaSet that has
   * replicas (controller), ReplicaSet → each Pod, Service → EndpointSlice → each Pod, each Pod → its Node. `app` is the
   * Pods' `app` label. Ids as the engine makes them.
   */
  async deploymentChain(namespace: string, app: string, serviceName?: string): Promise<ExpectedEdge[]> {
    const expected: ExpectedEdge[] = [];
    const sets = await this.apps.listNamespacedReplicaSet({ namespace, labelSelector: `app=${app}` });
    for (const set of sets.items.filter((rs) => (rs.spec?.replicas ?? 0) > 0)) {
      const owner = set.metadata?.ownerReferences?.find((ref) => ref.controller);
      if (owner)
        expected.push([
          `apps/${owner.kind}/${namespace}/${owner.name}`,
          'owns',
          `apps/ReplicaSet/${namespace}/${set.metadata?.name ?? ''}`,
        ]);
    }
    const pods = await this.core.listNamespacedPod({ namespace, labelSelector: `app=${app}` });
    for (const pod of pods.items) {
      const id = `core/Pod/${namespace}/${pod.metadata?.name ?? ''}`;
      const owner = pod.metadata?.ownerReferences?.find((ref) => ref.controller);
      if (owner) expected.push([`apps/${owner.kind}/${namespace}/${owner.name}`, 'owns', id]);
      if (pod.spec?.nodeName) expected.push([id, 'runs-on', `core/Node//${pod.spec.nodeName}`]);
    }
    if (serviceName) {
      const slices = await this.discovery.listNamespacedEndpointSlice({
        namespace,
        labelSelector: `kubernetes.io/service-name=${serviceName}`,
      });
      for (const slice of slices.items) {
        const sliceId = `discovery.k8s.io/EndpointSlice/${namespace}/${slice.metadata?.name ?? ''}`;
        expected.push([`core/Service/${namespace}/${serviceName}`, 'endpoint', sliceId]);
        for (const endpoint of slice.endpoints) {
          if (endpoint.targetRef?.name) expected.push([sliceId, 'endpoint', `core/Pod/${namespace}/${endpoint.targetRef.name}`]);
        }
      }
    }
    return expected;
  }

  async scale(namespace: string, name: string, replicas: number): Promise<void> {
    await this.apps.patchNamespacedDeploymentScale({ namespace, name, body: [{ op: 'replace', path: '/spec/replicas', value: replicas }] });
  }

  async waitForCrdEstablished(name: string): Promise<void> {
    await eventually(
      `CRD ${name} established`,
      async () => {
        const crd = (await this.objects.read({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name },
        })) as KubernetesObject & { status?: { conditions?: { type: string; status: string }[] } };
        return crd.status?.conditions?.some((condition) => condition.type === 'Established' && condition.status === 'True');
      },
      30_000,
    );
  }
}
