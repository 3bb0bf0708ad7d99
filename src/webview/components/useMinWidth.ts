/**
 * Whether the view is at least `px` wide, kept current as the panel is resized. The toolbar moves controls into its
 * "More tools" menu with this rather than with CSS alone, so each control exists once in the page (one accessible
 * name, one element for tests), not twice with one copy hidden.
 */
import { useEffect, useState } from 'preact/hooks';

export function useMinWidth(px: number): boolean {
  const query = `(min-width: ${px}px)`;
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = (): void => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
