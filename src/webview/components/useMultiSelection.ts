/**
 * The topology's multi-selection: Ctrl/Cmd+click or Shift+click adds a node to the selection or takes it out. One
 * object selected is the ordinary selection (its details panel); two or more are this list, for the bulk actions. Only
 * objects join it: folds and namespace boxes stand for many objects and have no action of their own.
 */
import { useCallback, useMemo } from 'preact/hooks';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { LIMITS } from '../../protocol/messages';

export interface MultiSelection {
  /** The selected objects still in the graph, in the order picked; empty unless two or more are selected. */
  readonly ids: readonly string[];
  readonly toggle: (id: string) => void;
  /** Selects one node (or nothing), ending a multi-selection. */
  readonly select: (id: string | null) => void;
  readonly clear: () => void;
}

/**
 * `current` and `setSingle`: the ordinary selection, and how to change it; `picked` and `setPicked`: the
 * multi-selection as the caller keeps it (persisted with the panel's state, so hiding the panel loses nothing).
 * `graphVersion` stands for the store's contents: a delete, or a new graph, takes objects out of the multi-selection.
 */
export function useMultiSelection(
  store: GraphStore,
  graphVersion: number,
  current: string | null,
  setSingle: (id: string | null) => void,
  picked: readonly string[],
  setPicked: (ids: readonly string[]) => void,
): MultiSelection {
  const isObject = useCallback((id: string) => store.nodes.has(id), [store]);
  const ids = useMemo(() => {
    const present = picked.filter(isObject);
    return present.length > 1 ? present : [];
  }, [picked, graphVersion, isObject]);
  const toggle = useCallback(
    (id: string) => {
      if (!isObject(id)) {
        setPicked([]);
        setSingle(id);
        return;
      }
      const after = toggled(ids.length > 0 ? ids : current !== null && isObject(current) ? [current] : [], id);
      setPicked(after.length > 1 ? after : []);
      setSingle(after.length > 1 ? null : (after[0] ?? null));
    },
    [ids, current, isObject, setSingle, setPicked],
  );
  const clear = useCallback(() => setPicked([]), [setPicked]);
  const select = useCallback(
    (id: string | null) => {
      setPicked([]);
      setSingle(id);
    },
    [setSingle, setPicked],
  );
  return { ids, toggle, select, clear };
}

/** At most as many as one bulk action may name (the protocol's bound): further clicks add nothing. */
export function toggled(ids: readonly string[], id: string): readonly string[] {
  if (ids.includes(id)) return ids.filter((other) => other !== id);
  return ids.length >= LIMITS.actionIds ? ids : [...ids, id];
}
