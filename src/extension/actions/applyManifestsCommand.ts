/**
 * "Apply to Cluster": a file, a folder (explorer), or the editor's selection or text, applied to the connected
 * context in two steps: a server-side dry run of every object, shown as a list (created / configured / unchanged /
 * failed, with the fields that change; pick one for its diff, live ↔ dry-run result), then the apply once confirmed
 * (a protected context asks for its name), reported per object.
 */
import * as vscode from 'vscode';
import { itemsToApply, type ApplyItem } from '../../engine/actions/applyManifests.js';
import { kubectlApplyCommand } from '../../engine/actions/kubectlCommand.js';
import { loadManifestPaths } from '../../engine/intake/files.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { log } from '../log.js';
import { markRefusals, type AppliedText } from './applyDiagnostics.js';
import type { ApplySource } from './applySource.js';
import { diffSide, showDiff, type ApplyDocuments } from './applyDocuments.js';
import { confirmProtected } from './confirm.js';
import { countOutcomes, planApply, runApply, type AppliedObject, type PlannedObject } from './manifestApply.js';
import { renderTargetOfUri } from '../topology/chartChoices.js';
import { recordObjectAction } from './actionJournal.js';
import { renderedManifestsOrReport } from './renderedManifests.js';
import { ServerSideApply } from './serverSideApply.js';
import { sessionActions } from './sessionActions.js';

/** The objects of files and folders as Apply to Cluster reads them (Compare with Cluster reads a view's the same way). */
export async function manifestsAt(uris: readonly vscode.Uri[]): Promise<ApplySource> {
  const loaded = await loadManifestPaths(uris.map((uri) => uri.fsPath));
  const items: ApplyItem[] = [];
  const warnings = [...loaded.warnings];
  const texts = new Map<string, AppliedText>();
  for (const file of loaded.files) {
    const uri = vscode.Uri.file(file);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    texts.set(file, { uri, text });
    const read = itemsToApply(text, file);
    items.push(...read.items);
    warnings.push(
      ...read.warnings.filter((warning) => !loaded.warnings.some((seen) => seen.message === warning.message && seen.line === warning.line)),
    );
  }
  return { items, warnings, files: uris.map((uri) => vscode.workspace.asRelativePath(uri)), texts };
}

function fromEditor(editor: vscode.TextEditor): ApplySource {
  const selection = editor.selection.isEmpty ? undefined : editor.selection;
  const text = editor.document.getText(selection);
  const read = itemsToApply(text, editor.document.uri.fsPath);
  // A selection's lines count from its start: shift them back to the document's.
  const offset = selection ? selection.start.line : 0;
  const items = read.items.map((item) => ({ ...item, source: { ...item.source, line: item.source.line + offset } }));
  const { uri } = editor.document;
  return {
    items,
    warnings: read.warnings,
    files: selection || editor.document.isDirty ? [] : [vscode.workspace.asRelativePath(uri)],
    texts: new Map([[uri.fsPath, { uri, text: editor.document.getText() }]]),
  };
}

const ICONS = { created: '$(add)', configured: '$(edit)', unchanged: '$(check)', failed: '$(error)' } as const;

function showPlannedDiff(documents: ApplyDocuments, plan: PlannedObject, index: number): Promise<void> {
  const note = plan.metadataOnly ? plan.changes.find((change) => change.startsWith('data')) : undefined;
  const name = `${index}-${plan.label.replace(/[^\w.-]+/g, '_')}.yaml`;
  const left = documents.put(`/live/${name}`, diffSide(plan.live, plan.metadataOnly));
  const right = documents.put(`/dry-run/${name}`, diffSide(plan.dryRun, plan.metadataOnly, note));
  return showDiff(left, right, vscode.l10n.t('{0}: live ↔ after apply (dry run)', plan.label));
}

type Item = vscode.QuickPickItem & { readonly index?: number; readonly apply?: boolean };

/** The dry run's list; picking an object opens its diff and comes back. True when Apply was chosen. */
async function review(documents: ApplyDocuments, planned: readonly PlannedObject[], context: string, warnings: number): Promise<boolean> {
  const toApply = planned.filter((plan) => plan.outcome !== 'failed' && plan.outcome !== 'unchanged').length;
  const items: Item[] = [
    { label: `$(cloud-upload) ${vscode.l10n.t('Apply to {0}', context)}`, description: countOutcomes(planned), apply: true },
    ...(warnings ? [{ label: `$(warning) ${vscode.l10n.t('{0} manifest warning(s): see the Kubilitics log', warnings)}` }] : []),
    ...planned.map((plan, index): Item => {
      const detail = plan.outcome === 'failed' ? plan.reason : [plan.changes.join(', '), plan.reason].filter(Boolean).join(' · ');
      return { label: `${ICONS[plan.outcome]} ${plan.label}`, description: plan.outcome, ...(detail ? { detail } : {}), index };
    }),
  ];
  for (;;) {
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Dry run: {0} object(s) would change on {1}', toApply, context),
      ignoreFocusOut: true,
    });
    if (!picked) return false;
    if (picked.apply) return true;
    const plan = picked.index === undefined ? undefined : planned[picked.index];
    if (plan?.outcome === 'failed') void vscode.window.showErrorMessage(`${plan.label}: ${plan.reason ?? vscode.l10n.t('failed')}`);
    else if (plan) await showPlannedDiff(documents, plan, picked.index!);
  }
}

