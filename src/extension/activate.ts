import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ClusterManager } from './cluster/clusterManager.js';
import { ClusterSource } from './cluster/clusterSource.js';
import { filterResources, openClusterTopology, revealInTopology, selectContext, selectKubeconfig } from './commands/clusterCommands.js';
import { changeChartValues, openInTopology, openTopology } from './commands/openTopology.js';
import { filterEvents, groupEvents, revealEvent, searchEvents } from './commands/eventCommands.js';
import { settings } from './config.js';
import { exportDiagram } from './commands/exportDiagram.js';
import { openExample, openWalkthrough, showWalkthroughOnce } from './commands/gettingStarted.js';
import { DisposableStore } from './lifetime.js';
import { HistoryService } from './history/historyService.js';
import { KubernetesToolsIntegration } from './integrations/kubernetesTools.js';
import {
  HISTORY_SCHEME,
  ResourceHistoryDocuments,
  browseSnapshots,
  compareSnapshots,
  deleteSnapshot,
  exportSnapshot,
  importSnapshot,
  showResourceHistory,
  takeSnapshot,
} from './commands/historyCommands.js';
import { ParseCancelled } from './intake/manifestParser.js';
import { compareWithCluster } from './actions/compareWithCluster.js';
import { registerActions } from './actions/registerActions.js';
import { disposeLog, log, reportError } from './log.js';
import { copyStream, filterStream, pickStream, saveStream, showLogs, type LogsArgument } from './logs/logCommands.js';
import { LogStreams, type LogStream } from './logs/logStreams.js';
import { LogsView } from './logs/logsView.js';
import { ManifestDiagnostics } from './topology/diagnostics.js';
import { TopologyPanels } from './topology/panels.js';
import { EventNotifier } from './views/eventNotifier.js';
import { EventsTree } from './views/eventsTree.js';
import type { EventRow } from './views/eventsModel.js';
import { connectWhenShown } from './views/connectWhenShown.js';
import { ResourcesTree } from './views/resourcesTree.js';
import type { ResourceItem } from './views/resourceTreeModel.js';

let extensionLifetime: DisposableStore | undefined;

