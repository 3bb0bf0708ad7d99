/** Small text helpers shared by the exporters: stable number formatting and escaping. */

/** A number rounded to `places` decimals, without trailing zeros or a negative zero: stable across runs. */
export function fmt(n: number, places = 2): string {
  const f = 10 ** places;
  const r = Math.round(n * f) / f;
  return Object.is(r, -0) ? '0' : String(r);
}

export function round(n: number, places = 2): number {
  const f = 10 ** places;
  const r = Math.round(n * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids (control
 * characters can appear in labels from a cluster, and would make the whole file unreadable).
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}
