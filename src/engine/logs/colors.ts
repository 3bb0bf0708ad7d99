/**
 * A stable colour per `pod/container`: a hash of the name picks one of the terminal's twelve theme colours (ANSI
 * 31–36 and 91–96, so the theme decides the actual shade and light themes stay readable). The same name gets the
 * same colour in every stream and every session.
 */
const PALETTE = [36, 33, 35, 32, 34, 31, 96, 93, 95, 92, 94, 91] as const;

export function colourIndex(name: string): number {
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % PALETTE.length;
}

export function ansiColour(name: string): number {
  return PALETTE[colourIndex(name)]!;
}

/** `name` in its colour, then the default colour again. */
export function colourPrefix(name: string): string {
  return `\x1b[${ansiColour(name)}m${name}\x1b[39m`;
}

/** Control characters a log line could use to move the cursor or retitle the terminal; tabs stay. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f\x9b]/g;

/**
 * Makes a container's text safe to write to a terminal: escape sequences are shown, not run (a line must not clear
 * the screen, move the cursor or set the title). Colours written by the program are lost; the text is kept.
 */
export function neutralise(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL, (c) => (c === '\x1b' ? '␛' : '�')) : text;
}
