/**
 * The action helpers of one cluster connection: they live exactly as long as its session (a WeakMap keyed by it), so
 * a context switch forgets every cached permission answer with the old connection.
 */
import type { ClusterSession } from '../cluster/session.js';
import { AccessReviewer } from './accessReview.js';
import { ObjectApi } from './objectApi.js';

export interface SessionActions {
  readonly objects: ObjectApi;
  readonly access: AccessReviewer;
}

const bySession = new WeakMap<ClusterSession, SessionActions>();

export function sessionActions(session: ClusterSession): SessionActions {
  let actions = bySession.get(session);
  if (!actions) {
    const objects = new ObjectApi(session.api, () => session.discovery);
    actions = { objects, access: new AccessReviewer(session.api, objects) };
    bySession.set(session, actions);
  }
  return actions;
}
