/**
 * Edit: an editable copy of a live object in the extension's storage; saving it (or "Apply Edited Object") shows the
 * diff against the live object and, once confirmed, applies it server-side. A conflict is explained field by field
 * with Reload or Force; a 422 is shown at the line of each field it names. A Secret is never offered: its values are
 * never read, so there is nothing to edit.
 */
import { actionSpec } from '../../engine/actions/catalog.js';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { explainConflicts, fieldConflicts } from '../../engine/actions/applyStatus.js';
import { editableYaml, editTargetOf, type EditTarget } from '../../engine/actions/editableObject.js';
import { kubectlCommand } from '../../engine/actions/kubectlCommand.js';
import { recordObjectAction } from './actionJournal.js';
import { parseId } from '../../engine/model/kinds.js';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError } from '../cluster/apiClient.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { log } from '../log.js';
import { resolveTargets, type ActionArgument } from './actionTargets.js';
import { diagnosticsFor, problemsOf } from './applyDiagnostics.js';
import { diffSide, showDiff, type ApplyDocuments } from './applyDocuments.js';
import { confirmModal } from './confirm.js';
import { describeRef, ServerSideApply } from './serverSideApply.js';
import { sessionActions } from './sessionActions.js';

export interface EditDeps {
  readonly clusters: ClusterManager;
  readonly storage: vscode.Uri;
  readonly documents: ApplyDocuments;
  readonly diagnostics: vscode.DiagnosticCollection;
}

function applierFor(deps: EditDeps, target: EditTarget): ServerSideApply | undefined {
  const session = deps.clusters.session;
  if (!session || deps.clusters.contextName !== target.context) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This edit belongs to context {0}: connect to it, then apply again.', target.context),
    );
    return undefined;
  }
  const namespace = deps.clusters.contexts().find((context) => context.name === target.context)?.namespace ?? 'default';
  return new ServerSideApply(session.api, sessionActions(session).objects, namespace);
}

function editFile(deps: EditDeps, target: EditTarget): vscode.Uri {
  const { kind, namespace, name } = parseId(target.id);
  const safe = (text: string): string => text.replace(/[^\w.-]+/g, '_');
  return vscode.Uri.joinPath(
    deps.storage,
    'edits',
    safe(target.context),
    `${safe(namespace || '_cluster')}-${kind.toLowerCase()}-${safe(name)}.yaml`,
  );
}

async function writeEdit(deps: EditDeps, target: EditTarget, object: KubeObject): Promise<vscode.Uri> {
  const uri = editFile(deps, target);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(editableYaml(object, target)));
  return uri;
}

export async function editObject(deps: EditDeps, argument: ActionArgument): Promise<void> {
  const targets = await resolveTargets(deps.clusters, argument, undefined, vscode.l10n.t('Edit'));
  const record = targets?.records[0];
  if (!targets || !record) return;
  if (record.kind === 'Secret') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Secrets cannot be edited here: Kubilitics never reads their values. Use kubectl edit.'),
    );
    return;
  }
  const { objects, access } = sessionActions(targets.session);
  const answer = await access.check({ ...actionSpec('edit'), access: [{ verb: 'patch' }] }, record);
  if (!answer.allowed) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Edit {0}: {1}.', describeRef(record), answer.reason ?? vscode.l10n.t('not permitted')),
    );
    return;
  }
  const target = { context: targets.context, id: record.id };
  const uri = await writeEdit(deps, target, await objects.get(record));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
}

/**
 * The live side of an edit's diff. It carries the copy's comment header, so the diff shows the user's changes and not
 * three added comment lines; after an apply it is replaced by the result, so the open diff shows what is left.
 */
function putLiveSide(deps: EditDeps, document: vscode.TextDocument, live: KubeObject | undefined): vscode.Uri {
  const header = /^(?:#.*\r?\n)*/.exec(document.getText())?.[0] ?? '';
  return deps.documents.put(`/live/${document.uri.path.split('/').pop() ?? 'object.yaml'}`, header + diffSide(live, false));
}

/** Applies the edited document: diff, confirm, server-side apply; conflicts and 422s explained. */
export async function applyEdited(deps: EditDeps, document = vscode.window.activeTextEditor?.document): Promise<void> {
  const target = document ? editTargetOf(document.getText()) : undefined;
  if (!document || !target) {
    const message = vscode.l10n.t('Open an object with Kubilitics: Edit… first; its copy is applied from here.');
    void vscode.window.showInformationMessage(message);
    return;
  }
  const ssa = applierFor(deps, target);
  if (!ssa) return;
  let edited: KubeObject;
  try {
    edited = parse(document.getText()) as KubeObject;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The edited YAML does not parse: {0}', (error as Error).message));
    return;
  }
  const ref = parseId(target.id);
  const label = describeRef(ref);
  const where = ssa.target(edited).ref;
  if (where.kind !== ref.kind || where.name !== ref.name || where.namespace !== ref.namespace) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('This copy is of {0}, but now names {1}: edit kind, name and namespace back.', label, describeRef(where)),
    );
    return;
  }
  const live = await ssa.live(ssa.target(edited));
  const left = putLiveSide(deps, document, live);
  await showDiff(left, document.uri, vscode.l10n.t('{0}: live ↔ edited', label));
  const question = vscode.l10n.t('Apply your changes to {0} on {1}?', label, target.context);
  if (!(await confirmModal(question, vscode.l10n.t('Server-side apply, field manager "kubilitics".'), vscode.l10n.t('Apply')))) return;
  await applyWith(deps, document, ssa, edited, label, false);
}

