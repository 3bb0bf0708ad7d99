/**
 * Kubilitics: Port Forward: a port of the Pod or Service (a Service goes to one ready Pod behind it, as kubectl
 * does), a local port (the same number by default), and a forward listed in the Port Forwards view. A taken local
 * port is said as such, with another port offered.
 */
import * as vscode from 'vscode';
import { offeredPorts, podBehindService, type OfferedPort } from '../../engine/actions/forwardTarget.js';
import type { ObjectRecord } from '../../engine/model/object.js';
import { journalAction, permitted, shown } from '../actions/actionCommands.js';
import type { ActionArgument, ActionTargets } from '../actions/actionTargets.js';
import type { ClusterManager } from '../cluster/clusterManager.js';
import { log } from '../log.js';
import { LocalPortInUseError, PortForwarder, type ForwardTarget } from './portForwarder.js';
import { localAddress, type ActiveForward, type PortForwards } from './portForwards.js';

const validPort = (value: string): string | undefined =>
  /^\d+$/.test(value.trim()) && Number(value) <= 65_535 ? undefined : vscode.l10n.t('A port number from 1 to 65535 (0: any free port).');

async function pickPort(record: ObjectRecord): Promise<OfferedPort | undefined> {
  const ports = offeredPorts(record.object);
  if (ports.length === 1) return ports[0];
  if (ports.length > 1) {
    const items = ports.map((port) => ({ label: String(port.port), description: port.name ?? '', detail: port.label, port }));
    return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Forward which port of {0}?', shown(record)) }))?.port;
  }
  // Nothing declared (ports are informational on a container): ask, as kubectl lets any port be forwarded.
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Forward which port of {0}?', shown(record)),
    validateInput: validPort,
  });
  return typed === undefined ? undefined : { port: Number(typed), protocol: 'TCP', target: Number(typed), label: 'typed' };
}

function resolve(targets: ActionTargets, record: ObjectRecord, port: OfferedPort): ForwardTarget | undefined {
  if (record.kind === 'Pod') return { namespace: record.namespace, pod: record.name, port: port.port };
  const resolved = podBehindService(record, port, targets.session.engine.objects());
  if ('problem' in resolved) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Port Forward: {0}.', resolved.problem));
    return undefined;
  }
  return { namespace: record.namespace, pod: resolved.pod.name, port: resolved.port };
}

/** Listens on `localPort`; a taken port asks for another (or any free one) until one works or the user gives up. */
async function listen(targets: ActionTargets, target: ForwardTarget, localPort: number): Promise<PortForwarder | undefined> {
  const onConnectionError = (message: string): void =>
    log().warn(`port-forward ${target.namespace}/${target.pod}:${target.port}: ${message}`);
  for (let port = localPort; ;) {
    try {
      return await PortForwarder.start(targets.session.api, target, port, { onConnectionError });
    } catch (error) {
      if (!(error instanceof LocalPortInUseError)) throw error;
      const other = vscode.l10n.t('Use Another Port…');
      const free = vscode.l10n.t('Use Any Free Port');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Port Forward: {0} on this machine.', error.message),
        other,
        free,
      );
      if (answer === free) port = 0;
      else if (answer === other) {
        const typed = await vscode.window.showInputBox({
          title: vscode.l10n.t('Local port'),
          value: String(port + 1),
          validateInput: validPort,
        });
        if (typed === undefined) return undefined;
        port = Number(typed);
      } else return undefined;
    }
  }
}

export async function portForward(clusters: ClusterManager, forwards: PortForwards, argument: ActionArgument): Promise<void> {
  const targets = await permitted(clusters, 'port-forward', argument);
  const record = targets?.records[0];
  if (!targets || !record) return;
  const port = await pickPort(record);
  if (!port) return;
  const target = resolve(targets, record, port);
  if (!target) return;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Forward {0} from local port', `${shown(record)}:${port.port}`),
    prompt: vscode.l10n.t('0 picks any free port'),
    value: String(port.port),
    validateInput: validPort,
  });
  if (typed === undefined) return;
  const forwarder = await listen(targets, target, Number(typed));
  if (!forwarder) return;
  const ports = { localPort: forwarder.localPort, remotePort: port.port };
  journalAction('port-forward', targets, record, ports);
  const via = record.kind === 'Service' ? ` ${vscode.l10n.t('via Pod {0}', `${target.pod}:${target.port}`)}` : '';
  const active = forwards.add({
    forwarder,
    session: targets.session,
    context: targets.context,
    source: `${shown(record)}:${port.port}${via}`,
  });
  const open = vscode.l10n.t('Open in Browser');
  const copy = vscode.l10n.t('Copy Address');
  const message = vscode.l10n.t('Forwarding {0} → {1}.', localAddress(active), active.source);
  const answer = await vscode.window.showInformationMessage(message, open, copy);
  if (answer === open) await vscode.env.openExternal(vscode.Uri.parse(`http://${localAddress(active)}`));
  else if (answer === copy) await vscode.env.clipboard.writeText(localAddress(active));
}

/** Stops the clicked forward, or one picked from the active ones. */
export async function stopPortForward(forwards: PortForwards, argument?: unknown): Promise<void> {
  const clicked = forwards.list().find((forward) => forward === argument);
  const items = forwards.list().map((forward) => ({ label: localAddress(forward), description: forward.source, forward }));
  if (!clicked && items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No port-forward is active.'));
    return;
  }
  const chosen: ActiveForward | undefined =
    clicked ?? (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Stop which port-forward?') }))?.forward;
  if (chosen) await forwards.stop(chosen);
}
