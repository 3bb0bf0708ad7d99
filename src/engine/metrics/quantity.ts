/**
 * Kubernetes resource quantities ("250m", "1", "250000n", "64Mi", "1e3") read as plain numbers: CPU in millicores,
 * memory in bytes. Small on purpose: the engine stays free of client-node (the webview and the CLI bundle it), and
 * client-node's helper throws on forms the metrics API writes (`n`, `u`).
 */

const SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** The quantity's value in base units (cores, bytes), or undefined when it is not a quantity. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const scale = match[3] !== undefined ? 10 ** Number(match[3]) : SUFFIXES[match[2] ?? '']!;
  const result = value * scale;
  return Number.isFinite(result) ? result : undefined;
}

/** CPU in millicores ("250m" → 250, "1" → 1000, "250000n" → 0.25). */
export function parseCpu(text: unknown): number | undefined {
  const cores = parseQuantity(text);
  return cores === undefined ? undefined : cores * 1000;
}

/** Memory in bytes ("64Mi" → 67108864, "1G" → 1e9). */
export function parseMemory(text: unknown): number | undefined {
  return parseQuantity(text);
}

/** Millicores as kubectl top writes them: "120m" below one core, "1.25" (cores) from one core up. */
export function formatCpu(millicores: number): string {
  if (millicores < 1000) return `${Math.round(millicores)}m`;
  return `${Number((millicores / 1000).toFixed(2))}`;
}

const BINARY_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'] as const;

/** Bytes in binary units: "512Ki", "64Mi", "1.5Gi" (at most three significant digits). */
export function formatMemory(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)}B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))}${BINARY_UNITS[unit]!}`;
}
