/**
 * The action commands: each resolves its objects, asks the cluster whether the user may (a denied action stops with
 * the reason before anything is sent), confirms what a change will do, runs it and logs its kubectl equivalent.
 */
import * as vscode from 'vscode';
import { actionSpec, actionsFor, type ActionId } from '../../engine/actions/catalog.js';
import { deletionPlan, type PropagationPolicy } from '../../engine/actions/dependents.js';
import { drainPlan } from '../../engine/actions/drainPlan.js';
import { offeredPorts } from '../../engine/actions/forwardTarget.js';
import { kubectlCommand, type ActionArguments, type ActionTarget } from '../../engine/actions/kubectlCommand.js';
import type { ObjectRecord } from '../../engine/model/object.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { log } from '../log.js';
import { resolveTargets, type ActionArgument, type ActionTargets } from './actionTargets.js';
import { confirmModal, confirmProtected, listed } from './confirm.js';
import { drainNode } from './drain.js';
import { recordAction } from './actionJournal.js';
import { openObjectYaml } from './objectDocuments.js';
import { sessionActions } from './sessionActions.js';

export function targetOf(context: string, record: ObjectRecord): ActionTarget {
  return { context, group: record.group === 'core' ? '' : record.group, kind: record.kind, namespace: record.namespace, name: record.name };
}

/** How long a drain keeps asking for a Pod its disruption budget protects (kubectl drain waits forever by default). */
const DRAIN_BUDGET_WAIT_MS = 5 * 60_000;

export const shown = (record: ObjectRecord): string => `${record.kind} ${record.namespace ? `${record.namespace}/` : ''}${record.name}`;

/** Resolves, then checks every object's permission; undefined when there is nothing to do or it is not permitted. */
export async function permitted(
  clusters: ClusterManager,
  id: ActionId,
  argument: ActionArgument,
  selected?: readonly ActionArgument[],
): Promise<ActionTargets | undefined> {
  const spec = actionSpec(id);
  const targets = await resolveTargets(clusters, argument, selected, spec.title.replace('…', ''), spec.kinds);
  if (!targets) return undefined;
  const { access } = sessionActions(targets.session);
  for (const record of targets.records) {
    const answer = await access.check(spec, record);
    if (!answer.allowed) {
      const reason = answer.reason ?? vscode.l10n.t('not permitted');
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} {1}: {2}.', spec.title.replace('…', ''), shown(record), reason));
      return undefined;
    }
  }
  return targets;
}

/** Every change is journaled (log, history, Events view) as the kubectl line that would make it. */
export function journalAction(id: ActionId, targets: ActionTargets, record: ObjectRecord, args: ActionArguments = {}): void {
  const command = kubectlCommand(id, targetOf(targets.context, record), args);
  log().info(`action: ${command}`);
  const { group, kind, namespace, name } = record;
  recordAction({ objectId: record.id, group, kind, namespace, name, verb: actionSpec(id).journalVerb, command, at: Date.now() });
}

export async function viewYaml(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
  const targets = await permitted(clusters, 'view-yaml', argument);
  for (const record of targets?.records ?? []) await openObjectYaml(targets!.context, record.id);
}

export async function copyName(clusters: ClusterManager, argument: ActionArgument, selected?: readonly ActionArgument[]): Promise<void> {
  const targets = await resolveTargets(clusters, argument, selected, vscode.l10n.t('Copy Name'));
  if (targets) await vscode.env.clipboard.writeText(targets.records.map((record) => record.name).join('\n'));
}

/** What a command line needs beyond the object: the first declared port to forward (kubectl needs one). */
function argsFor(record: ObjectRecord): ActionArguments {
  const port = offeredPorts(record.object)[0]?.port;
  return port === undefined ? {} : { remotePort: port };
}

/** Offers the actions that fit the object, each with its command line; the chosen line is copied. */
export async function copyKubectl(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
  const targets = await resolveTargets(clusters, argument, undefined, vscode.l10n.t('Copy as kubectl Command'));
  const record = targets?.records[0];
  if (!targets || !record) return;
  const items = actionsFor(record.kind, 'cluster')
    .filter((action) => action.id !== 'copy-name' && action.id !== 'copy-kubectl')
    .map((action) => ({
      label: action.title.replace('…', ''),
      detail: kubectlCommand(action.id, targetOf(targets.context, record), argsFor(record)),
    }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('kubectl for {0}', shown(record)) });
  if (picked) await vscode.env.clipboard.writeText(picked.detail);
}

export async function scale(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
  const targets = await permitted(clusters, 'scale', argument);
  const record = targets?.records[0];
  if (!targets || !record) return;
  const current = (record.object['spec'] as { replicas?: unknown } | undefined)?.replicas;
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Scale {0}', shown(record)),
    prompt: vscode.l10n.t('Replicas'),
    value: String(typeof current === 'number' ? current : 1),
    validateInput: (value) =>
      /^\d+$/.test(value.trim()) && Number(value) <= 100_000 ? undefined : vscode.l10n.t('A whole number from 0.'),
  });
  if (answer === undefined) return;
  const replicas = Number(answer.trim());
  if (replicas === 0 && !(await confirmProtected(targets.context, vscode.l10n.t('Scale {0} to 0', shown(record))))) return;
  await sessionActions(targets.session).objects.scale(record, replicas);
  journalAction('scale', targets, record, { replicas });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} scaled to {1}.', shown(record), replicas));
}

