/** A dropdown of checkboxes (namespaces, kinds, relation types): checked means shown. */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface FilterItem {
  readonly value: string;
  readonly label: string;
  readonly count?: number;
}

export interface FilterMenuProps {
  readonly title: string;
  readonly items: readonly FilterItem[];
  readonly hidden: readonly string[];
  readonly onToggle: (value: string) => void;
  readonly onSetHidden: (hidden: readonly string[]) => void;
}

export function FilterMenu({ title, items, hidden, onToggle, onSetHidden }: FilterMenuProps): JSX.Element {
  const details = useRef<HTMLDetailsElement>(null);
  const hiddenCount = items.filter((i) => hidden.includes(i.value)).length;

  // <details> does not close on outside clicks by itself; menus that stay open get in the way.
  useEffect(() => {
    const close = (event: MouseEvent): void => {
      const el = details.current;
      if (el !== null && el.open && !el.contains(event.target as Node)) el.open = false;
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  return (
    <details
      class="menu"
      ref={details}
      data-menu={title}
      onKeyDown={(event) => {
        const el = details.current;
        if (event.key !== 'Escape' || el === null || !el.open) return;
        el.open = false;
        el.querySelector('summary')?.focus();
        event.stopPropagation();
      }}
    >
      <summary aria-label={`${title} filter${hiddenCount > 0 ? `, ${hiddenCount} hidden` : ''}`}>
        {title}
        {hiddenCount > 0 && <span class="badge">{`${items.length - hiddenCount}/${items.length}`}</span>}
      </summary>
      <div class="menu-body" role="group" aria-label={title}>
        <div class="menu-actions">
          <button type="button" onClick={() => onSetHidden([])}>
            Show all
          </button>
          <button type="button" onClick={() => onSetHidden(items.map((i) => i.value))}>
            Hide all
          </button>
        </div>
        <div class="menu-items">
          {items.map((item) => (
            <label key={item.value} class="menu-item">
              <input type="checkbox" checked={!hidden.includes(item.value)} onChange={() => onToggle(item.value)} />
              <span class="menu-label">{item.label}</span>
              {item.count !== undefined && <span class="count">{item.count}</span>}
            </label>
          ))}
        </div>
      </div>
    </details>
  );
}
