/**
 * What the canvas marks on top of the graph: the selection (and its relations, labelled), search matches
 * (others dimmed), and namespace labels that stay readable when zoomed far out. Remembered here and
 * re-applied after every sync, because nodes waiting for layout are not on the canvas yet when the
 * selection or search is set.
 */
import type { BoundingBox12, Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { groupTitle } from './groupTitle';

/** Cytoscape draws the full picture again this long after the last wheel event (its wheel handler's timeout). */
const SNAPSHOT_PAUSE_MS = 150;

interface GestureInternals {
  readonly textureOnViewport: boolean;
  readonly data: { readonly wheelZooming?: boolean };
}

function snapshotGesture(cy: Core): boolean {
  const r = (cy as unknown as { renderer(): GestureInternals }).renderer();
  return r.textureOnViewport && r.data.wheelZooming === true;
}

export class Decorations {
  private selection: readonly string[] = [];
  private matches: ReadonlySet<string> | null = null;

  constructor(private readonly cy: Core) {
    let scheduled = false;
    let settle: ReturnType<typeof setTimeout> | undefined;
    cy.on('zoom', () => {
      // While a large view zooms as a snapshot (viewportTexture.ts), titles resized now would not show until the gesture
      // pauses, yet each resize restyles its box: they are resized once, as the full drawing comes back.
      if (snapshotGesture(cy)) {
        clearTimeout(settle);
        settle = setTimeout(() => this.scaleGroupLabels(), SNAPSHOT_PAUSE_MS);
        return;
      }
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        this.scaleGroupLabels();
      });
    });
  }

  /** One object, or several (a multi-selection); empty clears it. */
  setSelection(ids: readonly string[]): void {
    this.selection = ids;
    this.applySelection();
  }

  setSearch(matches: ReadonlySet<string> | null): void {
    this.matches = matches;
    this.applySearch();
  }

  /** After elements were added or removed. */
  reapply(): void {
    this.applySelection();
    this.applySearch();
    this.scaleGroupLabels();
  }

  private applySelection(): void {
    const ids = this.selection;
    this.cy.batch(() => {
      this.cy.elements(':selected').unselect();
      this.cy.edges('.related').removeClass('related crowded');
      for (const id of ids) {
        const node = this.cy.getElementById(id);
        if (node.empty()) continue;
        node.select();
        (node as NodeSingular).connectedEdges().addClass('related');
      }
    });
    this.markCrowdedReadings();
  }

  /**
   * A reading longer than its edge would run over the boxes it joins, so such an edge stays unlabelled (the details
   * panel lists it). Measured again with every selection and every sync.
   */
  private markCrowdedReadings(): void {
    const related = this.cy.edges('.related');
    related.removeClass('crowded');
    const crowded = related.filter((edge) => readingCoversEnds(edge));
    if (crowded.nonempty()) crowded.addClass('crowded');
  }

  private applySearch(): void {
    const matches = this.matches;
    this.cy.batch(() => {
      this.cy.elements('.match, .dimmed').removeClass('match dimmed');
      if (matches === null) return;
      const nodes = this.cy.nodes().not('.group');
      nodes.filter((n) => matches.has(n.id())).addClass('match');
      nodes.filter((n) => !matches.has(n.id())).addClass('dimmed');
      this.cy
        .edges()
        .filter((e) => !matches.has(e.source().id()) || !matches.has(e.target().id()))
        .addClass('dimmed');
    });
  }

  /**
   * Sizes each namespace title for the zoom and its box (groupTitle.ts): far out they sit centred over their box
   * (the `far` class). Only groups whose title actually changes are touched: restyling a compound restyles
   * everything inside it.
   */
  private scaleGroupLabels(): void {
    const zoom = this.cy.zoom();
    const changes: { group: NodeSingular; size: number; maxWidth: number; far: boolean }[] = [];
    this.cy.nodes('.group').forEach((group) => {
      const title = groupTitle(zoom, group.outerWidth(), group.outerHeight());
      const same =
        group.hasClass('far') === title.far && group.data('labelSize') === title.size && group.data('titleWidth') === title.maxWidth;
      if (!same) changes.push({ group, ...title });
    });
    if (changes.length === 0) return;
    this.cy.batch(() => {
      for (const { group, size, maxWidth, far } of changes) {
        if (far) group.addClass('far');
        else group.removeClass('far');
        group.data({ labelSize: size, titleWidth: maxWidth });
      }
    });
  }
}

const BOX_ONLY = { includeLabels: false, includeOverlays: false, includeUnderlays: false };
/** The reading's background padding and a pixel of slack (cyStyle.ts `edge.related`). */
const READING_PADDING = 3;

interface Point {
  readonly x: number;
  readonly y: number;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** The drawn width of `text` in the edge's label font (cytoscape's bounds of these labels came back empty, even once drawn). */
function textWidth(edge: EdgeSingular, text: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 6;
  measureContext.font = `${String(edge.style('font-size'))} ${String(edge.style('font-family'))}`;
  return measureContext.measureText(text).width;
}

/**
 * Whether the edge's reading, as cytoscape draws it (centred on the edge's midpoint, turned along the stretch of the
 * edge it sits on), overlaps the box of its source or target.
 */
function readingCoversEnds(edge: EdgeSingular): boolean {
  const reading = String(edge.data('reading') ?? '');
  if (reading === '') return false;
  const mid = edge.midpoint();
  const path: Point[] = [edge.sourceEndpoint(), ...(edge.segmentPoints() ?? []), edge.targetEndpoint()];
  const [a, b] = stretchAt(path, mid);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const along = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
  const halfWidth = textWidth(edge, reading) / 2 + READING_PADDING;
  const halfHeight = parseFloat(String(edge.style('font-size'))) / 2 + READING_PADDING;
  const dx = Math.abs(along.x) * halfWidth + Math.abs(along.y) * halfHeight;
  const dy = Math.abs(along.y) * halfWidth + Math.abs(along.x) * halfHeight;
  const label = { x1: mid.x - dx, x2: mid.x + dx, y1: mid.y - dy, y2: mid.y + dy };
  return overlaps(edge.source().boundingBox(BOX_ONLY), label) || overlaps(edge.target().boundingBox(BOX_ONLY), label);
}

/** The stretch of `path` closest to `point`. */
function stretchAt(path: readonly Point[], point: Point): readonly [Point, Point] {
  let best: readonly [Point, Point] = [path[0]!, path[path.length - 1]!];
  let bestDistance = Infinity;
  for (let i = 1; i < path.length; i++) {
    const distance = distanceToStretch(point, path[i - 1]!, path[i]!);
    if (distance < bestDistance) [best, bestDistance] = [[path[i - 1]!, path[i]!], distance];
  }
  return best;
}

function distanceToStretch(p: Point, a: Point, b: Point): number {
  const lengthSquared = (b.x - a.x) ** 2 + (b.y - a.y) ** 2;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * (b.x - a.x)), p.y - (a.y + t * (b.y - a.y)));
}

function overlaps(a: BoundingBox12, b: BoundingBox12): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
