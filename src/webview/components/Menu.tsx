/**
 * One small dropdown for the toolbar (the filter menus and "More tools"): a <details>, so it opens with Enter or
 * Space from the keyboard; it closes on a click outside, on Escape (focus back on its button), and, if asked, after
 * one of its own buttons is used.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface MenuProps {
  /** What the menu's button shows. */
  readonly summary: ComponentChildren;
  /** The button's accessible name, and its list's. */
  readonly label: string;
  /** Names the menu for tests and styles (`data-menu`): not shown, so not translated. */
  readonly name: string;
  readonly class?: string;
  /** Close after a button directly in this menu (not in a nested one) is used: for menus of actions. */
  readonly closeOnAction?: boolean;
  readonly children: ComponentChildren;
}

export function Menu(props: MenuProps): JSX.Element {
  const details = useRef<HTMLDetailsElement>(null);

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
      class={`menu${props.class === undefined ? '' : ` ${props.class}`}`}
      ref={details}
      data-menu={props.name}
      onKeyDown={(event) => {
        const el = details.current;
        if (event.key !== 'Escape' || el === null || !el.open) return;
        // The innermost open menu closes first.
        if ((event.target as Element).closest('details[open]') !== el) return;
        el.open = false;
        el.querySelector('summary')?.focus();
        event.stopPropagation();
      }}
      onClick={(event) => {
        const el = details.current;
        const button = (event.target as Element).closest('button');
        if (props.closeOnAction === true && el !== null && button !== null && button.closest('details') === el) el.open = false;
      }}
    >
      <summary aria-label={props.label}>{props.summary}</summary>
      <div class="menu-body" role="group" aria-label={props.label}>
        {props.children}
      </div>
    </details>
  );
}
