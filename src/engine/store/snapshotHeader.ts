/**
 * Reads the scalar members at the start of a JSON object from a prefix of its text, without parsing the rest: the
 * snapshot header (format, version) is checked before a possibly huge graph is inflated or parsed. Object and
 * array values are skipped; reading stops at the `graph` member, at the end of the prefix, or at anything unusual.
 */
export type LeadingMembers = Record<string, unknown> & {
  /** True when reading reached the object's end: the members seen are all there are. */
  readonly complete: boolean;
};

const WHITESPACE = /[ \t\n\r]*/y;
// JSON strings may not hold raw control characters; matching them is the point here.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
/** Nested values in the header (cluster) are small; a deep or long one ends the look-ahead. */
const MAX_SKIPPED_CHARS = 16 * 1024;

export function readLeadingMembers(text: string): LeadingMembers | 'not-an-object' {
  const found: Record<string, unknown> = {};
  let at = skipWhitespace(text, 0);
  if (at >= text.length) return { ...found, complete: false };
  if (text[at] !== '{') return 'not-an-object';
  at = skipWhitespace(text, at + 1);
  for (;;) {
    if (text[at] === '}') return { ...found, complete: true };
    const key = token(STRING, text, at);
    if (key === undefined) return { ...found, complete: false };
    const name = JSON.parse(key) as string;
    // The graph is the large member: a header after it (a file edited by hand) is checked once parsed.
    if (name === 'graph') return { ...found, complete: false };
    at = skipWhitespace(text, at + key.length);
    if (text[at] !== ':') return { ...found, complete: false };
    at = skipWhitespace(text, at + 1);
    const scalar = token(STRING, text, at) ?? token(NUMBER, text, at) ?? token(LITERAL, text, at);
    if (scalar !== undefined) {
      found[name] = JSON.parse(scalar);
      at += scalar.length;
    } else {
      const end = skipNested(text, at);
      if (end === undefined) return { ...found, complete: false };
      at = end;
    }
    at = skipWhitespace(text, at);
    if (text[at] === ',') at = skipWhitespace(text, at + 1);
    else if (text[at] !== '}') return { ...found, complete: false };
  }
}

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

function token(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** The index after the object or array starting at `at`, or undefined when it does not end soon. */
function skipNested(text: string, at: number): number | undefined {
  if (text[at] !== '{' && text[at] !== '[') return undefined;
  let depth = 0;
  const limit = Math.min(text.length, at + MAX_SKIPPED_CHARS);
  for (let i = at; i < limit; i++) {
    const char = text[i];
    if (char === '"') {
      const string = token(STRING, text, i);
      if (string === undefined) return undefined;
      i += string.length - 1;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}
