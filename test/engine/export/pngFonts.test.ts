/** The PNG renderer's fonts: Inter without its layout tables, so text is fast and names are drawn as written. */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../../src/engine/export/png.js';
import { pngFontFiles, withoutTables } from '../../../src/engine/export/pngFonts.js';
import { pngPixels } from './support.js';

const INTER = require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf');

function tableTags(font: Buffer): string[] {
  return Array.from({ length: font.readUInt16BE(4) }, (_, i) => font.toString('latin1', 12 + 16 * i, 16 + 16 * i));
}

function tableBytes(font: Buffer, tag: string): Buffer {
  const i = tableTags(font).indexOf(tag);
  const at = 12 + 16 * i;
  return font.subarray(font.readUInt32BE(at + 8), font.readUInt32BE(at + 8) + font.readUInt32BE(at + 12));
}

const textSvg = (text: string): string =>
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" viewBox="0 0 120 30" font-family="Inter" font-size="14">' +
  `<rect width="120" height="30" fill="#fff"/><text x="4" y="20">${text}</text></svg>`;

describe('PNG fonts', () => {
  it('leaves out exactly the layout tables and keeps every other table byte for byte', () => {
    const inter = readFileSync(INTER);
    const stripped = withoutTables(inter, new Set(['GSUB', 'GPOS', 'GDEF']));
    expect(tableTags(inter)).toEqual(expect.arrayContaining(['GSUB', 'GPOS', 'GDEF', 'glyf', 'cmap']));
    expect(tableTags(stripped)).toEqual(tableTags(inter).filter((t) => !['GSUB', 'GPOS', 'GDEF'].includes(t)));
    for (const tag of tableTags(stripped)) expect(tableBytes(stripped, tag).equals(tableBytes(inter, tag))).toBe(true);
    expect(pngFontFiles().map((path) => tableTags(readFileSync(path)).includes('GSUB'))).toEqual([false, false]);
  });

  it('draws a name as written: "1x4" keeps its letter x (Inter\'s contextual alternates made it "1×4")', () => {
    const withInter = (svg: string): Buffer =>
      new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [INTER], defaultFontFamily: 'Inter' }, logLevel: 'off' }).render().pixels;
    // The bug this guards against: with the font as shipped, the two strings give the same pixels.
    expect(withInter(textSvg('a-1x4w0')).equals(withInter(textSvg('a-1×4w0')))).toBe(true);
    const letter = pngPixels(renderPng(textSvg('a-1x4w0'), { scale: 2 }).png);
    const times = pngPixels(renderPng(textSvg('a-1×4w0'), { scale: 2 }).png);
    expect(letter.equals(times)).toBe(false);
  });
});
