import { BUILTIN_KINDS, objectId } from '../../engine/model/kinds.js';
import type { ObjectRecord } from '../../engine/model/object.js';
import type { ClusterExplorerNode, KubeconfigPath } from './kubernetesToolsContract.js';

/** What a node of the Kubernetes extension's Clusters tree opens in Kubilitics. */
export type TopologyTarget =
  | { readonly type: 'cluster'; readonly context: string }
  | { readonly type: 'namespace'; readonly namespace: string }
  /** `namespace` is undefined when the tree did not say (it lists some kinds without their metadata). */
  | { readonly type: 'object'; readonly kind: string; readonly namespace: string | undefined; readonly name: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/**
 * A resolved tree node → what to open: a context opens its cluster, a Namespace resource its namespace, any other
 * resource that object. Folders, Helm releases, config data items and contributed nodes open nothing. The node comes
 * from another extension, so every field is checked rather than trusted to match the declared types.
 */
export function topologyTarget(node: ClusterExplorerNode | undefined): TopologyTarget | undefined {
  if (node === undefined || node === null || typeof node !== 'object') return undefined;
  if (node.nodeType === 'context' || node.nodeType === 'context.inactive') {
    const context = text(node.name);
    return context ? { type: 'cluster', context } : undefined;
  }
  if (node.nodeType !== 'resource') return undefined;
  const kind = text((node.resourceKind as { manifestKind?: unknown } | undefined)?.manifestKind);
  const name = text(node.name);
  if (!kind || !name) return undefined;
  if (kind === 'Namespace') return { type: 'namespace', namespace: name };
  return { type: 'object', kind, namespace: text(node.namespace), name };
}

/** The objects of the connected cluster, as the session's engine holds them. */
export interface RecordSource {
  objects(): Iterable<ObjectRecord>;
}

/**
 * The graph id of a target. A built-in kind has a known group and scope, so its id is known before the object is
 * listed (the view reveals it once drawn). Any other kind (custom resources: the tree gives no group) is looked up
 * among the objects by kind, name and namespace; among several matches the one in `preferredNamespace` wins.
 */
export function targetId(target: TopologyTarget, records: RecordSource, preferredNamespace?: string): string | undefined {
  if (target.type === 'cluster') return undefined;
  if (target.type === 'namespace') return objectId('core', 'Namespace', '', target.namespace);
  const builtin = BUILTIN_KINDS.get(target.kind);
  if (builtin && !builtin.namespaced) return objectId(builtin.group, target.kind, '', target.name);
  if (builtin && target.namespace) return objectId(builtin.group, target.kind, target.namespace, target.name);
  const matches: ObjectRecord[] = [];
  for (const record of records.objects()) {
    if (record.kind !== target.kind || record.name !== target.name) continue;
    if (target.namespace !== undefined && record.namespace !== target.namespace) continue;
    matches.push(record);
  }
  const preferred = matches.find((record) => record.namespace === preferredNamespace);
  return (preferred ?? matches.sort((a, b) => (a.id < b.id ? -1 : 1))[0])?.id;
}

/** What decides whether the kubeconfig path of the Kubernetes extension may be used. */
export interface PathTrust {
  readonly workspaceTrusted: boolean;
  /** The workspace (or a folder of it) sets `vs-kubernetes.kubeconfig`, which that extension reads with the user's. */
  readonly workspaceSetsKubeconfig: boolean;
  /** The platform's KUBECONFIG list separator (`path.delimiter`). */
  readonly delimiter: string;
}

/**
 * The kubeconfig files to follow from the Kubernetes extension's `getKubeconfigPath()`, or undefined to keep our own
 * sources. In Restricted Mode its path is not followed when the workspace settings may have chosen it: the same rule
 * as for our own setting, since a kubeconfig's exec plugin runs a program. A WSL path is not followed either: reading
 * it takes running wsl.exe. The host path is a KUBECONFIG-style list when it came from that variable.
 */
export function followedKubeconfig(path: KubeconfigPath | undefined, trust: PathTrust): readonly string[] | undefined {
  if (!path || path.pathType !== 'host' || typeof path.hostPath !== 'string') return undefined;
  if (!trust.workspaceTrusted && trust.workspaceSetsKubeconfig) return undefined;
  const files = path.hostPath.split(trust.delimiter).filter((file) => file.length > 0);
  return files.length > 0 ? files : undefined;
}
