/**
 * Adds many elements to cytoscape over several short tasks, so a large view's first draw never blocks the page for
 * long (issue 15: at 5,000 objects one task added every element, styled it, measured its label and bounds, ~1-2 s).
 * Each task adds a slice and has cytoscape compute its style and bounds right away, what the first frame would
 * otherwise do for every element at once. Between tasks cytoscape must not draw the growing picture, each frame
 * drawing everything so far: a batch held open across the tasks makes its render loop skip frames (its renderer draws
 * nothing mid-batch), and the whole view is drawn once, when the last slice is in.
 */
import type { Core, ElementDefinition } from 'cytoscape';

/** About this long per task: well under the 50 ms a browser counts as a long task, with room for the page's events. */
const SLICE_MS = 30;
/** Elements added at once within a slice, between looks at the clock. */
const CHUNK = 50;

/** The renderer's pre-frame pass over the elements whose style or bounds changed (cytoscape 3.34, internal). */
interface RendererInternals {
  flushRenderedStyleQueue?: () => void;
}

export class SlicedAdd {
  private next = 0;
  private holding = false;
  private readonly channel = new MessageChannel();
  private finished = false;

  /** `done` runs once, after the last slice. */
  constructor(
    private readonly cy: Core,
    private readonly additions: readonly ElementDefinition[],
    private readonly done: () => void,
  ) {
    this.channel.port1.onmessage = () => this.step();
  }

  /** Adds the first slice in the caller's task, which must not be inside a batch of its own. */
  start(): void {
    this.step();
  }

  /** How many elements are still to be added. */
  get remaining(): number {
    return this.finished ? 0 : this.additions.length - this.next;
  }

  /** Adds whatever is left now, in this task: something is about to read or change the elements. */
  flush(): void {
    if (this.finished) return;
    this.release();
    this.addChunk(this.additions.length - this.next, false);
    this.finish();
  }

  /** Stops without adding the rest (the canvas is going away). */
  dispose(): void {
    this.finished = true;
    this.release();
    this.channel.port1.close();
  }

  private step(): void {
    if (this.finished) return;
    this.release();
    const start = performance.now();
    while (this.next < this.additions.length && performance.now() - start < SLICE_MS) this.addChunk(CHUNK, true);
    if (this.next < this.additions.length) {
      this.hold();
      // A message, not setTimeout: nested timeouts wait at least 4 ms each, dozens of slices in a row.
      this.channel.port2.postMessage(null);
    } else {
      this.finish();
    }
  }

  private addChunk(count: number, measure: boolean): void {
    const chunk = this.additions.slice(this.next, this.next + count);
    this.next += chunk.length;
    let added = this.cy.collection();
    this.cy.batch(() => {
      added = this.cy.add(chunk);
    });
    if (!measure) return;
    // Style, label size, edge routes and bounds, computed now and kept by cytoscape, so the first frame only draws.
    // The renderer's own pass first: it marks the nodes' edges clean, else the first frame would route every edge again.
    (this.cy as unknown as { renderer(): RendererInternals }).renderer().flushRenderedStyleQueue?.();
    added.forEach((ele) => void ele.boundingBox());
  }

  private hold(): void {
    if (this.holding) return;
    this.holding = true;
    this.cy.startBatch();
  }

  private release(): void {
    if (!this.holding) return;
    this.holding = false;
    this.cy.endBatch();
  }

  private finish(): void {
    this.finished = true;
    this.channel.port1.close();
    this.done();
  }
}
