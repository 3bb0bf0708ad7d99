/**
 * The PDF uses the standard Helvetica font (nothing embedded, the same bytes everywhere), which can only
 * show the WinAnsi character set. Text is mapped into it: common symbols get ASCII stand-ins, anything
 * else becomes '?', so a name in another script is visibly replaced rather than silently garbled.
 */

const STAND_INS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↑': '^',
  '↓': 'v',
  '≤': '<=',
  '≥': '>=',
  '✓': 'v',
  '\u00a0': ' ',
};

/** Characters of WinAnsi (CP1252) outside Latin-1. */
const CP1252_EXTRAS = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);

export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff) || CP1252_EXTRAS.has(ch)) out += ch;
    else out += STAND_INS[ch] ?? (code < 0x20 ? '' : '?');
  }
  return out;
}
