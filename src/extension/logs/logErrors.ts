import * as l10n from '@vscode/l10n';
import { ApiError } from '../cluster/apiClient.js';

/**
 * Why one container's log cannot be read, decided once here from the API's answer (the API server gives a 400 with
 * text for "not started", so the text is read at this boundary and nowhere else), with what the user can do.
 */
export type LogFailureKind = 'forbidden' | 'not-started' | 'no-previous' | 'pod-gone' | 'unreachable' | 'other';

export class LogFailure extends Error {
  constructor(
    readonly kind: LogFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LogFailure';
  }

  /** Worth trying again by itself: the container may start, the network may come back. */
  get transient(): boolean {
    return this.kind === 'not-started' || this.kind === 'unreachable';
  }
}

export interface LogTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

const whereOf = (target: LogTarget): string => l10n.t('{0} in namespace {1}', `${target.pod}/${target.container}`, target.namespace);

/** The container has no log yet: a 400 from the kubelet, or an empty answer for a Pod not yet scheduled. */
export function notStarted(target: LogTarget, status?: number): LogFailure {
  const message = l10n.t('{0}: the container has not started yet; the stream starts when it does', whereOf(target));
  return new LogFailure('not-started', message, status);
}

export function describeLogFailure(error: unknown, target: LogTarget): LogFailure {
  const where = whereOf(target);
  if (!(error instanceof ApiError)) return new LogFailure('other', `${where}: ${error instanceof Error ? error.message : String(error)}`);
  if (error.kind === 'forbidden') {
    return new LogFailure(
      'forbidden',
      [
        l10n.t('not allowed to read the logs of {0}: your identity needs "get" on "pods/log" in namespace {1}', where, target.namespace),
        l10n.t('(check with: {0});', `kubectl auth can-i get pods --subresource=log -n ${target.namespace}`),
        l10n.t('ask your cluster admin for a Role that grants it'),
      ].join(' '),
      403,
    );
  }
  if (error.kind === 'not-found') {
    return new LogFailure('pod-gone', l10n.t('{0}: the pod is gone (deleted or replaced); its logs went with it', where), 404);
  }
  if (error.status === 400) {
    if (/previous terminated container .* not found|previous.*not found/i.test(error.message)) {
      const message = l10n.t('{0}: there is no previous (crashed) instance of this container to read', where);
      return new LogFailure('no-previous', message, 400);
    }
    if (
      /waiting to start|ContainerCreating|PodInitializing|is not available|not yet started|does not have a host assigned/i.test(
        error.message,
      )
    ) {
      return notStarted(target, 400);
    }
  }
  if (error.retryable) return new LogFailure('unreachable', l10n.t('{0}: {1}; retrying', where, error.message), error.status);
  return new LogFailure('other', `${where}: ${error.message}`, error.status);
}
