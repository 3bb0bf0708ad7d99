import { ApiClient, type RequestOptions } from '../../src/extension/cluster/apiClient.js';
import type { InformerState } from '../../src/extension/cluster/informer.js';
import type { ClusterSession } from '../../src/extension/cluster/session.js';

/**
 * Fault injection in front of an API server (the fake or a real kube-apiserver): the Namespace list is held back
 * until `release()`, so every other kind is listed, and refused, before the namespaces are known. Everything else,
 * and the Namespace list once released, goes to the server unchanged.
 */
export class NamespaceListLast extends ApiClient {
  private opened: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));

  override async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    if (/^\/api\/v1\/namespaces\?/.test(path)) await this.gate;
    return super.json<T>(path, options);
  }

  release(): void {
    this.opened?.();
  }
}

/** Settled: every informer live or forbidden. */
const final = (state: InformerState): boolean => state.phase === 'live' || state.phase === 'forbidden';

/** Every kind but Namespace has settled, namespaced ones also in a namespace: the refusals came before the namespaces. */
export function settledButNamespaces(session: ClusterSession): boolean {
  return session
    .kinds()
    .every(
      (status) =>
        status.type.kind === 'Namespace' ||
        (status.scopes.size > (status.type.namespaced ? 1 : 0) && [...status.scopes.values()].every(final)),
    );
}

/** Every informer of the session has settled. */
export function allSettled(session: ClusterSession): boolean {
  return session.kinds().every((status) => [...status.scopes.values()].every(final));
}

/** Scopes not forbidden (`all`) or not yet settled, in words: what a timed-out wait was still waiting for. */
export function describeScopes(session: ClusterSession, which: 'unsettled' | 'all'): string {
  return session
    .kinds()
    .flatMap((status) =>
      [...status.scopes]
        .filter(([, state]) => (which === 'all' ? state.phase !== 'forbidden' : !final(state)))
        .map(([scope, state]) => `${status.type.resource}@${scope}: ${JSON.stringify(state)}`),
    )
    .join('; ');
}
