/**
 * Main-thread stand-in for the layout worker when it cannot start (e.g. a CSP or fetch failure): the
 * same grouping and packing, with each component laid out as a plain grid instead of ELK. Crude, but
 * the user still sees every object and relation, and the status bar says why.
 */
import type { ElkGraph, ElkLike } from '../../engine/viewModel/componentLayout';
import { ComponentLayouter } from '../../engine/viewModel/componentLayout';
import type { LayoutInput } from '../../engine/viewModel/layoutCore';
import type { LayoutAsk } from './layoutClient';
import { LayoutSessions } from './layoutSessions';
import type { LayoutAnswer } from './workerProtocol';

const GAP_X = 24;
const GAP_Y = 16;

function grid(component: ElkGraph): void {
  const children = component.children ?? [];
  const columns = Math.max(1, Math.ceil(Math.sqrt(children.length * 2)));
  const cellWidth = Math.max(...children.map((c) => c.width ?? 0)) + GAP_X;
  const cellHeight = Math.max(...children.map((c) => c.height ?? 0)) + GAP_Y;
  children.forEach((c, i) => {
    c.x = (i % columns) * cellWidth;
    c.y = Math.floor(i / columns) * cellHeight;
  });
  component.width = Math.min(columns, children.length) * cellWidth - GAP_X;
  component.height = Math.ceil(children.length / columns) * cellHeight - GAP_Y;
}

const GRID_ELK: ElkLike = {
  layout: (graph) => {
    for (const component of graph.children ?? []) grid(component);
    return Promise.resolve(graph);
  },
};

export class GridFallbackLayout {
  readonly lastWorkerMs = 0;
  private readonly sessions = new LayoutSessions(new ComponentLayouter(GRID_ELK));
  private seq = 0;

  async request(input: LayoutInput, ask: LayoutAsk): Promise<LayoutAnswer | undefined> {
    const seq = ++this.seq;
    const patch = await this.sessions.run({ seq, input, ...ask });
    return seq === this.seq ? { seq, patch } : undefined;
  }

  dispose(): void {
    // Nothing to release: no worker, no URL.
  }
}
