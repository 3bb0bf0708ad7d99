/**
 * The actions the details panel offers on a live object, each with the cluster's answer to "may I?", so a denied one
 * shows disabled with its reason instead of failing after the user confirmed it.
 */
import { actionsFor } from '../../engine/actions/catalog.js';
import type { NodeActionState } from '../../protocol/messages.js';
import type { ClusterSession } from '../cluster/session.js';
import { sessionActions } from './sessionActions.js';

export async function nodeActionStates(session: ClusterSession, id: string): Promise<NodeActionState[]> {
  const record = session.engine.record(id);
  if (!record) return [];
  const { access } = sessionActions(session);
  return Promise.all(
    actionsFor(record.kind, 'cluster').map(async (spec): Promise<NodeActionState> => {
      try {
        const answer = await access.check(spec, record);
        return { action: spec.id, title: spec.title, allowed: answer.allowed, ...(answer.reason ? { reason: answer.reason } : {}) };
      } catch {
        // The review itself failed (a network blip): offer the action; the API's own answer is explained if it refuses.
        return { action: spec.id, title: spec.title, allowed: true };
      }
    }),
  );
}
