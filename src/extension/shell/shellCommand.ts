/**
 * Kubilitics: Shell: a container (asked for when the Pod has several) and a shell (sh, or bash), then a terminal.
 * Open terminals end with the extension.
 */
import * as vscode from 'vscode';
import type { ObjectRecord } from '../../engine/model/object.js';
import { journalAction, permitted, shown } from '../actions/actionCommands.js';
import type { ActionArgument } from '../actions/actionTargets.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import type { DisposableStore } from '../lifetime.js';
import { ShellTerminal } from './shellTerminal.js';

const shells = (): readonly vscode.QuickPickItem[] => [
  { label: 'sh', description: vscode.l10n.t('default: in almost every image') },
  { label: 'bash', description: vscode.l10n.t('when the image has it') },
];

function containersOf(pod: ObjectRecord): string[] {
  const containers = (pod.object['spec'] as { containers?: { name?: unknown }[] } | undefined)?.containers ?? [];
  return containers.map((container) => container.name).filter((name): name is string => typeof name === 'string');
}

async function pickContainer(pod: ObjectRecord): Promise<string | undefined> {
  const containers = containersOf(pod);
  if (containers.length <= 1) return containers[0];
  return vscode.window.showQuickPick(containers, { title: vscode.l10n.t('Shell into {0}: which container?', shown(pod)) });
}

export class Shells {
  private readonly open = new Set<ShellTerminal>();

  constructor(lifetime: DisposableStore) {
    lifetime.onDispose(() => {
      for (const terminal of [...this.open]) terminal.dispose();
    });
  }

  async shell(clusters: ClusterManager, argument: ActionArgument): Promise<void> {
    const targets = await permitted(clusters, 'shell', argument);
    const pod = targets?.records[0];
    if (!targets || !pod) return;
    const container = await pickContainer(pod);
    if (container === undefined) {
      if (containersOf(pod).length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} has no containers to open a shell in.', shown(pod)));
      }
      return;
    }
    const picked = await vscode.window.showQuickPick(shells(), { title: vscode.l10n.t('Shell into {0} ({1})', shown(pod), container) });
    if (!picked) return;
    const args = { container, shell: picked.label };
    journalAction('shell', targets, pod, args);
    const target = { namespace: pod.namespace, pod: pod.name, container, command: [picked.label] };
    const terminal: ShellTerminal = new ShellTerminal(`${pod.name} (${container})`, targets.session.api, target, () =>
      this.open.delete(terminal),
    );
    this.open.add(terminal);
    terminal.terminal.show();
  }
}
