/** A dropdown of checkboxes (namespaces, kinds, relation types): checked means shown. */
import type { JSX } from 'preact';
import { Menu } from './Menu';

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
  const hiddenCount = items.filter((i) => hidden.includes(i.value)).length;
  const summary = (
    <>
      {title}
      {hiddenCount > 0 && <span class="badge">{`${items.length - hiddenCount}/${items.length}`}</span>}
    </>
  );
  return (
    <Menu summary={summary} label={`${title} filter${hiddenCount > 0 ? `, ${hiddenCount} hidden` : ''}`} name={title}>
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
    </Menu>
  );
}
