import { field } from '../../engine/model/object.js';
import { shouldSnapshot } from '../../engine/store/policy.js';
import type { SnapshotTrigger } from '../../engine/store/snapshots.js';
import type { ClusterSession, ObjectChangeEvent } from '../cluster/session.js';
import { DisposableStore } from '../lifetime.js';
import { eventEntryOf, type EventEntry } from '../views/eventEntry.js';
import type { Stores } from './historyService.js';

export interface RecorderSettings {
  readonly intervalMs: number;
  readonly changeThreshold: number;
  readonly maxAgeMs: number;
  readonly maxTotalBytes: number;
}

/** Where the recorder reports (the extension's log channel; tests pass their own). */
export interface RecorderLog {
  info(message: string): void;
  error(message: string): void;
  /** A snapshot was stored (the timeline changed). */
  snapshotSaved?(): void;
}

/**
 * Records one connection's history: object changes, Events, and topology snapshots on a schedule and on significant
 * change (a rollout is worth a point on the timeline). Lives and dies with the connection.
 */
export class ClusterRecorder extends DisposableStore {
  private changesSince = 0;
  private lastAt: number | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private readonly clusterId: number;

  constructor(
    private readonly stores: Stores,
    private readonly session: () => ClusterSession | undefined,
    context: string,
    server: string,
    private readonly settings: RecorderSettings,
    private readonly log: RecorderLog,
  ) {
    super();
    this.clusterId = stores.clusters.ensure({ context, server }, Date.now());
    this.lastAt = stores.snapshots.latest(this.clusterId)?.takenAt;
    const timer = setInterval(() => this.maybeSnapshot(), Math.min(60_000, settings.intervalMs));
    this.onDispose(() => clearInterval(timer));
  }

  get cluster(): number {
    return this.clusterId;
  }

  /** Called for every object change the session applies. */
  record(change: ObjectChangeEvent): void {
    try {
      const at = Date.now();
      if (change.object.kind === 'Event') this.recordEvent(change, at);
      else if (change.type === 'delete') this.recordChange({ change: 'deleted', before: change.before ?? change.object }, change.id, at);
      else if (change.before) this.recordChange({ change: 'modified', before: change.before, after: change.object }, change.id, at);
      else if (change.live) this.recordChange({ change: 'added', after: change.object }, change.id, at);
    } catch (error) {
      this.log.error(`recording history failed: ${String(error)}`);
    }
  }

  /**
   * Takes a snapshot now (unless nothing changed since the last one); resolves to whether one was stored.
   * Encoding runs in slices between other work and one snapshot runs at a time (a request during one waits for it).
   */
  snapshot(trigger: SnapshotTrigger): Promise<boolean> {
    this.inFlight++;
    const run = this.saving.then(() => this.takeSnapshot(trigger)).finally(() => this.inFlight--);
    this.saving = run.catch(() => false);
    return run;
  }

  private async takeSnapshot(trigger: SnapshotTrigger): Promise<boolean> {
    const session = this.session();
    if (!session || this.isDisposed) return false;
    const takenAt = Date.now();
    // The graph is taken at once (a consistent moment); only encoding and compression are spread out.
    const graph = session.engine.graph();
    this.lastAt = takenAt;
    this.changesSince = 0;
    const result = await this.stores.snapshots.saveInSlices({ clusterId: this.clusterId, graph, takenAt, trigger });
    if (this.isDisposed) return false;
    if (result.saved) {
      const pruned = this.stores.snapshots.prune({ maxAgeMs: this.settings.maxAgeMs, maxTotalBytes: this.settings.maxTotalBytes }, takenAt);
      if (pruned.deleted.length) this.log.info(`pruned ${pruned.deleted.length} old snapshots (${pruned.freedBytes} bytes)`);
      this.log.info(
        `snapshot ${result.snapshot.id} (${trigger}): ${result.snapshot.nodeCount} nodes, ${result.snapshot.storedBytes} bytes stored`,
      );
      this.log.snapshotSaved?.();
    }
    this.stores.db.scheduleSave();
    return result.saved;
  }

  private maybeSnapshot(): void {
    // Changes keep arriving while a snapshot is being written: that one covers them, so do not queue more.
    if (this.inFlight > 0) return;
    const now = Date.now();
    if (
      shouldSnapshot({
        lastAt: this.lastAt,
        now,
        intervalMs: this.settings.intervalMs,
        changesSince: this.changesSince,
        changeThreshold: this.settings.changeThreshold,
      })
    ) {
      this.snapshot(this.changesSince >= this.settings.changeThreshold ? 'changes' : 'interval').catch((error: unknown) =>
        this.log.error(`snapshot failed: ${String(error)}`),
      );
    }
  }

  private recordChange(
    change: { change: 'added' | 'modified' | 'deleted'; before?: ObjectChangeEvent['object']; after?: ObjectChangeEvent['object'] },
    objectId: string,
    at: number,
  ): void {
    if (this.stores.history.record({ clusterId: this.clusterId, objectId, at, ...change })) {
      this.changesSince++;
      this.stores.db.scheduleSave();
      if (this.changesSince >= this.settings.changeThreshold) this.maybeSnapshot();
    }
  }

  /**
   * Stored with the Event's own first and last sighting (no later than now: the API server's clock may run ahead),
   * not the moment it reached us: a connection's first list brings Events up to an hour old, and history shows them
   * when they happened.
   */
  /** An action of the user's own, as an Event row about its object (folded with the same command on the same object). */
  recordUserAction(objectId: string, entry: EventEntry): void {
    if (this.isDisposed) return;
    try {
      const row = { clusterId: this.clusterId, objectId, type: entry.type, reason: entry.reason, message: entry.message };
      this.stores.events.upsert({ ...row, at: entry.lastSeen });
      this.stores.db.scheduleSave();
    } catch (error) {
      this.log.error(`recording an action failed: ${String(error)}`);
    }
  }

  private recordEvent(change: ObjectChangeEvent, at: number): void {
    const session = this.session();
    if (change.type === 'delete' || !session) return;
    const entry = eventEntryOf(change.id, change.object);
    if (!entry) return;
    const o = entry.object;
    const lastSeen = entry.lastSeen > 0 ? Math.min(entry.lastSeen, at) : at;
    const firstSeen = entry.firstSeen > 0 ? Math.min(entry.firstSeen, lastSeen) : lastSeen;
    const count = field(change.object, 'count') ?? field(change.object, 'series', 'count');
    this.stores.events.upsert({
      clusterId: this.clusterId,
      objectId: session.engine.refId(o.group, o.kind, o.namespace, o.name),
      type: entry.type,
      reason: entry.reason,
      message: entry.message,
      at: lastSeen,
      firstSeen,
      ...(typeof count === 'number' ? { count } : {}),
    });
    this.stores.db.scheduleSave();
  }
}