export async function restart(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
  const targets = await permitted(clusters, 'restart', argument);
  const record = targets?.records[0];
  if (!targets || !record) return;
  const detail = vscode.l10n.t('Every Pod of {0} is replaced, as its update strategy allows (kubectl rollout restart).', shown(record));
  const question = vscode.l10n.t('Restart {0} on {1}?', shown(record), targets.context);
  if (!(await confirmModal(question, detail, vscode.l10n.t('Restart')))) return;
  if (!(await confirmProtected(targets.context, vscode.l10n.t('Restart {0}', shown(record))))) return;
  await sessionActions(targets.session).objects.restart(record);
  journalAction('restart', targets, record);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is restarting.', shown(record)));
}

export async function setCordon(clusters: ClusterManager, argument: ActionArgument, cordon: boolean): Promise<void> {
  const targets = await permitted(clusters, cordon ? 'cordon' : 'uncordon', argument);
  for (const record of targets?.records ?? []) {
    await sessionActions(targets!.session).objects.setUnschedulable(record.name, cordon);
    journalAction(cordon ? 'cordon' : 'uncordon', targets!, record);
  }
  if (!targets) return;
  const nodes = targets.records.map(shown).join(', ');
  void vscode.window.showInformationMessage(cordon ? vscode.l10n.t('{0} cordoned.', nodes) : vscode.l10n.t('{0} uncordoned.', nodes));
}

/** The propagation policies (labels are the API's names, as kubectl's --cascade shows them). */
const policies = (): readonly { label: PropagationPolicy; detail: string }[] => [
  {
    label: 'Background',
    detail: vscode.l10n.t('Delete now; the garbage collector removes its dependents afterwards (kubectl default).'),
  },
  { label: 'Foreground', detail: vscode.l10n.t('The object stays, marked for deletion, until its dependents are gone.') },
  { label: 'Orphan', detail: vscode.l10n.t('Delete only the object; its dependents stay, without an owner.') },
];

export async function deleteObjects(
  clusters: ClusterManager,
  argument: ActionArgument,
  selected?: readonly ActionArgument[],
): Promise<void> {
  const targets = await permitted(clusters, 'delete', argument, selected);
  if (!targets) return;
  const what = targets.records.length === 1 ? shown(targets.records[0]!) : vscode.l10n.t('{0} objects', targets.records.length);
  const policy = await vscode.window.showQuickPick(policies(), { title: vscode.l10n.t('Delete {0}: and its dependents?', what) });
  if (!policy) return;
  const plan = deletionPlan(targets.records, targets.session.engine.objects(), policy.label);
  const names = plan.ids.map((id) => targets.session.engine.record(id)).flatMap((record) => (record ? [shown(record)] : []));
  const message =
    plan.ids.length === 1
      ? vscode.l10n.t('Delete 1 object from {0}?', targets.context)
      : vscode.l10n.t('Delete {0} objects from {1}?', plan.ids.length, targets.context);
  const collected = vscode.l10n.t(
    '{0} of them are dependents (ownerReferences), removed by the garbage collector ({1}).',
    plan.dependents,
    policy.label,
  );
  const detail = `${listed(names)}\n\n${collected}`;
  if (!(await confirmModal(message, detail, vscode.l10n.t('Delete')))) return;
  if (!(await confirmProtected(targets.context, vscode.l10n.t('Delete {0}', what)))) return;
  const { objects } = sessionActions(targets.session);
  for (const record of targets.records) {
    await objects.delete(record, policy.label);
    journalAction('delete', targets, record, { propagation: policy.label });
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0} ({1}).', what, policy.label));
}

export async function drain(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
  const targets = await permitted(clusters, 'drain', argument);
  const node = targets?.records[0];
  if (!targets || !node) return;
  const plan = drainPlan(node.name, targets.session.engine.objects());
  const skipped = plan.skipped.map((entry) => `${shown(entry.pod)}: ${entry.reason}`);
  const detail = [
    plan.evict.length === 1
      ? vscode.l10n.t('Cordon {0}, then evict 1 Pod', node.name)
      : vscode.l10n.t('Cordon {0}, then evict {1} Pods', node.name, plan.evict.length),
    vscode.l10n.t('(PodDisruptionBudgets decide when each may go):'),
    listed(plan.evict.map(shown)),
    ...(skipped.length ? ['', vscode.l10n.t('Left in place:'), listed(skipped)] : []),
  ].join('\n');
  const question = vscode.l10n.t('Drain Node {0} on {1}?', node.name, targets.context);
  if (!(await confirmModal(question, detail, vscode.l10n.t('Drain')))) return;
  if (!(await confirmProtected(targets.context, vscode.l10n.t('Drain {0}', node.name)))) return;
  journalAction('drain', targets, node);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Draining {0}', node.name), cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return drainNode(sessionActions(targets.session).objects, node.name, plan, {
        timeoutMs: DRAIN_BUDGET_WAIT_MS,
        retryMs: 5_000,
        signal: abort.signal,
        onProgress: (line) => (progress.report({ message: line }), log().info(`drain ${node.name}: ${line}`)),
      });
    },
  );
  if (result.left.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} drained: {1} Pods evicted.', node.name, result.evicted.length));
  } else {
    const lines = result.left.map((entry) => `${entry.pod}: ${entry.reason}`);
    for (const line of lines) log().warn(`drain ${node.name}: left ${line}`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is cordoned; {1} Pods could not be evicted (see the log): {2}', node.name, result.left.length, lines[0] ?? ''),
    );
  }
}
