/**
 * The font files the PNG renderer is given: the Inter shipped in an npm package, without its OpenType layout
 * tables (GSUB, GPOS, GDEF). Those tables are why text was the slowest part of a large PNG: resvg shapes every
 * label through them, about 45 µs a glyph, three times the cost without them (a 5,000-object cluster has 150,000
 * glyphs). Without GSUB, names are also drawn as written: Inter's contextual alternates turned "1x4" into "1×4"
 * and raised hyphens between digits, which misquotes an object's name. What is lost is kerning (from GPOS), a
 * fraction of a pixel between a few letter pairs at label sizes. The derived files are written once a process to a
 * private temporary folder, because resvg reads fonts from files only.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INTER_FILES = ['400Regular/Inter_400Regular.ttf', '700Bold/Inter_700Bold.ttf'];
const LAYOUT_TABLES = new Set(['GSUB', 'GPOS', 'GDEF']);

let cached: string[] | undefined;

/** Paths of the derived font files, written on first use (a process's later calls reuse them). */
export function pngFontFiles(): string[] {
  cached ??= INTER_FILES.map((file) => derivedFont(readFileSync(require.resolve(`@expo-google-fonts/inter/${file}`))));
  return cached;
}

function derivedFont(font: Buffer): string {
  const stripped = withoutTables(font, LAYOUT_TABLES);
  const path = join(privateFontDir(), `${createHash('sha256').update(stripped).digest('hex').slice(0, 16)}.ttf`);
  writeFileSync(path, stripped, { mode: 0o600 });
  return path;
}

let fontDir: string | undefined;

/**
 * A folder of this process's own (mode 0700, a fresh name), removed on exit. A fixed shared path under the
 * system temp folder could be planted or swapped by another local user between our check and resvg's read.
 */
function privateFontDir(): string {
  if (fontDir === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'kubilitics-fonts-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    fontDir = dir;
  }
  return fontDir;
}

/**
 * A TrueType/OpenType file with some tables left out: the table directory rewritten, every kept table copied
 * as it is, 4-byte aligned. Checksums are zeroed; font readers (ttf-parser in resvg) do not check them.
 */
export function withoutTables(font: Buffer, drop: ReadonlySet<string>): Buffer {
  const count = font.readUInt16BE(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 12 + 16 * i;
    return { tag: font.toString('latin1', at, at + 4), offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) };
  }).filter((t) => !drop.has(t.tag));
  const directory = Buffer.alloc(12 + 16 * tables.length);
  font.copy(directory, 0, 0, 4); // sfnt version
  directory.writeUInt16BE(tables.length, 4);
  // searchRange, entrySelector and rangeShift, as the format defines them for this table count.
  const power = 2 ** Math.floor(Math.log2(Math.max(1, tables.length)));
  directory.writeUInt16BE(power * 16, 6);
  directory.writeUInt16BE(Math.log2(power), 8);
  directory.writeUInt16BE(tables.length * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = directory.length;
  tables.forEach((t, i) => {
    const body = Buffer.alloc((t.length + 3) & ~3);
    font.copy(body, 0, t.offset, t.offset + t.length);
    const at = 12 + 16 * i;
    directory.write(t.tag, at, 'latin1');
    directory.writeUInt32BE(offset, at + 8);
    directory.writeUInt32BE(t.length, at + 12);
    bodies.push(body);
    offset += body.length;
  });
  return Buffer.concat([directory, ...bodies]);
}
