/**
 * Keyboard access to the canvas: arrows move a focus ring to the nearest node in that direction, Tab and
 * Shift+Tab walk nodes in reading order (and let focus leave the canvas at either end, so keyboard
 * users are never trapped), Enter selects (Ctrl/Cmd+Enter or Shift+Enter adds to the selection or takes out, as a
 * click with those keys does), Escape clears, +/− zoom, 0 fits, Shift+F10 or the ContextMenu key opens the node's
 * context menu.
 */
import type { Core, NodeSingular } from 'cytoscape';
import type { ScreenPoint } from './canvasGestures';
import type { Direction, Located } from './keyboard';
import { nearestInDirection, readingOrder } from './keyboard';

interface NavigatorCallbacks {
  select(id: string | null): void;
  activate(id: string): void;
  keyboardFocus(id: string | null): void;
  toggle(id: string): void;
  contextMenu(id: string, at: ScreenPoint): void;
}

const ARROWS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

export class KeyboardNavigator {
  private focused: string | null = null;
  private order: string[] | null = null;

  constructor(
    private readonly cy: Core,
    private readonly callbacks: NavigatorCallbacks,
  ) {}

  /** Called after the elements or their positions changed. */
  refresh(): void {
    this.order = null;
    if (this.focused !== null && this.cy.getElementById(this.focused).empty()) this.move(null);
  }

  handle(event: KeyboardEvent): boolean {
    const direction = ARROWS[event.key];
    if (direction !== undefined) return this.arrow(direction);
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) return this.contextMenu();
    switch (event.key) {
      case 'Tab':
        return this.tab(event.shiftKey ? -1 : 1);
      case 'Enter':
      case ' ':
        return event.ctrlKey || event.metaKey || event.shiftKey ? this.toggle() : this.enter();
      case 'Escape':
        this.callbacks.select(null);
        return true;
      case '+':
      case '=':
        return this.zoom(1.25);
      case '-':
        return this.zoom(0.8);
      case '0':
        this.cy.fit(this.cy.elements(), 30);
        return true;
      default:
        return false;
    }
  }

  private candidates(): Located[] {
    const result: Located[] = [];
    this.cy.nodes().forEach((n) => {
      if (!n.hasClass('group')) result.push({ id: n.id(), p: { ...n.position() } });
    });
    return result;
  }

  private arrow(direction: Direction): boolean {
    const candidates = this.candidates();
    const current = candidates.find((c) => c.id === this.focused);
    const next = current === undefined ? this.start(candidates) : nearestInDirection(current, candidates, direction);
    if (next !== undefined) this.move(next);
    return true;
  }

  private tab(step: 1 | -1): boolean {
    this.order ??= readingOrder(this.candidates());
    const index = this.focused === null ? -1 : this.order.indexOf(this.focused);
    const next = index === -1 && step === -1 ? this.order.length - 1 : index + step;
    if (next < 0 || next >= this.order.length) {
      this.move(null);
      return false;
    }
    this.move(this.order[next] ?? null);
    return true;
  }

  private toggle(): boolean {
    if (this.focused === null) return false;
    this.callbacks.toggle(this.focused);
    return true;
  }

  private enter(): boolean {
    if (this.focused === null) return false;
    const node = this.cy.getElementById(this.focused);
    if (node.selected()) this.callbacks.activate(this.focused);
    else this.callbacks.select(this.focused);
    return true;
  }

  /** On the focused node, else the selected one: the menu opens beside it, where the reader is looking. */
  private contextMenu(): boolean {
    const selected = this.cy.nodes(':selected').not('.group');
    const id = this.focused ?? (selected.nonempty() ? selected.first().id() : null);
    if (id === null) return false;
    const node = this.cy.getElementById(id) as NodeSingular;
    const box = this.cy.container()?.getBoundingClientRect();
    const p = node.renderedPosition();
    this.callbacks.contextMenu(id, { x: (box?.left ?? 0) + p.x + node.renderedOuterWidth() / 2, y: (box?.top ?? 0) + p.y });
    return true;
  }

  private zoom(factor: number): boolean {
    const centre = { x: this.cy.width() / 2, y: this.cy.height() / 2 };
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: centre });
    return true;
  }

  /** Starts from the selection if any, else the node nearest the middle of the screen. */
  private start(candidates: readonly Located[]): string | undefined {
    const selected = this.cy.nodes(':selected').not('.group');
    if (selected.nonempty()) return selected.first().id();
    const ext = this.cy.extent();
    const mid = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
      const d = Math.hypot(c.p.x - mid.x, c.p.y - mid.y);
      if (d < bestDistance) {
        bestDistance = d;
        best = c.id;
      }
    }
    return best;
  }

  private move(id: string | null): void {
    if (this.focused !== null) this.cy.getElementById(this.focused).removeClass('kbfocus');
    this.focused = id;
    if (id !== null) {
      const node = this.cy.getElementById(id) as NodeSingular;
      node.addClass('kbfocus');
      this.keepInView(node);
    }
    this.callbacks.keyboardFocus(id);
  }

  private keepInView(node: NodeSingular): void {
    const p = node.renderedPosition();
    const margin = 40;
    if (p.x < margin || p.y < margin || p.x > this.cy.width() - margin || p.y > this.cy.height() - margin) {
      this.cy.animate({ center: { eles: node } }, { duration: 150 });
    }
  }
}
