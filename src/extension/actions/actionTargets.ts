/**
 * What an action command was invoked on: a Resources tree item (or several, multi-selected), an object id (the
 * topology's details panel), or nothing (the Command Palette, where the object is picked). Only objects the connected
 * cluster holds are acted on.
 */
import * as vscode from 'vscode';
import type { ObjectRecord } from '../../engine/model/object.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { ClusterSession } from '../cluster/session.js';

export type ActionArgument = { readonly type: string; readonly id?: string } | string | undefined;

export interface ActionTargets {
  readonly session: ClusterSession;
  readonly context: string;
  readonly records: readonly ObjectRecord[];
}

function idOf(argument: ActionArgument): string | undefined {
  return typeof argument === 'string' ? argument : argument?.type === 'object' ? argument.id : undefined;
}

async function pickObject(session: ClusterSession, title: string, kinds?: ReadonlySet<string>): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { readonly id: string };
  const items: Item[] = [...session.engine.objects()]
    .filter((record) => kinds === undefined || kinds.has(record.kind))
    .map((record) => ({
      label: record.namespace ? `${record.namespace}/${record.name}` : record.name,
      description: record.kind,
      id: record.id,
    }))
    .sort((a, b) => a.description.localeCompare(b.description) || a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return picked?.id;
}

/** The objects to act on, or undefined (after telling the user why) when there are none. */
export async function resolveTargets(
  clusters: ClusterManager,
  argument: ActionArgument,
  selected: readonly ActionArgument[] | undefined,
  title: string,
  kinds?: ReadonlySet<string>,
): Promise<ActionTargets | undefined> {
  if (!clusters.session && !clusters.contextName) await clusters.reload();
  const session = clusters.session;
  const context = clusters.contextName;
  if (!session || !context) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: connect to a cluster first (Kubilitics: Select Context).', title));
    return undefined;
  }
  const ids = (selected?.length ? selected : [argument]).map(idOf).filter((id): id is string => id !== undefined);
  if (ids.length === 0) {
    const picked = await pickObject(session, title, kinds);
    if (picked) ids.push(picked);
  }
  const records = ids.map((id) => session.engine.record(id)).filter((record): record is ObjectRecord => record !== undefined);
  const fitting = kinds ? records.filter((record) => kinds.has(record.kind)) : records;
  if (ids.length > 0 && fitting.length === 0) {
    const message = kinds
      ? vscode.l10n.t('{0}: applies to {1}; nothing selected fits, or it is gone.', title, [...kinds].join(', '))
      : vscode.l10n.t('{0}: nothing selected fits, or it is gone.', title);
    void vscode.window.showInformationMessage(message);
    return undefined;
  }
  return fitting.length ? { session, context, records: fitting } : undefined;
}
