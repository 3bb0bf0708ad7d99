/**
 * The badge a node with recent Warning Events wears: the count in an amber disc over its top-right corner, drawn by
 * cytoscape as a background image that overflows the node. One image per distinct text ("1".."9", "9+"), so the
 * browser decodes at most ten of them however many nodes are warned; nodes without warnings have no image at all.
 */
const CACHE = new Map<string, string>();

export const BADGE_SIZE = 20;

export function badgeText(count: number): string {
  return count > 9 ? '9+' : String(count);
}

export function warningBadge(count: number): string {
  const text = badgeText(count);
  let uri = CACHE.get(text);
  if (uri === undefined) {
    const size = BADGE_SIZE;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 20 20">` +
      '<circle cx="10" cy="10" r="9" fill="#e5a50a" stroke="#1e1e1e" stroke-width="1.5"/>' +
      `<text x="10" y="14" text-anchor="middle" font-family="sans-serif" font-weight="700" font-size="${text.length > 1 ? 9 : 11}" ` +
      `fill="#1e1e1e">${text}</text></svg>`;
    uri = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
    CACHE.set(text, uri);
  }
  return uri;
}