/** Wires the extension together; owns nothing itself beyond the extension lifetime. */
export function activate(context: vscode.ExtensionContext): void {
  // The host modules that run without `vscode` (unit-tested in Node) translate through @vscode/l10n: give it the
  // bundle VS Code loaded for the display language (none for English, where l10n.t returns the English text).
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const lifetime = new DisposableStore();
  extensionLifetime = lifetime;
  context.subscriptions.push(lifetime);
  try {
    const diagnostics = lifetime.register(new ManifestDiagnostics());
    const history = lifetime.register(new HistoryService(context));
    const clusters = lifetime.register(new ClusterManager(context.globalState, history));
    const events = lifetime.register(new EventsTree(clusters, history, () => settings.events().maxRows));
    lifetime.register(new EventNotifier(events));
    const panels = lifetime.register(
      new TopologyPanels(context, diagnostics, () => {
        const source = new ClusterSource(clusters, history);
        // The Events view follows the moment the cluster topology shows, and goes live again when it closes.
        source.register(source.onDidChangeMoment((moment) => events.showMoment(moment)));
        source.onDispose(() => events.showMoment(undefined));
        return source;
      }),
    );
    lifetime.register(
      vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, new ResourceHistoryDocuments(clusters, history)),
    );
    const tree = lifetime.register(new ResourcesTree(clusters));
    const kubernetesTools = lifetime.register(new KubernetesToolsIntegration(clusters, panels));
    const command = <A extends unknown[]>(id: string, run: (...args: A) => Promise<void>): void => {
      lifetime.register(
        vscode.commands.registerCommand(id, async (...args: A) => {
          try {
            await run(...args);
          } catch (error) {
            // The user stopped it: nothing failed.
            if (error instanceof ParseCancelled) log().info(`${id.replace('kubilitics.', '')}: ${error.message}`);
            else await reportError(vscode.l10n.t('{0} failed', id.replace('kubilitics.', '')), error);
          }
        }),
      );
    };
    const state = context.workspaceState;
    command('kubilitics.openTopology', () => openTopology(panels, clusters, state));
    command('kubilitics.openInTopology', (uri?: vscode.Uri, selected?: vscode.Uri[]) =>
      openInTopology(panels, clusters, state, uri, selected),
    );
    command('kubilitics.changeChartValues', (uri?: vscode.Uri) => changeChartValues(panels, state, uri));
    command('kubilitics.openExample', () => openExample(panels, context));
    command('kubilitics.getStarted', () => openWalkthrough(context));
    command('kubilitics.openClusterTopology', () => openClusterTopology(clusters, panels));
    command('kubilitics.selectContext', () => selectContext(clusters));
    command('kubilitics.selectKubeconfig', () => selectKubeconfig(clusters));
    command('kubilitics.reconnect', () => clusters.reconnect());
    command('kubilitics.resources.filter', () => filterResources(tree));
    command('kubilitics.resources.clearFilter', async () => tree.setFilter(''));
    command('kubilitics.revealInTopology', (item?: ResourceItem) => revealInTopology(clusters, panels, item, false));
    command('kubilitics.openTopologyFocused', (item?: ResourceItem) => revealInTopology(clusters, panels, item, true));
    command('kubilitics.kubernetesTools.openInTopology', (node?: unknown) => kubernetesTools.openInTopology(node));
    command('kubilitics.events.groupBy', () => groupEvents(events));
    command('kubilitics.events.filter', () => filterEvents(events));
    command('kubilitics.events.search', () => searchEvents(events));
    command('kubilitics.events.clearFilter', async () => events.setFilter({}));
    command('kubilitics.events.showMore', async () => events.showMore());
    command('kubilitics.events.reveal', (row?: EventRow) => revealEvent(clusters, panels, tree, row));
    command('kubilitics.takeSnapshot', () => takeSnapshot(clusters, history));
    command('kubilitics.browseSnapshots', () => browseSnapshots(clusters, history, panels));
    command('kubilitics.compareSnapshots', () => compareSnapshots(clusters, history, panels));
    command('kubilitics.deleteSnapshot', () => deleteSnapshot(clusters, history));
    command('kubilitics.exportSnapshot', () => exportSnapshot(clusters, history));
    command('kubilitics.importSnapshot', () => importSnapshot(clusters, history, panels));
    command('kubilitics.showResourceHistory', (item?: ResourceItem | string) =>
      showResourceHistory(clusters, history, panels, typeof item === 'string' ? item : item?.type === 'object' ? item.id : undefined),
    );
    command('kubilitics.exportDiagram', () => exportDiagram(panels, history));
    command('kubilitics.compareWithCluster', () => compareWithCluster(clusters, panels));
    registerActions(lifetime, clusters, events, command, context.globalStorageUri);
    command('kubilitics.showLog', async () => log().show(true));
    const logStreams = lifetime.register(new LogStreams(clusters));
    const logsView = lifetime.register(new LogsView(logStreams, clusters));
    const onStream = (run: (stream: LogStream) => Promise<void> | void) => async (arg?: LogStream) => {
      const stream = await pickStream(logStreams, arg);
      if (stream) await run(stream);
    };
    command('kubilitics.logs.show', (arg?: LogsArgument) => showLogs(logStreams, clusters, arg, false));
    command('kubilitics.logs.showWithOptions', (arg?: LogsArgument) => showLogs(logStreams, clusters, arg, true));
    command(
      'kubilitics.logs.stop',
      onStream((stream) => logStreams.stop(stream)),
    );
    command(
      'kubilitics.logs.reopen',
      onStream((stream) => logStreams.reopen(stream)),
    );
    command(
      'kubilitics.logs.reveal',
      onStream((stream) => logStreams.reveal(stream)),
    );
    command(
      'kubilitics.logs.remove',
      onStream((stream) => logStreams.remove(stream)),
    );
    command(
      'kubilitics.logs.filter',
      onStream((stream) => filterStream(logStreams, stream)),
    );
    command(
      'kubilitics.logs.clearFilter',
      onStream((stream) => logStreams.setFilter(stream, undefined)),
    );
    command('kubilitics.logs.copy', onStream(copyStream));
    command('kubilitics.logs.save', onStream(saveStream));
    // A cluster view asks for a connection when it is shown, not at activation of a YAML-only session.
    lifetime.register(connectWhenShown([tree.view, events.view, logsView.view], clusters));
    log().info(`Kubilitics ${String(context.extension.packageJSON['version'])} activated`);
    void showWalkthroughOnce(context).catch((error: unknown) => log().warn(`walkthrough: ${String(error)}`));
  } catch (error) {
    void reportError(vscode.l10n.t('activation failed'), error);
    throw error;
  }
}

export function deactivate(): void {
  extensionLifetime?.dispose();
  extensionLifetime = undefined;
  disposeLog();
}
