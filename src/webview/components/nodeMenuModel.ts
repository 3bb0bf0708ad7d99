/**
 * The pure part of a node's context menu (NodeMenu.tsx): where it goes, and what it lists: the actions the host
 * offered on the object (node/actions, live clusters only), then the view's own items, the same ones the details panel
 * has. Manifest and history views get only the latter.
 */
import * as l10n from '@vscode/l10n';
import { actionSpec, bulkActionsFor, type ActionId } from '../../engine/actions/catalog';
import { isLogKind } from '../../engine/logs/targets';
import type { TopologyNode } from '../../engine/model/graph';
import { GROUP_PREFIX } from '../../engine/viewModel/viewGraph';
import type { GraphMode, NodeActionState } from '../../protocol/messages';
import type { Activation } from './activation';

export interface NodeMenuItem {
  readonly key: string;
  readonly label: string;
  /** Denied by the cluster: shown, focusable (so the reason is read out), but not run. */
  readonly disabled?: boolean;
  readonly reason?: string;
  /** Removes or disrupts something: drawn in the error colour. */
  readonly danger?: boolean;
  /** Starts a new group of items (the view's own after the cluster's actions). */
  readonly separatorBefore?: boolean;
  readonly run: () => void;
}

interface Size {
  readonly width: number;
  readonly height: number;
}

/** Space kept between the menu and the window's edge. */
const EDGE = 4;

/** Where the menu goes so it stays inside the window: flipped to the left or above the point when it would overflow. */
export function placeMenu(x: number, y: number, size: Size, window: Size): { left: number; top: number } {
  const left = x + size.width + EDGE > window.width ? x - size.width : x;
  const top = y + size.height + EDGE > window.height ? y - size.height : y;
  const clamp = (value: number, extent: number, limit: number): number => Math.max(EDGE, Math.min(value, limit - extent - EDGE));
  return { left: clamp(left, size.width, window.width), top: clamp(top, size.height, window.height) };
}

export interface NodeMenuInput {
  readonly node: TopologyNode;
  readonly mode: GraphMode | undefined;
  /** The host's last answer; used only when it is about `node`. */
  readonly offered: { readonly id: string; readonly actions: readonly NodeActionState[] } | null;
  readonly onAction: (action: ActionId, id: string) => void;
  readonly onOpenSource: (id: string) => void;
  readonly onFocus: (id: string) => void;
  readonly onShowLogs: (id: string) => void;
  readonly onShowHistory: (id: string) => void;
}

export function nodeMenuItems(input: NodeMenuInput): NodeMenuItem[] {
  const { node } = input;
  const live = input.mode === 'cluster' && node.missing !== true;
  const actions = live && input.offered?.id === node.id ? input.offered.actions : [];
  const items: NodeMenuItem[] = actions.map((state) => ({
    key: state.action,
    label: state.title,
    ...(state.allowed ? {} : { disabled: true, reason: state.reason ?? l10n.t('Not permitted for your account') }),
    ...(actionSpec(state.action).destructive ? { danger: true } : {}),
    run: () => input.onAction(state.action, node.id),
  }));
  const own: NodeMenuItem[] = [];
  if (node.source !== undefined) own.push({ key: 'go-to-yaml', label: l10n.t('Go to YAML'), run: () => input.onOpenSource(node.id) });
  own.push({ key: 'focus', label: l10n.t('Focus Neighbourhood'), run: () => input.onFocus(node.id) });
  if (live && isLogKind(node.kind)) own.push({ key: 'logs', label: l10n.t('Logs'), run: () => input.onShowLogs(node.id) });
  if (live) own.push({ key: 'history', label: l10n.t('History'), run: () => input.onShowHistory(node.id) });
  const [first, ...rest] = own;
  return first === undefined ? items : [...items, { ...first, separatorBefore: items.length > 0 }, ...rest];
}

/** A node of a multi-selection: the bulk actions that fit every selected object, run on all of them. */
export function bulkMenuItems(kinds: readonly string[], run: (action: ActionId) => void): NodeMenuItem[] {
  return bulkActionsFor(kinds).map((spec) => ({
    key: spec.id,
    label: spec.title,
    ...(spec.destructive ? { danger: true } : {}),
    run: () => run(spec.id),
  }));
}

export interface FoldMenuInput {
  readonly id: string;
  /** What a double-click on it does. */
  readonly activation: Activation;
  /** The object a fold of Pods or Events hangs on, when it is in the graph. */
  readonly owner: TopologyNode | undefined;
  readonly onActivate: (id: string) => void;
  readonly onSelect: (id: string) => void;
}

/**
 * A fold or a namespace box stands for many objects, so it has no cluster actions: its menu opens it (a box: folds
 * it), as a double-click does, and leads to the object a fold of Pods or Events hangs on.
 */
export function foldMenuItems(input: FoldMenuInput): NodeMenuItem[] {
  const { id, owner } = input;
  const items: NodeMenuItem[] = [];
  if (input.activation.kind === 'view')
    items.push({ key: 'open', label: id.startsWith(GROUP_PREFIX) ? l10n.t('Fold') : l10n.t('Open'), run: () => input.onActivate(id) });
  if (owner !== undefined)
    items.push({ key: 'owner', label: l10n.t('Select {0} {1}', owner.kind, owner.name), run: () => input.onSelect(owner.id) });
  return items;
}