async function applyWith(
  deps: EditDeps,
  document: vscode.TextDocument,
  ssa: ServerSideApply,
  edited: KubeObject,
  label: string,
  force: boolean,
): Promise<void> {
  try {
    putLiveSide(deps, document, await ssa.apply(edited, { force }));
    deps.diagnostics.delete(document.uri);
    const { ref } = ssa.target(edited);
    const context = editTargetOf(document.getText())?.context ?? '';
    const command = `${kubectlCommand('edit', { context, ...ref })} (server-side apply${force ? ', forced' : ''})`;
    log().info(`action: ${command}`);
    recordObjectAction(ref, 'Edit', command, Date.now());
    void vscode.window.showInformationMessage(force ? vscode.l10n.t('{0} applied (forced).', label) : vscode.l10n.t('{0} applied.', label));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.kind === 'conflict') await onConflict(deps, document, ssa, edited, label, error);
    else if (error.kind === 'invalid') {
      const fields = problemsOf(error);
      deps.diagnostics.set(document.uri, diagnosticsFor(document.getText(), 1, fields));
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{0} was not applied: the API server found {1} invalid field(s); see Problems.', label, fields.length),
      );
    } else void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not applied: {1}', label, error.message));
  }
}

async function onConflict(
  deps: EditDeps,
  document: vscode.TextDocument,
  ssa: ServerSideApply,
  edited: KubeObject,
  label: string,
  error: ApiError,
): Promise<void> {
  const conflicts = fieldConflicts(error.apiStatus);
  deps.diagnostics.set(document.uri, diagnosticsFor(document.getText(), 1, problemsOf(error)));
  const reload = vscode.l10n.t('Reload');
  const forceChoice = vscode.l10n.t('Force…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} was not applied: conflict', label),
    { modal: true, detail: explainConflicts(conflicts, label) },
    reload,
    forceChoice,
  );
  if (choice === reload) {
    const target = editTargetOf(document.getText())!;
    const live = await ssa.live(ssa.target(edited));
    if (live) await writeEdit(deps, target, live);
    deps.diagnostics.delete(document.uri);
  } else if (choice === forceChoice) {
    const sure = await confirmModal(
      vscode.l10n.t('Force {0}?', label),
      vscode.l10n.t(
        "The fields {0} become Kubilitics's; their manager may set them back on its next apply.",
        conflicts.map((conflict) => conflict.field).join(', '),
      ),
      vscode.l10n.t('Force'),
    );
    if (sure) await applyWith(deps, document, ssa, edited, label, true);
  }
}

/**
 * Saving an edited copy (Ctrl+S, File: Save) applies it; any other saved file is left alone. An auto-save
 * (`files.autoSave`, on by default in VS Code for the Web) does not: it would open the diff and the confirmation at
 * every pause in typing. Its status bar says how to apply instead.
 */
export function applyOnSave(deps: EditDeps): vscode.Disposable {
  const isEdit = (document: vscode.TextDocument): boolean =>
    document.uri.scheme === 'file' && document.uri.path.startsWith(deps.storage.path) && editTargetOf(document.getText()) !== undefined;
  const manual = new Set<string>();
  let notApplied: vscode.Disposable | undefined;
  return vscode.Disposable.from(
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (!isEdit(event.document)) return;
      if (event.reason === vscode.TextDocumentSaveReason.Manual) manual.add(event.document.uri.toString());
      else manual.delete(event.document.uri.toString());
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!isEdit(document)) return;
      notApplied?.dispose();
      if (!manual.delete(document.uri.toString())) {
        notApplied = vscode.window.setStatusBarMessage(
          `$(info) ${vscode.l10n.t('Edit saved, not applied: save with Ctrl+S or run Apply Edited Object')}`,
          8_000,
        );
        return;
      }
      void applyEdited(deps, document).catch(
        (error: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Apply failed: {0}', (error as Error).message)),
      );
    }),
  );
}
