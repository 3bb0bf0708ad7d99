/**
 * When a node's context menu shows, and what it is about. In a live cluster it waits for the host's answer about that
 * node (node/actions, sent after the `view/select` the right-click caused), so its items do not shift under the
 * pointer; a host that offers nothing for it still gets the view's own items after a short wait. On a node of a
 * multi-selection it is the bulk actions' menu, which needs no answer: the host checks each object when they run. A
 * fold or a namespace box gets the view's items for it at once.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ScreenPoint } from '../canvas/canvasGestures';
import { GROUP_PREFIX } from '../../engine/viewModel/viewGraph';
import { isFold } from '../../engine/viewModel/foldActions';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import type { NodeActionState } from '../../protocol/messages';

export type OfferedActions = { readonly id: string; readonly actions: readonly NodeActionState[] } | null;

export interface MenuRequest {
  readonly id: string;
  readonly at: ScreenPoint;
  /** Opened on a node of a multi-selection: the bulk actions, on all of these. */
  readonly ids?: readonly string[];
  /** Wait for the host's actions on `id` (a live object the host was just asked about). */
  readonly awaitActions: boolean;
}

export interface NodeMenuContext {
  readonly store: GraphStore;
  /** A live cluster's view: the host offers actions. */
  readonly live: boolean;
  readonly offered: OfferedActions;
  readonly selection: string | null;
  readonly multi: readonly string[];
  readonly select: (id: string | null) => void;
  /** Drops the host's answer about an earlier selection. */
  readonly forgetOffered: () => void;
  readonly focusCanvas: () => void;
}

export interface NodeMenuState {
  /** The menu to show now, or null (none asked for, or still waiting for the host). */
  readonly shown: MenuRequest | null;
  readonly open: (id: string, at: ScreenPoint) => void;
  /** `restoreFocus`: the keyboard closed it, so focus goes back to the canvas. */
  readonly close: (restoreFocus: boolean) => void;
}

/** Long enough for an access review against a slow API server, short enough not to feel ignored. */
const ACTIONS_WAIT_MS = 1500;

export function useNodeMenu(context: NodeMenuContext): NodeMenuState {
  const { store, live, offered, selection, multi, select, forgetOffered, focusCanvas } = context;
  const [request, setRequest] = useState<MenuRequest | null>(null);
  const [waited, setWaited] = useState(false);
  const waits = request !== null && request.awaitActions && offered?.id !== request.id && !waited;
  useEffect(() => {
    if (!waits) return;
    const timer = setTimeout(() => setWaited(true), ACTIONS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [waits, request]);
  const open = useCallback(
    (id: string, at: ScreenPoint) => {
      setWaited(false);
      if (live && multi.includes(id)) {
        setRequest({ id, at, ids: multi, awaitActions: false });
        return;
      }
      // Selecting it asks the host for its actions (view/select); an answer about an earlier selection is not its own.
      if (selection !== id) forgetOffered();
      select(id);
      const node = store.nodes.get(id);
      if (node !== undefined) setRequest({ id, at, awaitActions: live && node.missing !== true });
      else setRequest(isFold(id) || id.startsWith(GROUP_PREFIX) ? { id, at, awaitActions: false } : null);
    },
    [live, multi, selection, select, forgetOffered, store],
  );
  const close = useCallback(
    (restoreFocus: boolean) => {
      setRequest(null);
      if (restoreFocus) focusCanvas();
    },
    [focusCanvas],
  );
  return { shown: waits ? null : request, open, close };
}
