import * as l10n from '@vscode/l10n';
import type { CST } from 'yaml';
import type { IntakeLimitName, IntakeLimits } from './limits.js';
import { raiseHint } from './limits.js';

/** The first limit one document breaks, where, and what to tell the user. */
export interface LimitBreach {
  readonly limit: IntakeLimitName;
  /** Offset in the file's text of the node that broke it. */
  readonly offset: number;
  readonly message: string;
}

interface Pending {
  readonly token: CST.Token;
  readonly depth: number;
}

/**
 * Checks one document of the `yaml` library's syntax tree (its Parser is a loop, not a recursion) against the
 * depth, alias and keys-per-map limits, before anything recursive reads it: the composer, toJS and visit all
 * recurse per level, so a 10,000-deep `[[[…]]]` would end in "Maximum call stack size exceeded", and 100K keys
 * would be composed before anyone counted them. An explicit stack, so the check itself never recurses.
 */
export function checkDocumentLimits(document: CST.Document, limits: IntakeLimits): LimitBreach | undefined {
  const stack: Pending[] = document.value ? [{ token: document.value, depth: 0 }] : [];
  let aliases = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type === 'alias') {
      if (++aliases > limits.aliases)
        return breach('aliases', token.offset, l10n.t('more than {0} aliases in one document', limits.aliases));
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > limits.depth) return depthBreach(token.offset, limits);
    if (isMap(token) && token.items.length > limits.keysPerMap) {
      return breach('keysPerMap', token.offset, l10n.t('a map with {0} keys, more than {1}', token.items.length, limits.keysPerMap));
    }
    for (const item of token.items) {
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}

export function depthBreach(offset: number, limits: IntakeLimits): LimitBreach {
  return breach('depth', offset, l10n.t('nested deeper than {0} levels', limits.depth));
}

function isMap(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection): boolean {
  return token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
}

function breach(limit: IntakeLimitName, offset: number, what: string): LimitBreach {
  return { limit, offset, message: l10n.t('document skipped: {0} (the {1} limit); {2}', what, limit, raiseHint(limit)) };
}

/**
 * Lines that open more levels than the depth limit with compact block indicators alone (`- - - … x`, `- ? - …`,
 * `- : - …`): the one shape that the `yaml` library's Parser itself reads by recursion (its blockSequence calls step
 * per `- `), so it must be found in the text before that Parser runs. Each `- `, `? ` or `: ` at a line's start opens
 * a level, so such a line is too deep for certain. Offsets of the lines' first indicators.
 */
export function compactNestingOffsets(text: string, limits: IntakeLimits): number[] {
  const offsets: number[] = [];
  for (let lineStart = 0; lineStart < text.length;) {
    let at = lineStart;
    // Tabs too: YAML forbids them in indentation, but the Parser reads `\t- - - …` on (and recurses) all the same.
    while (isBlank(text.charCodeAt(at))) at++;
    const first = at;
    let levels = 0;
    while (isCompactIndicator(text, at)) {
      levels++;
      at += 2;
      while (isBlank(text.charCodeAt(at))) at++;
    }
    if (levels > limits.depth) offsets.push(first);
    const end = text.indexOf('\n', at);
    lineStart = end === -1 ? text.length : end + 1;
  }
  return offsets;
}

/** The text with the indicators of those lines blanked (same length and lines), for a Parser that must not recurse. */
export function blankCompactNesting(text: string, offsets: readonly number[]): string {
  // One pass: re-slicing the whole text per line was quadratic (2 MB of such lines: 10 s).
  const parts: string[] = [];
  let copied = 0;
  for (const offset of offsets) {
    let at = offset;
    while (isCompactIndicator(text, at) || isBlank(text.charCodeAt(at))) at++;
    parts.push(text.slice(copied, offset), ' '.repeat(at - offset));
    copied = at;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The first of the sorted `offsets` in [from, to), by binary search (a file may hold many of each). */
export function firstOffsetWithin(offsets: readonly number[], from: number, to: number): number | undefined {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (offsets[middle]! < from) low = middle + 1;
    else high = middle;
  }
  const found = offsets[low];
  return found !== undefined && found < to ? found : undefined;
}

function isCompactIndicator(text: string, at: number): boolean {
  const ch = text.charCodeAt(at);
  // `- `, `? ` and `: ` (`- : - : x`, or `: - - x` after a `- ` run the fuzz cut with a `:`) each open a level.
  return (ch === 0x2d || ch === 0x3f || ch === 0x3a) && isBlank(text.charCodeAt(at + 1)); // - ? :
}

function isBlank(ch: number): boolean {
  return ch === 0x20 || ch === 0x09;
}
