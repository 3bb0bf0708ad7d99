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

const whereOf = (target: LogTarget): string => `${target.pod}/${target.container} in namespace ${target.namespace}`;

/** The container has no log yet: a 400 from the kubelet, or an empty answer for a Pod not yet scheduled. */
export function notStarted(target: LogTarget, status?: number): LogFailure {
  return new LogFailure('not-started', `${whereOf(target)}: the container has not started yet; the stream starts when it does`, status);
}

export function describeLogFailure(error: unknown, target: LogTarget): LogFailure {
  const where = whereOf(target);
  if (!(error instanceof ApiError)) return new LogFailure('other', `${where}: ${error instanceof Error ? error.message : String(error)}`);
  if (error.kind === 'forbidden') {
    return new LogFailure(
      'forbidden',
      `not allowed to read the logs of ${where}: your identity needs "get" on "pods/log" in namespace ${target.namespace} ` +
        `(check with: kubectl auth can-i get pods --subresource=log -n ${target.namespace}); ` +
        'ask your cluster admin for a Role that grants it',
      403,
    );
  }
  if (error.kind === 'not-found') {
    return new LogFailure('pod-gone', `${where}: the pod is gone (deleted or replaced); its logs went with it`, 404);
  }
  if (error.status === 400) {
    if (/previous terminated container .* not found|previous.*not found/i.test(error.message)) {
      return new LogFailure('no-previous', `${where}: there is no previous (crashed) instance of this container to read`, 400);
    }
    if (
      /waiting to start|ContainerCreating|PodInitializing|is not available|not yet started|does not have a host assigned/i.test(
        error.message,
      )
    ) {
      return notStarted(target, 400);
    }
  }
  if (error.retryable) return new LogFailure('unreachable', `${where}: ${error.message}; retrying`, error.status);
  return new LogFailure('other', `${where}: ${error.message}`, error.status);
}
