/**
 * The topology's multi-selection: Ctrl/Cmd+click or Shift+click adds a node to the selection or takes it out. One
 * object selected is the ordinary selection (its details panel); two or more are this list, for the bulk actions. Only
 * objects join it: folds and namespace boxes stand for many objects and have no action of their own.
 */
import { useCallback, useState } from 'preact/hooks';
import { LIMITS } from '../../protocol/messages';

export interface MultiSelection {
  /** The selected objects, in the order picked; empty unless two or more are selected. */
  readonly ids: readonly string[];
  readonly toggle: (id: string) => void;
  readonly clear: () => void;
}

/** `current`: the single selection; `setSingle`: makes one object (or nothing) the selection again. */
export function useMultiSelection(
  isObject: (id: string) => boolean,
  current: string | null,
  setSingle: (id: string | null) => void,
): MultiSelection {
  const [ids, setIds] = useState<readonly string[]>([]);
  const toggle = useCallback(
    (id: string) => {
      if (!isObject(id)) {
        setIds([]);
        setSingle(id);
        return;
      }
      // Objects gone from the graph since they were picked drop out here.
      const before = (ids.length > 0 ? ids : current !== null ? [current] : []).filter(isObject);
      const after = toggled(before, id);
      setIds(after.length > 1 ? after : []);
      setSingle(after.length > 1 ? null : (after[0] ?? null));
    },
    [ids, current, isObject, setSingle],
  );
  const clear = useCallback(() => setIds([]), []);
  return { ids, toggle, clear };
}

/** At most as many as one bulk action may name (the protocol's bound): further clicks add nothing. */
export function toggled(ids: readonly string[], id: string): readonly string[] {
  if (ids.includes(id)) return ids.filter((other) => other !== id);
  return ids.length >= LIMITS.actionIds ? ids : [...ids, id];
}
