import { delimiter } from 'node:path';
import * as vscode from 'vscode';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { openClusterTopology } from '../commands/clusterCommands.js';
import { settings } from '../config.js';
import { DisposableStore } from '../lifetime.js';
import { log } from '../log.js';
import type { TopologyPanels } from '../topology/panels.js';
import {
  KUBERNETES_TOOLS_EXTENSION_ID,
  type ApiBroker,
  type ApiResult,
  type ClusterExplorerV1,
  type ConfigurationV1,
  type ConfigurationV1_1,
  type KubeconfigPath,
} from './kubernetesToolsContract.js';
import { followedKubeconfig, targetId, topologyTarget, type TopologyTarget } from './kubernetesToolsTargets.js';

function isBroker(value: unknown): value is ApiBroker {
  return value !== null && typeof value === 'object' && typeof (value as { get?: unknown }).get === 'function';
}

function api<T>(broker: ApiBroker, component: string, version: string): T | undefined {
  try {
    const result = broker.get(component, version) as ApiResult<T> | undefined;
    return result?.available === true ? result.api : undefined;
  } catch {
    return undefined;
  }
}

const hasEvents = (configuration: ConfigurationV1): configuration is ConfigurationV1_1 =>
  typeof (configuration as Partial<ConfigurationV1_1>).onDidChangeKubeconfigPath === 'function' &&
  typeof (configuration as Partial<ConfigurationV1_1>).onDidChangeContext === 'function';

/**
 * Microsoft's Kubernetes extension, when it is installed: "Open in Topology" on the nodes of its Clusters tree, and
 * its kubeconfig and current context followed unless the user chose their own in Kubilitics. Without that extension,
 * or with an API version it does not offer, this does nothing at all (and logs no error).
 */
export class KubernetesToolsIntegration extends DisposableStore {
  private explorer: ClusterExplorerV1 | undefined;
  private connected = false;
  private connecting: Promise<void>;

  constructor(
    private readonly clusters: ClusterManager,
    private readonly panels: TopologyPanels,
  ) {
    super();
    this.connecting = this.connect();
    // Installed or enabled while this window runs.
    this.register(
      vscode.extensions.onDidChange(() => {
        if (!this.connected) this.connecting = this.connect();
      }),
    );
  }

  /** Whether the extension's API was found (for the log and tests of the wiring). */
  get available(): boolean {
    return this.connected;
  }

  private async connect(): Promise<void> {
    const extension = vscode.extensions.getExtension<unknown>(KUBERNETES_TOOLS_EXTENSION_ID);
    if (!extension || this.isDisposed) return;
    let broker: unknown;
    try {
      broker = extension.isActive ? extension.exports : await extension.activate();
    } catch (error) {
      log().info(`the Kubernetes extension did not activate, so Kubilitics does not follow it: ${String(error)}`);
      return;
    }
    if (this.isDisposed || this.connected || !isBroker(broker)) return;
    this.connected = true;
    this.explorer = api<ClusterExplorerV1>(broker, 'clusterexplorer', 'v1');
    const configuration = api<ConfigurationV1_1>(broker, 'configuration', 'v1_1') ?? api<ConfigurationV1>(broker, 'configuration', 'v1');
    if (configuration) this.follow(configuration);
    log().info(`Kubernetes extension found: ${this.explorer ? 'Open in Topology on its tree' : 'no cluster explorer API'}`);
  }

  private follow(configuration: ConfigurationV1): void {
    const follow = (path?: KubeconfigPath): void => {
      let current = path;
      try {
        current ??= configuration.getKubeconfigPath();
      } catch (error) {
        log().info(`the Kubernetes extension gave no kubeconfig path: ${String(error)}`);
      }
      const trust = {
        workspaceTrusted: vscode.workspace.isTrusted,
        workspaceSetsKubeconfig: settings.vsKubernetesKubeconfigFromWorkspace(),
        delimiter,
      };
      this.clusters.followKubeconfig(followedKubeconfig(current, trust));
    };
    follow();
    if (hasEvents(configuration)) {
      this.register(configuration.onDidChangeKubeconfigPath((path) => follow(path)));
      this.register(configuration.onDidChangeContext((name) => void this.clusters.followContext(name ?? undefined)));
    }
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => follow()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('vs-kubernetes')) follow();
      }),
    );
  }

  /** "Open in Topology" on a node of the Kubernetes extension's Clusters tree. */
  async openInTopology(node: unknown): Promise<void> {
    await this.connecting;
    const target = topologyTarget(this.explorer?.resolveCommandTarget(node));
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: there is no topology to open for this item.'));
      return;
    }
    if (this.clusters.kubeconfigState !== 'loaded') await this.clusters.reload();
    if (!(await this.useContextOf(target))) return;
    await openClusterTopology(this.clusters, this.panels);
    const session = this.clusters.session;
    if (!session || target.type === 'cluster') return;
    const namespace = this.clusters.contexts().find((context) => context.name === this.clusters.contextName)?.namespace;
    const id = targetId(target, session.engine, namespace);
    if (id) this.panels.openCluster().focus(id, target.type === 'object');
    else if (target.type === 'object') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Kubilitics: {0} {1} is not in the topology yet.', target.kind, target.name));
    }
  }

  /**
   * A context node opens its own context; a resource node lives in the context the Kubernetes extension has current.
   * Opening the context that extension has current means following it again; any other is the user's choice.
   */
  private async useContextOf(target: TopologyTarget): Promise<boolean> {
    const followed = this.clusters.followedContextName ?? this.clusters.kubeconfigCurrentContext;
    const wanted = target.type === 'cluster' ? target.context : followed;
    if (!wanted || (wanted === this.clusters.contextName && this.clusters.session)) return true;
    if (!this.clusters.contexts().some((context) => context.name === wanted)) {
      const files = this.clusters.kubeconfigFiles.join(', ');
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Kubilitics: context {0} is not in the kubeconfig it reads ({1}).', wanted, files),
      );
      return false;
    }
    await this.clusters.switchContext(wanted, wanted !== followed);
    return true;
  }
}
