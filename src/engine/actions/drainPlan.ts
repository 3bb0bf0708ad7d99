/**
 * Which Pods a drain evicts, as `kubectl drain --ignore-daemonsets --delete-emptydir-data` chooses them: every Pod
 * bound to the Node except those the drain cannot or need not move: DaemonSet Pods (their controller puts them
 * back at once) and static (mirror) Pods, which only the kubelet's files control. Finished Pods are left too.
 */
import * as l10n from '@vscode/l10n';
import type { ObjectRecord } from '../model/object.js';

export interface DrainPlan {
  readonly evict: readonly ObjectRecord[];
  readonly skipped: readonly { readonly pod: ObjectRecord; readonly reason: string }[];
}

const MIRROR = 'kubernetes.io/config.mirror';

function skipReason(pod: ObjectRecord): string | undefined {
  if (pod.object.metadata?.annotations?.[MIRROR] !== undefined) return l10n.t('a static Pod (the kubelet runs it from a file)');
  if (pod.object.metadata?.ownerReferences?.some((owner) => owner.kind === 'DaemonSet' && owner.controller === true)) {
    return l10n.t('a DaemonSet Pod');
  }
  const phase = (pod.object['status'] as { phase?: unknown } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return l10n.t('finished ({0})', phase);
  return undefined;
}

export function drainPlan(node: string, objects: Iterable<ObjectRecord>): DrainPlan {
  const evict: ObjectRecord[] = [];
  const skipped: { pod: ObjectRecord; reason: string }[] = [];
  for (const record of objects) {
    if (record.kind !== 'Pod' || (record.object['spec'] as { nodeName?: unknown } | undefined)?.nodeName !== node) continue;
    const reason = skipReason(record);
    if (reason) skipped.push({ pod: record, reason });
    else evict.push(record);
  }
  const byId = (a: ObjectRecord, b: ObjectRecord): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  evict.sort(byId);
  skipped.sort((a, b) => byId(a.pod, b.pod));
  return { evict, skipped };
}
