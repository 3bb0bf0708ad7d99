/**
 * One incremental layout per canvas context, shared by the layout worker and its main-thread grid fallback.
 *
 * A patch only says what changed since the worker's own last picture, but the canvas drops answers that a newer
 * request superseded. So every request names the last answer the canvas applied, and the groups of every answer
 * since then are sent again with the new one: the canvas always ends up with the worker's picture.
 */
import type { LayoutPatch } from '../../engine/viewModel/incrementalLayout';
import { IncrementalLayout } from '../../engine/viewModel/incrementalLayout';
import type { ComponentLayout } from '../../engine/viewModel/layoutTypes';
import type { LayoutRequest } from './workerProtocol';

interface Unacknowledged {
  readonly seq: number;
  readonly full: boolean;
  readonly groups: readonly string[];
}

interface Session {
  readonly layout: IncrementalLayout;
  unacknowledged: Unacknowledged[];
}

/** Contexts remembered at most (grouping on/off × a few focus targets); the oldest is forgotten first. */
const MAX_SESSIONS = 8;

export class LayoutSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly layouter: ComponentLayout) {}

  async run(request: LayoutRequest): Promise<LayoutPatch> {
    const session = this.session(request.context);
    const pending = session.unacknowledged.filter((u) => u.seq > request.applied);
    const full = request.full || pending.some((u) => u.full);
    const patch = await session.layout.layout(request.input, full);
    session.unacknowledged = [...pending, { seq: request.seq, full: patch.full, groups: patch.relaidGroups }];
    if (patch.full) return patch;
    const again = new Set(pending.flatMap((u) => u.groups));
    for (const g of patch.relaidGroups) again.delete(g);
    return again.size === 0 ? patch : session.layout.patchFor(request.input, [...patch.relaidGroups, ...again]);
  }

  private session(context: string): Session {
    let session = this.sessions.get(context);
    if (session !== undefined) this.sessions.delete(context);
    session ??= { layout: new IncrementalLayout(this.layouter), unacknowledged: [] };
    this.sessions.set(context, session); // most recently used last
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return session;
  }
}
