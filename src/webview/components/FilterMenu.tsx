/** A dropdown of checkboxes (namespaces, kinds, relation types): checked means shown. */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { Menu } from './Menu';

export interface FilterItem {
  readonly value: string;
  readonly label: string;
  readonly count?: number;
}

export interface FilterMenuProps {
  /** Names the menu for tests and styles (`data-menu`), in English whatever the display language. */
  readonly name: string;
  /** What the menu's button shows, translated. */
  readonly title: string;
  readonly items: readonly FilterItem[];
  readonly hidden: readonly string[];
  readonly onToggle: (value: string) => void;
  readonly onSetHidden: (hidden: readonly string[]) => void;
}

export function FilterMenu({ name, title, items, hidden, onToggle, onSetHidden }: FilterMenuProps): JSX.Element {
  const hiddenCount = items.filter((i) => hidden.includes(i.value)).length;
  const summary = (
    <>
      {title}
      {hiddenCount > 0 && <span class="badge">{`${items.length - hiddenCount}/${items.length}`}</span>}
    </>
  );
  return (
    <Menu summary={summary} label={filterLabel(title, hiddenCount)} name={name}>
      <div class="menu-actions">
        <button type="button" onClick={() => onSetHidden([])}>
          {l10n.t('Show all')}
        </button>
        <button type="button" onClick={() => onSetHidden(items.map((i) => i.value))}>
          {l10n.t('Hide all')}
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

/** The menu button's accessible name: "Kinds filter", "Kinds filter, 2 hidden". */
function filterLabel(title: string, hiddenCount: number): string {
  return hiddenCount > 0 ? l10n.t('{0} filter, {1} hidden', title, hiddenCount) : l10n.t('{0} filter', title);
}
