/**
 * When a node's context menu shows. In a live cluster it waits for the host's answer about that node (node/actions,
 * sent after the `view/select` the right-click caused), so its items do not shift under the pointer; a host that offers
 * nothing for it (a node it does not know) still gets the view's own items after a short wait.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ScreenPoint } from '../canvas/canvasGestures';
import type { NodeActionState } from '../../protocol/messages';

export interface MenuRequest {
  readonly id: string;
  readonly at: ScreenPoint;
  /** Opened on a node of a multi-selection: the bulk actions, on all of these. */
  readonly ids?: readonly string[];
  /** Wait for the host's actions on `id` (a live object the host was just asked about). */
  readonly awaitActions: boolean;
}

export interface NodeMenuState {
  /** The menu to show now, or null (none asked for, or still waiting for the host). */
  readonly shown: MenuRequest | null;
  readonly open: (request: MenuRequest) => void;
  readonly close: () => void;
}

/** Long enough for an access review against a slow API server, short enough not to feel ignored. */
const ACTIONS_WAIT_MS = 1500;

export function useNodeMenu(offered: OfferedActions): NodeMenuState {
  const [request, setRequest] = useState<MenuRequest | null>(null);
  const [waited, setWaited] = useState(false);
  const waits = request !== null && request.awaitActions && offered?.id !== request.id && !waited;
  useEffect(() => {
    if (!waits) return;
    const timer = setTimeout(() => setWaited(true), ACTIONS_WAIT_MS);
    return () => clearTimeout(timer);
  }, [waits, request]);
  const open = useCallback((next: MenuRequest) => {
    setWaited(false);
    setRequest(next);
  }, []);
  const close = useCallback(() => setRequest(null), []);
  return { shown: waits ? null : request, open, close };
}

export type OfferedActions = { readonly id: string; readonly actions: readonly NodeActionState[] } | null;
