/**
 * What the canvas marks on top of the graph: the selection (and its relations, labelled), search matches
 * (others dimmed), and namespace labels that stay readable when zoomed far out. Remembered here and
 * re-applied after every sync, because nodes waiting for layout are not on the canvas yet when the
 * selection or search is set.
 */
import type { Core, NodeSingular } from 'cytoscape';
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
      this.cy.edges('.related').removeClass('related');
      for (const id of ids) {
        const node = this.cy.getElementById(id);
        if (node.empty()) continue;
        node.select();
        (node as NodeSingular).connectedEdges().addClass('related');
      }
    });
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
