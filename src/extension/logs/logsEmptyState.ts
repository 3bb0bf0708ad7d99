import * as l10n from '@vscode/l10n';

/** What the Logs view knows of the connection when it has no stream to list. */
export interface LogsConnection {
  readonly contextName: string | undefined;
  /** The session's connection state, or undefined when there is no session. */
  readonly connection: string | undefined;
  readonly kubeconfigState: 'unknown' | 'absent' | 'broken' | 'loaded';
}

/**
 * The line the Logs view shows above its welcome text while it lists no stream, so that a view shown by itself says
 * whether logs can be read yet (and why not) rather than only offering Show Logs. Empty once there is a stream or the
 * cluster is connected.
 */
export function logsEmptyMessage(streams: number, state: LogsConnection): string {
  if (streams > 0) return '';
  if (state.kubeconfigState === 'absent')
    return l10n.t('No kubeconfig found (~/.kube/config or KUBECONFIG): there is no cluster to read logs from.');
  if (state.kubeconfigState === 'broken')
    return l10n.t('The kubeconfig could not be read: see the Kubilitics log, or select another file.');
  if (state.connection === undefined) {
    return state.contextName
      ? l10n.t('Not connected to {0}: select a context to read logs.', state.contextName)
      : l10n.t('No cluster connected yet.');
  }
  if (state.connection === 'connecting') {
    return state.contextName ? l10n.t('Connecting to {0}…', state.contextName) : l10n.t('Connecting to the cluster…');
  }
  if (state.connection === 'offline') {
    return state.contextName
      ? l10n.t('{0} cannot be reached: logs can be read once it can.', state.contextName)
      : l10n.t('The cluster cannot be reached: logs can be read once it can.');
  }
  return '';
}
