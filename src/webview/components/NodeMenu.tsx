/**
 * A node's context menu on the canvas (right-click, Shift+F10, the ContextMenu key): a WAI-ARIA menu whose items are
 * reached with the arrow keys, Home and End, run with Enter or Space, and which closes on Escape, Tab, a click outside
 * or a wheel turn (the node it belongs to would move away from it). It is placed where it was asked for, then moved
 * back inside the window so no item is cut off at the canvas's edges.
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ActionId } from '../../engine/actions/catalog';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import type { GraphMode } from '../../protocol/messages';
import type { DetailLevel } from '../../engine/viewModel/viewOptions';
import { activation, foldOwner } from './activation';
import { bulkMenuItems, foldMenuItems, nodeMenuItems, placeMenu, type NodeMenuInput, type NodeMenuItem } from './nodeMenuModel';
import type { MenuRequest, OfferedActions } from './useNodeMenu';

export interface NodeMenuProps {
  /** Client coordinates the menu opens at (its top-left corner, if it fits). */
  readonly x: number;
  readonly y: number;
  /** The menu's accessible name ("Actions for web"). */
  readonly label: string;
  readonly items: readonly NodeMenuItem[];
  /** `restoreFocus`: the keyboard closed it (Escape, or an item run), so focus goes back to the canvas. */
  readonly onClose: (restoreFocus: boolean) => void;
}

export function NodeMenu({ x, y, label, items, onClose }: NodeMenuProps): JSX.Element {
  const menu = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = menu.current;
    if (el === null) return;
    const place = placeMenu(x, y, el.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight });
    // Set through the CSSOM, which the webview's CSP allows (a style attribute would not be).
    el.style.left = `${place.left}px`;
    el.style.top = `${place.top}px`;
    el.style.visibility = 'visible';
    itemButtons(el)[0]?.focus();
  }, [x, y, items.length]);

  // A layout effect, not an effect: Preact runs effects after the next paint, and a click outside that comes before it
  // (a quick user, a busy page) found no listener and left the menu open for good.
  useLayoutEffect(() => {
    const outside = (event: Event): void => {
      if (menu.current !== null && !menu.current.contains(event.target as Node)) onClose(false);
    };
    const resized = (): void => onClose(false);
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('wheel', outside, true);
    window.addEventListener('resize', resized);
    window.addEventListener('blur', resized);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('wheel', outside, true);
      window.removeEventListener('resize', resized);
      window.removeEventListener('blur', resized);
    };
  }, [onClose]);

  const run = (item: NodeMenuItem): void => {
    if (item.disabled === true) return;
    onClose(true);
    item.run();
  };

  return (
    <div
      ref={menu}
      class="node-menu"
      role="menu"
      aria-label={label}
      data-testid="node-menu"
      onKeyDown={(event) => menuKey(event, menu.current, onClose)}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => [
        item.separatorBefore === true ? <div key={`${item.key}-separator`} class="node-menu-separator" role="separator" /> : null,
        <button
          key={item.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          class={`node-menu-item${item.danger === true ? ' menu-danger' : ''}`}
          aria-disabled={item.disabled === true ? 'true' : undefined}
          aria-description={item.reason}
          title={item.reason}
          onClick={() => run(item)}
        >
          <span class="node-menu-label">{item.label}</span>
          {item.reason !== undefined && <span class="node-menu-reason">{item.reason}</span>}
        </button>,
      ])}
    </div>
  );
}

function itemButtons(menu: HTMLElement): HTMLButtonElement[] {
  return [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
}

/** Roving focus over the items; Enter and Space reach the focused button's click (a disabled one does nothing). */
function menuKey(event: KeyboardEvent, menu: HTMLElement | null, onClose: (restoreFocus: boolean) => void): void {
  if (menu === null) return;
  const buttons = itemButtons(menu);
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const focusAt = (i: number): void => buttons[(i + buttons.length) % buttons.length]?.focus();
  switch (event.key) {
    case 'ArrowDown':
      focusAt(index + 1);
      break;
    case 'ArrowUp':
      focusAt(index < 0 ? -1 : index - 1);
      break;
    case 'Home':
      focusAt(0);
      break;
    case 'End':
      focusAt(-1);
      break;
    case 'Escape':
      onClose(true);
      break;
    case 'Tab':
      onClose(true);
      break;
    default:
      return;
  }
  event.preventDefault();
  event.stopPropagation();
}

export interface CanvasMenuProps {
  readonly request: MenuRequest;
  readonly store: GraphStore;
  readonly mode: GraphMode | undefined;
  readonly offered: OfferedActions;
  /** Runs an action on `id`, or on `ids` (a multi-selection). */
  readonly onAction: (action: ActionId, id: string, ids?: readonly string[]) => void;
  readonly handlers: Pick<NodeMenuInput, 'onOpenSource' | 'onFocus' | 'onShowLogs' | 'onShowHistory'>;
  /** For a fold or a namespace box: the level drawn (what a double-click does depends on it), and what it runs. */
  readonly folds: { readonly level: DetailLevel; readonly onActivate: (id: string) => void; readonly onSelect: (id: string) => void };
  readonly onClose: (restoreFocus: boolean) => void;
}

/** The menu of the node (or multi-selection) a request is about; nothing once that node has left the graph. */
export function CanvasMenu({ request, store, mode, offered, onAction, handlers, folds, onClose }: CanvasMenuProps): JSX.Element | null {
  const { ids } = request;
  const node = store.nodes.get(request.id);
  if (node === undefined) return foldMenu(request, store, folds, onClose);
  const items =
    ids === undefined
      ? nodeMenuItems({ node, mode, offered, onAction: (action, id) => onAction(action, id), ...handlers })
      : bulkMenuItems(
          ids.map((id) => store.nodes.get(id)?.kind ?? ''),
          (action) => onAction(action, request.id, ids),
        );
  const label = ids === undefined ? l10n.t('Actions for {0}', node.name) : l10n.t('Actions for {0} selected objects', ids.length);
  return <NodeMenu x={request.at.x} y={request.at.y} label={label} items={items} onClose={onClose} />;
}

function foldMenu(
  request: MenuRequest,
  store: GraphStore,
  folds: CanvasMenuProps['folds'],
  onClose: CanvasMenuProps['onClose'],
): JSX.Element | null {
  const { id } = request;
  const ownerId = foldOwner(id);
  const items = foldMenuItems({
    id,
    activation: activation(id, false, folds.level),
    owner: ownerId === undefined ? undefined : store.nodes.get(ownerId),
    onActivate: folds.onActivate,
    onSelect: folds.onSelect,
  });
  if (items.length === 0) return null;
  return <NodeMenu x={request.at.x} y={request.at.y} label={l10n.t('Actions for this group')} items={items} onClose={onClose} />;
}