export interface ApplyManifestsDeps {
  readonly clusters: ClusterManager;
  readonly documents: ApplyDocuments;
  /** Where refused fields are shown, at their lines (shared with Edit). */
  readonly diagnostics: vscode.DiagnosticCollection;
}

export async function applyManifests(deps: ApplyManifestsDeps, uri?: vscode.Uri, uris?: vscode.Uri[]): Promise<void> {
  const { clusters, documents, diagnostics } = deps;
  const session = clusters.session;
  const context = clusters.contextName;
  if (!session || !context) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Apply to Cluster: connect to a cluster first (Kubilitics: Select Context).'));
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const fromFiles = uri && !(editor && editor.document.uri.toString() === uri.toString());
  const targets = fromFiles ? (uris?.length ? uris : [uri]) : editor ? [editor.document.uri] : [];
  const rendered = targets.length === 1 ? await renderTargetOfUri(targets[0]!) : undefined;
  if (rendered?.tool === 'helm') {
    const chart = vscode.workspace.asRelativePath(rendered.root);
    const why = vscode.l10n.t(
      '{0} is a Helm chart: install or upgrade it with helm (helm upgrade --install), which keeps its release.',
      chart,
    );
    const instead = vscode.l10n.t("Apply to Cluster applies manifests and kustomizations; Compare with Cluster works on a chart's view.");
    void vscode.window.showInformationMessage(`${why} ${instead}`);
    return;
  }
  const source = rendered
    ? await renderedManifestsOrReport(rendered, undefined)
    : fromFiles
      ? await manifestsAt(targets)
      : editor
        ? fromEditor(editor)
        : undefined;
  if (rendered && !source) return;
  if (!source || source.items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Apply to Cluster: no Kubernetes objects found there.'));
    return;
  }
  for (const warning of source.warnings) log().warn(`apply: ${warning.file}:${warning.line}: ${warning.message}`);
  const namespace = clusters.contexts().find((entry) => entry.name === context)?.namespace ?? 'default';
  const ssa = new ServerSideApply(session.api, sessionActions(session).objects, namespace);
  documents.clear();
  const planned = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Dry run of {0} object(s) on {1}', source.items.length, context),
      cancellable: true,
    },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return planApply(ssa, source.items, abort.signal);
    },
  );
  const placed = markRefusals(diagnostics, source.texts, planned);
  if (placed) log().info(`apply: ${placed} refused field(s) shown in Problems`);
  if (!(await review(documents, planned, context, source.warnings.length))) return;
  if (!(await confirmProtected(context, vscode.l10n.t('Apply {0} object(s)', planned.length)))) return;
  const command = kubectlApplyCommand(context, source.files, { kustomization: source.kustomization === true });
  log().info(`action: ${command}`);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Applying to {0}', context) },
    () => runApply(ssa, planned),
  );
  for (const result of results) log().info(`apply: ${result.label} ${result.outcome}${result.reason ? `: ${result.reason}` : ''}`);
  journalApplied(ssa, planned, results, command);
  const refusals = planned.map((plan, index) => ({ source: plan.source, error: plan.error ?? results[index]?.error }));
  const inProblems = markRefusals(diagnostics, source.texts, refusals) ? ` ${vscode.l10n.t('See Problems for the fields.')}` : '';
  const failed = results.filter((result) => result.outcome === 'failed');
  const summary = vscode.l10n.t('Applied to {0}: {1}.', context, countOutcomes(results));
  if (failed.length === 0) void vscode.window.showInformationMessage(summary);
  else {
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showWarningMessage(`${summary} ${failed[0]!.label}: ${failed[0]!.reason ?? ''}${inProblems}`, showLog)
      .then((choice) => choice === showLog && log().show(true));
  }
}

/** Each object created or configured is journaled as an action of the user's own (unchanged and failed ones are not). */
function journalApplied(ssa: ServerSideApply, planned: readonly PlannedObject[], results: readonly AppliedObject[], command: string): void {
  const at = Date.now();
  results.forEach((result, index) => {
    const plan = planned[index];
    if (!plan || (result.outcome !== 'created' && result.outcome !== 'configured')) return;
    recordObjectAction(ssa.target(plan.object).ref, 'Apply', command, at);
  });
}
