/**
 * Adds many elements to cytoscape over several short tasks, so a large view's first draw never blocks the page for
 * long (issue 15: at 5,000 objects one task added every element, styled it, measured its label and bounds, ~1-2 s).
 * The slices add the elements, then compute their style, then their label sizes, edge routes and bounds: what the
 * first frame would otherwise do for every element at once. Between tasks cytoscape must not draw the growing picture, each frame
 * drawing everything so far: a batch held open across the tasks makes its render loop skip frames (its renderer draws
 * nothing mid-batch), and the whole view is drawn once, when the last slice is in.
 */
import type { CollectionReturnValue, Core, ElementDefinition } from 'cytoscape';

/** About this long per task: well under the 50 ms a browser counts as a long task, with room for the page's events. */
const SLICE_MS = 30;
/** Elements handled at once within a slice, between looks at the clock. */
const CHUNK = 50;

/** Cytoscape internals (3.34) the slices use: a collection's style pass, and an element's rendered-style flags. */
interface StyleInternals {
  cleanStyle(): void;
}

interface RenderedStyleInternals {
  readonly _private: { readonly rstyle: { cleanConnected?: boolean } };
}

/** The three passes over the elements, in order; none starts before the one before it is done. */
type Pass = 'add' | 'style' | 'measure';
const PASSES: readonly Pass[] = ['add', 'style', 'measure'];

export class SlicedAdd {
  private pass = 0;
  /** How many elements the current pass has handled. */
  private progress = 0;
  private readonly placed: CollectionReturnValue;
  private holding = false;
  private readonly channel = new MessageChannel();
  private finished = false;

  /** `done` runs once, after the last slice. */
  constructor(
    private readonly cy: Core,
    private readonly additions: readonly ElementDefinition[],
    private readonly done: () => void,
  ) {
    this.placed = cy.collection();
    this.channel.port1.onmessage = () => this.step();
  }

  /** Adds the first slice in the caller's task, which must not be inside a batch of its own. */
  start(): void {
    this.step();
  }

  /** How much work is left, in elements times passes: nothing is drawn before it is all done. */
  get remaining(): number {
    return this.finished ? 0 : (PASSES.length - this.pass) * this.additions.length - this.progress;
  }

  /** Adds whatever is left now, in this task: something is about to read or change the elements. */
  flush(): void {
    if (this.finished) return;
    this.release();
    if (PASSES[this.pass] === 'add') this.cy.batch(() => this.cy.add(this.additions.slice(this.progress)));
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
    while (this.pass < PASSES.length && performance.now() - start < SLICE_MS) {
      this.runChunk(PASSES[this.pass] ?? 'measure');
      if (this.progress >= this.additions.length) {
        this.pass++;
        this.progress = 0;
      }
    }
    if (this.pass < PASSES.length) {
      this.hold();
      // A message, not setTimeout: nested timeouts wait at least 4 ms each, dozens of slices in a row.
      this.channel.port2.postMessage(null);
    } else {
      this.finish();
    }
  }

  /**
   * Adds every element first, then computes their style, then their label sizes, edge routes and bounds, which
   * cytoscape keeps, so the first frame only draws. In that order because each step undoes the one before for what it
   * touches: an added edge marks its ends for a new style; a node's first style marks its box's bounds stale; and a
   * box's bounds come from all of its children (20,000 objects, each slice doing all three: 9.4 s of slices, a third
   * of it computing boxes' bounds again).
   */
  private runChunk(pass: Pass): void {
    const from = this.progress;
    this.progress = Math.min(this.additions.length, from + CHUNK);
    if (pass === 'add') {
      let added = this.cy.collection();
      this.cy.batch(() => {
        added = this.cy.add(this.additions.slice(from, this.progress));
      });
      // `merge` grows the collection in place.
      this.placed.merge(added);
      return;
    }
    const chunk = this.placed.slice(from, this.progress);
    if (pass === 'style') {
      (chunk as unknown as StyleInternals).cleanStyle();
      return;
    }
    void chunk.boundingBox();
    // What the renderer's own pass would mark: this node's edges are routed for where it stands (else the first frame
    // routes every edge again).
    chunk.nodes().forEach((node) => {
      (node as unknown as RenderedStyleInternals)._private.rstyle.cleanConnected = true;
    });
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
