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
      if (++aliases > limits.aliases) return breach('aliases', token.offset, `more than ${limits.aliases} aliases in one document`);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (isMap(token) && token.items.length > limits.keysPerMap) {
      return breach('keysPerMap', token.offset, `a map with ${token.items.length} keys, more than ${limits.keysPerMap}`);
    }
    for (const item of token.items) {
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}

function isMap(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection): boolean {
  return token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
}

function breach(limit: IntakeLimitName, offset: number, what: string): LimitBreach {
  return { limit, offset, message: `document skipped: ${what} (the ${limit} limit); ${raiseHint(limit)}` };
}
