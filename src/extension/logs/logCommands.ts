import * as vscode from 'vscode';
import { containersOf, isLogKind, LOG_KINDS, parseDuration, podsOf } from '../../engine/logs/targets.js';
import { parseId } from '../../engine/model/kinds.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { FollowOptions } from './logFollower.js';
import { logSettings } from './logSettings.js';
import type { LogStream, LogStreams } from './logStreams.js';
import { stateWord } from './logsView.js';

/** What Show Logs may be given: a Resources tree item, an object id (topology), or nothing (the Command Palette). */
export type LogsArgument = { readonly type: string; readonly id?: string } | string | undefined;

/** Show Logs: resolves the object, picks the container when there are several, and opens a stream. */
export async function showLogs(streams: LogStreams, clusters: ClusterManager, argument: LogsArgument, askOptions: boolean): Promise<void> {
  // Run first thing in a window (before the Resources or Events view was shown), nothing has connected yet: connect
  // to the kubeconfig's context as those views do, rather than ask the user to select the context that is configured.
  if (!clusters.session && !clusters.contextName) await clusters.reload();
  const session = clusters.session;
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Logs need a connected cluster: select a context first.'));
    return;
  }
  const id = typeof argument === 'string' ? argument : (argument?.id ?? (await pickTarget(clusters)));
  if (!id) return;
  const { kind } = parseId(id);
  if (!isLogKind(kind)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Logs are shown for {0}; {1} has none of its own.', LOG_KINDS.join(', '), kind),
    );
    return;
  }
  if (!session.engine.record(id)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} {1} is not in the connected cluster (any more).', kind, parseId(id).name));
    return;
  }
  const pods = podsOf(session.engine.graph(), id);
  const sample = pods.map((pod) => session.engine.record(pod)?.object).find((object) => object !== undefined);
  const containers = sample ? containersOf(sample) : [];
  let container: string | undefined;
  if (containers.length > 1) {
    const all = { label: vscode.l10n.t('All containers'), description: containers.map((c) => c.name).join(', ') };
    const choice = await vscode.window.showQuickPick(
      [all, ...containers.map((c) => ({ label: c.name, description: c.role === 'main' ? '' : vscode.l10n.t('{0} container', c.role) }))],
      { title: vscode.l10n.t('Logs of {0} {1}: which container?', kind, parseId(id).name) },
    );
    if (!choice) return;
    container = choice === all ? undefined : choice.label;
  } else container = containers[0]?.name;
  const options = askOptions ? await pickOptions() : defaultOptions();
  if (!options) return;
  streams.open(id, { ...options, container });
}

function defaultOptions(): FollowOptions {
  const settings = logSettings();
  return { follow: true, tailLines: settings.tailLines, timestamps: settings.timestamps };
}

async function pickOptions(): Promise<FollowOptions | undefined> {
  const settings = logSettings();
  const flags = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Follow'), description: vscode.l10n.t('keep streaming new lines'), picked: true, key: 'follow' },
      {
        label: vscode.l10n.t('Timestamps'),
        description: vscode.l10n.t('show when each line was written'),
        picked: settings.timestamps,
        key: 'timestamps',
      },
      {
        label: vscode.l10n.t('Previous'),
        description: vscode.l10n.t('the previous (crashed) instance of the container'),
        picked: false,
        key: 'previous',
      },
    ],
    { canPickMany: true, title: vscode.l10n.t('Log options') },
  );
  if (!flags) return undefined;
  const has = (key: string): boolean => flags.some((flag) => flag.key === key);
  const tail = await vscode.window.showInputBox({
    title: vscode.l10n.t('Lines from the end of each container (empty: all)'),
    value: settings.tailLines >= 0 ? String(settings.tailLines) : '',
    validateInput: (value) =>
      value.trim() === '' || /^\d+$/.test(value.trim()) ? undefined : vscode.l10n.t('a whole number, or empty for all'),
  });
  if (tail === undefined) return undefined;
  const since = await vscode.window.showInputBox({
    title: vscode.l10n.t('Since (a duration such as 10m or 1h30m; empty: no limit)'),
    validateInput: (value) =>
      value.trim() === '' || parseDuration(value) !== undefined ? undefined : vscode.l10n.t('a duration such as 90s, 10m, 2h or 1d'),
  });
  if (since === undefined) return undefined;
  return {
    follow: has('follow'),
    timestamps: has('timestamps'),
    previous: has('previous'),
    ...(tail.trim() ? { tailLines: Number(tail.trim()) } : {}),
    ...(since.trim() ? { sinceSeconds: parseDuration(since) } : {}),
  };
}

