import * as l10n from '@vscode/l10n';
import { ApiError } from './apiClient.js';
import { KubeconfigError } from './kubeconfig.js';

export type NextStep = 'select-kubeconfig' | 'select-context' | 'reconnect' | 'open-kubeconfig' | 'show-log';

export interface ExplainedError {
  readonly message: string;
  readonly nextSteps: readonly NextStep[];
}

/** Every connection failure in words a user can act on, with the next step to offer. */
export function explain(error: unknown, context: string): ExplainedError {
  if (error instanceof KubeconfigError) return { message: `${error.message}. ${error.nextStep}`, nextSteps: ['select-kubeconfig'] };
  if (!(error instanceof ApiError))
    return { message: l10n.t('Connecting to {0} failed: {1}', context, String(error)), nextSteps: ['show-log', 'reconnect'] };
  switch (error.kind) {
    case 'unreachable':
      return {
        message: l10n.t('Cannot reach the cluster of {0}: {1}. Check the network or VPN, then reconnect.', context, error.message),
        nextSteps: ['reconnect'],
      };
    case 'timeout':
      return {
        message: l10n.t(
          'The cluster of {0} did not answer in time ({1}). Check the network or VPN, then reconnect.',
          context,
          error.message,
        ),
        nextSteps: ['reconnect'],
      };
    case 'tls':
      return {
        message: l10n.t('{0}. Check certificate-authority(-data) of the cluster in your kubeconfig.', error.message),
        nextSteps: ['open-kubeconfig', 'reconnect'],
      };
    case 'unauthorized':
      return {
        message: [
          l10n.t('The cluster of {0} rejected the credentials (401): the token may have expired.', context),
          l10n.t('Log in again with your cloud CLI, then reconnect.'),
        ].join(' '),
        nextSteps: ['reconnect'],
      };
    case 'forbidden':
      return { message: `${context}: ${error.message}`, nextSteps: ['select-context'] };
    case 'exec-missing':
      return { message: `${context}: ${error.message}.`, nextSteps: ['reconnect', 'open-kubeconfig'] };
    case 'exec-failed':
      // The log holds the same sentence (the plugin's output is never logged); the kubeconfig shows its arguments.
      return { message: `${context}: ${error.message}`, nextSteps: ['reconnect', 'open-kubeconfig'] };
    default:
      return { message: `${context}: ${error.message}`, nextSteps: ['reconnect', 'show-log'] };
  }
}
