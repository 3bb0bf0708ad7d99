/** Pure decisions for the snapshot timer and for retention; the stores apply them. */

export interface SnapshotScheduleInput {
  /** When the last snapshot of this cluster was taken; undefined when there is none. */
  readonly lastAt: number | undefined;
  readonly now: number;
  readonly intervalMs: number;
  /** Object changes seen since the last snapshot. */
  readonly changesSince: number;
  /** This many changes trigger a snapshot before the interval is up (a rollout is worth a point on the timeline). */
  readonly changeThreshold: number;
}

/** Take a snapshot now? Never for a quiet cluster: an identical graph adds nothing to the timeline. */
export function shouldSnapshot(input: SnapshotScheduleInput): boolean {
  if (input.lastAt === undefined) return true;
  if (input.changesSince <= 0) return false;
  if (input.changesSince >= input.changeThreshold) return true;
  const elapsed = input.now - input.lastAt;
  // A clock set back would otherwise postpone every snapshot until it caught up again.
  return elapsed < 0 || elapsed >= input.intervalMs;
}

export interface RetentionPolicy {
  /** Snapshots older than this are deleted. */
  readonly maxAgeMs?: number;
  /** Then the oldest go until all snapshots together take at most this many stored bytes. */
  readonly maxTotalBytes?: number;
}

export interface RetentionCandidate {
  readonly id: number;
  readonly clusterId: number;
  readonly takenAt: number;
  readonly storedBytes: number;
}

/**
 * Ids to delete, oldest first. The newest snapshot of each cluster is always kept: it is the base the next
 * diff and the "what changed since" view need, whatever the limits say.
 */
export function planRetention(snapshots: readonly RetentionCandidate[], policy: RetentionPolicy, now: number): number[] {
  const newest = new Map<number, RetentionCandidate>();
  for (const snapshot of snapshots) {
    const current = newest.get(snapshot.clusterId);
    if (!current || later(snapshot, current)) newest.set(snapshot.clusterId, snapshot);
  }
  const protectedIds = new Set([...newest.values()].map((snapshot) => snapshot.id));
  const oldestFirst = [...snapshots].sort((a, b) => (later(a, b) ? 1 : later(b, a) ? -1 : 0));
  let total = snapshots.reduce((sum, snapshot) => sum + snapshot.storedBytes, 0);
  const doomed: number[] = [];
  for (const snapshot of oldestFirst) {
    if (protectedIds.has(snapshot.id)) continue;
    const tooOld = policy.maxAgeMs !== undefined && now - snapshot.takenAt > policy.maxAgeMs;
    const tooBig = policy.maxTotalBytes !== undefined && total > policy.maxTotalBytes;
    if (!tooOld && !tooBig) continue;
    doomed.push(snapshot.id);
    total -= snapshot.storedBytes;
  }
  return doomed;
}

const later = (a: RetentionCandidate, b: RetentionCandidate): boolean => a.takenAt > b.takenAt || (a.takenAt === b.takenAt && a.id > b.id);