/**
 * The Command Palette's way in: every Pod, workload and Service of the connection, by kind and name. While the first
 * lists are still arriving (Show Logs run right after connecting) the pick is busy and fills in as they come.
 */
async function pickTarget(clusters: ClusterManager): Promise<string | undefined> {
  const session = clusters.session;
  if (!session) return undefined;
  type Item = vscode.QuickPickItem & { readonly id: string };
  const items = (): Item[] =>
    [...session.engine.objects()]
      .filter((record) => isLogKind(record.kind))
      .map((record) => ({ label: `${record.namespace}/${record.name}`, description: record.kind, id: record.id }))
      .sort((a, b) => a.description.localeCompare(b.description) || a.label.localeCompare(b.label));
  const syncing = (): boolean => session.kinds().some((kind) => [...kind.scopes.values()].some((state) => state.phase === 'syncing'));
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Show logs of…');
  pick.matchOnDescription = true;
  pick.items = items();
  pick.busy = syncing();
  const refresh = clusters.onDidDelta(() => {
    if (!pick.busy) return;
    pick.items = items();
    pick.busy = syncing();
  });
  try {
    return await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.id));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    refresh.dispose();
    pick.dispose();
  }
}

/** The stream a command is about: the tree row it was run on, else the only stream, else the user's pick. */
export async function pickStream(streams: LogStreams, argument?: LogStream): Promise<LogStream | undefined> {
  if (argument && streams.streams().includes(argument)) return argument;
  const list = streams.streams();
  if (list.length <= 1) return list[0];
  const choice = await vscode.window.showQuickPick(
    [...list].reverse().map((stream) => ({ label: stream.label, description: stateWord(stream.state), stream })),
    { title: vscode.l10n.t('Which log stream?') },
  );
  return choice?.stream;
}

export async function filterStream(streams: LogStreams, stream: LogStream): Promise<void> {
  const current = stream.merger.filterSpec;
  const input = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter {0}', stream.label),
    prompt: vscode.l10n.t('Text to match (any case); /regex/ for a regular expression; empty to show every line'),
    value: current ? (current.regex ? `/${current.pattern}/` : current.pattern) : '',
    validateInput: (value) => {
      const regex = /^\/(.+)\/$/.exec(value.trim());
      if (!regex) return undefined;
      try {
        new RegExp(regex[1]!);
        return undefined;
      } catch (error) {
        return vscode.l10n.t('not a valid regular expression: {0}', (error as Error).message);
      }
    },
  });
  if (input === undefined) return;
  const regex = /^\/(.+)\/$/.exec(input.trim());
  streams.setFilter(
    stream,
    input.trim() === '' ? undefined : regex ? { pattern: regex[1]!, regex: true } : { pattern: input, regex: false },
  );
}

export async function copyStream(stream: LogStream): Promise<void> {
  await vscode.env.clipboard.writeText(stream.merger.plainText());
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Kubilitics: copied {0} lines of {1}', stream.merger.size, stream.label), 3000);
}

export async function saveStream(stream: LogStream): Promise<void> {
  const { name } = parseId(stream.targetId);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the logs of {0}', stream.label),
    filters: { [vscode.l10n.t('Logs')]: ['log', 'txt'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${name}-${stamp}.log`) } : {}),
  });
  if (!target) return;
  const text = stream.merger.plainText();
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Kubilitics: saved {0} lines to {1}', stream.merger.size, target.fsPath), 5000);
}
