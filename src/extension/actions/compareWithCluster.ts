/**
 * "Compare with Cluster": a manifests view's objects dry-run against the connected context (server-side apply,
 * dryRun=All; a Secret read back as metadata only, as Apply to Cluster plans them), and each node marked as the view
 * marks a comparison of two moments: would be created (added), would be configured (changed), unchanged (no mark).
 * The marks stand until a file of the view changes or the command runs again.
 */
import * as vscode from 'vscode';
import { clusterComparison, describeComparison } from '../../engine/actions/clusterComparison.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { log } from '../log.js';
import { ManifestSource } from '../topology/manifestSource.js';
import type { TopologyPanels } from '../topology/panels.js';
import { RenderedSource } from '../topology/renderedSource.js';
import { manifestsAt } from './applyManifestsCommand.js';
import { renderedManifestsOrReport, type RenderedManifests } from './renderedManifests.js';
import { planApply } from './manifestApply.js';
import { ServerSideApply } from './serverSideApply.js';
import { sessionActions } from './sessionActions.js';

export async function compareWithCluster(clusters: ClusterManager, panels: TopologyPanels): Promise<void> {
  const source = panels.active?.source;
  if (!(source instanceof ManifestSource) && !(source instanceof RenderedSource)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Compare with Cluster works on a view of manifests, a Helm chart or a kustomization: open one with Open in Topology.'),
    );
    return;
  }
  const session = clusters.session;
  const context = clusters.contextName;
  if (!session || !context) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Compare with Cluster: connect to a cluster first (Kubilitics: Select Context).'),
    );
    return;
  }
  const read = await objectsOf(source);
  if (!read) return;
  const { items, warnings } = read;
  for (const warning of warnings) log().warn(`compare: ${warning.file}:${warning.line}: ${warning.message}`);
  const namespace = read.namespace ?? clusters.contexts().find((entry) => entry.name === context)?.namespace ?? 'default';
  const ssa = new ServerSideApply(session.api, sessionActions(session).objects, namespace);
  const planned = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Comparing {0} object(s) with {1}', items.length, context),
      cancellable: true,
    },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return planApply(ssa, items, abort.signal);
    },
  );
  const compared = planned.map((plan) => ({
    id: source.idOf(plan.object),
    label: plan.label,
    outcome: plan.outcome,
    changes: plan.changes,
    reason: plan.reason,
  }));
  const diff = clusterComparison(context, compared);
  source.showComparison(diff);
  for (const line of diff.changes) log().info(`compare with ${context}: ${line}`);
  const summary = vscode.l10n.t('Compared with {0}: {1}.', context, describeComparison(planned));
  const showLog = vscode.l10n.t('Show Log');
  const clearMarks = vscode.l10n.t('Clear Marks');
  const choice = await vscode.window.showInformationMessage(summary, showLog, clearMarks);
  if (choice === showLog) log().show(true);
  else if (choice === clearMarks) source.showComparison(undefined);
}

/** A chart or kustomization is rendered again, as its view was, so what is compared is what the view shows now. */
function objectsOf(source: ManifestSource | RenderedSource): Promise<RenderedManifests | undefined> {
  if (source instanceof ManifestSource) return manifestsAt(source.restoreKey.uris.map((uri) => vscode.Uri.parse(uri)));
  return renderedManifestsOrReport(source.target, source.helmChoices);
}
