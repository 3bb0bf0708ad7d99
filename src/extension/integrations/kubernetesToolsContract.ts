/**
 * The part of the public API of Microsoft's Kubernetes extension (ms-kubernetes-tools.vscode-kubernetes-tools) that
 * Kubilitics uses, as the npm package `vscode-kubernetes-tools-api` 1.3.0 documents it. Written down here rather than
 * added as a dependency: the package is declarations plus a helper that activates the extension and calls
 * `get(component, version)` on what it returns, which the adapter does itself in a few lines.
 */

export const KUBERNETES_TOOLS_EXTENSION_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';
/** The id of its Clusters tree (package.json `contributes.views.explorer`). */
export const KUBERNETES_TOOLS_EXPLORER_VIEW = 'extension.vsKubernetesExplorer';

export type ApiResult<T> =
  | { readonly available: true; readonly api: T }
  | { readonly available: false; readonly reason: 'version-unknown' | 'version-removed' | 'extension-not-available' };

/** What the extension's `activate` returns (APIBroker in the package). */
export interface ApiBroker {
  get(component: string, version: string): ApiResult<unknown>;
}

export interface Disposable {
  dispose(): unknown;
}

export type Event<T> = (listener: (event: T) => unknown) => Disposable;

export type KubeconfigPath =
  { readonly pathType: 'host'; readonly hostPath: string } | { readonly pathType: 'wsl'; readonly wslPath: string };

/** `configuration` v1; v1_1 adds the change events. */
export interface ConfigurationV1 {
  getKubeconfigPath(): KubeconfigPath;
}

export interface ConfigurationV1_1 extends ConfigurationV1 {
  readonly onDidChangeKubeconfigPath: Event<KubeconfigPath>;
  /** The new current context; null when there is none. Heuristic, says the contract: may come late or not at all. */
  readonly onDidChangeContext: Event<string | null>;
}

export interface ResourceKind {
  /** As in manifests: `Deployment`. */
  readonly manifestKind: string;
  /** As kubectl takes it: `deployment`, `rs`. The tree item's contextValue is `vsKubernetes.resource.<abbreviation>`. */
  readonly abbreviation: string;
}

/** A node of the Clusters tree as `resolveCommandTarget` describes it (only the kinds Kubilitics opens are detailed). */
export type ClusterExplorerNode =
  | { readonly nodeType: 'context' | 'context.inactive'; readonly name: string }
  | {
      readonly nodeType: 'resource';
      readonly namespace: string | null;
      readonly resourceKind: ResourceKind;
      readonly name: string;
      readonly metadata?: unknown;
    }
  | { readonly nodeType: 'folder.grouping' | 'folder.resource' | 'configitem' | 'error' | 'helm.release' | 'extension' };

/** `clusterexplorer` v1 (v1_1 has the same `resolveCommandTarget`). */
export interface ClusterExplorerV1 {
  resolveCommandTarget(target?: unknown): ClusterExplorerNode | undefined;
}
