import { describe, expect, it } from 'vitest';
import { ansiColour, colourPrefix, neutralise } from '../../../src/engine/logs/colors.js';
import { compileFilter } from '../../../src/engine/logs/filter.js';
import { LogMerger } from '../../../src/engine/logs/merger.js';
import { Ring } from '../../../src/engine/logs/ring.js';
import { parseStamped, sinceTimeFor } from '../../../src/engine/logs/timestamp.js';

/** A `timestamps=true` line at second `s` plus `nanos`. */
const at = (s: number, text: string, fraction = ''): string =>
  `2024-05-01T10:00:${String(s).padStart(2, '0')}${fraction ? `.${fraction}` : ''}Z ${text}`;
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('Ring', () => {
  it('keeps the newest items and counts the dropped ones', () => {
    const ring = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect([...ring.values()]).toEqual([3, 4, 5]);
    expect(ring.last(2)).toEqual([4, 5]);
    expect(ring.dropped).toBe(2);
    expect(ring.size).toBe(3);
  });
  it('refuses a capacity below one', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
  });
});

describe('timestamps', () => {
  it('orders trimmed fractions correctly through the key', () => {
    const a = parseStamped(at(5, 'a', '1'))!;
    const b = parseStamped(at(5, 'b', '09'))!;
    expect(a.key > b.key).toBe(true);
    expect(a.text).toBe('a');
  });
  it('converts offsets to UTC and resumes at the whole second', () => {
    expect(parseStamped('2024-05-01T12:00:01.5+02:00 x')!.key).toBe('2024-05-01T10:00:01.500000000');
    expect(sinceTimeFor('2024-05-01T10:00:01.500000000')).toBe('2024-05-01T10:00:01Z');
    expect(parseStamped('no stamp')).toBeUndefined();
  });
});

describe('LogMerger: merge and ring', () => {
  it('merges sources in arrival order, each prefixed pod/container in its own stable colour', () => {
    const merger = new LogMerger({ maxLines: 100 });
    merger.line('web-1/app', at(1, 'one'));
    merger.line('web-2/app', at(1, 'two'));
    merger.line('web-1/app', at(2, 'three'));
    const drained = merger.drain();
    expect(plain(drained.text)).toBe('web-1/app one\r\nweb-2/app two\r\nweb-1/app three\r\n');
    expect(drained.text).toContain(colourPrefix('web-1/app'));
    expect(ansiColour('web-1/app')).toBe(ansiColour('web-1/app'));
    expect(merger.drain().text).toBe('');
  });

  it('keeps at most maxLines, dropping the oldest', () => {
    const merger = new LogMerger({ maxLines: 10 });
    for (let i = 0; i < 25; i++) merger.line('p/c', at(i % 60, `line ${i}`));
    expect(merger.size).toBe(10);
    expect(merger.dropped).toBe(15);
    expect(merger.plainText().split('\n').filter(Boolean)[0]).toBe('p/c line 15');
  });

  it('renders at most maxLinesPerDrain per tick and says how many it skipped', () => {
    const merger = new LogMerger({ maxLines: 1000, maxLinesPerDrain: 5 });
    for (let i = 0; i < 12; i++) merger.line('p/c', at(i, `l${i}`));
    const drained = merger.drain();
    expect(drained.lines).toBe(5);
    expect(drained.skipped).toBe(7);
    expect(plain(drained.text)).toMatch(/^── … 7 lines arrived faster/);
    expect(plain(drained.text)).toContain('p/c l11');
    expect(merger.plainText().split('\n').filter(Boolean)).toHaveLength(12);
  });

  it('shows timestamps when asked and neutralises escape sequences from containers', () => {
    const merger = new LogMerger({ maxLines: 10, timestamps: true });
    merger.line('p/c', at(3, '\x1b[2Jcleared?', '25'));
    const text = plain(merger.drain().text);
    expect(text).toBe('10:00:03.250 p/c ␛[2Jcleared?\r\n');
    expect(neutralise('tab\tok')).toBe('tab\tok');
    expect(merger.plainText()).toBe('2024-05-01T10:00:03.250000000Z p/c \x1b[2Jcleared?\n');
  });
});

describe('LogMerger: filter', () => {
  it('filters by text, case-insensitively, and highlights matches', () => {
    const merger = new LogMerger({ maxLines: 10 });
    merger.setFilter({ pattern: 'error', regex: false });
    merger.line('p/c', at(1, 'all good'));
    merger.line('p/c', at(2, 'ERROR: disk (full)'));
    const text = merger.drain().text;
    expect(plain(text)).toBe('p/c ERROR: disk (full)\r\n');
    expect(text).toContain('\x1b[7mERROR\x1b[27m');
  });

  it('filters by regex, matches the pod/container prefix too, and re-renders the ring when the filter changes', () => {
    const merger = new LogMerger({ maxLines: 10 });
    merger.line('web-1/app', at(1, 'GET /a 200'));
    merger.line('web-2/app', at(2, 'GET /b 500'));
    merger.line('web-1/app', at(3, 'note'));
    merger.drain();
    merger.setFilter({ pattern: '\\s5\\d\\d$', regex: true });
    expect(plain(merger.renderAll())).toBe('web-2/app GET /b 500\r\n');
    merger.setFilter({ pattern: 'web-1', regex: false });
    expect(plain(merger.renderAll())).toBe('web-1/app GET /a 200\r\nweb-1/app note\r\n');
    merger.setFilter(undefined);
    expect(plain(merger.renderAll()).split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('keeps notes whatever the filter, and reports an invalid regex in words', () => {
    const merger = new LogMerger({ maxLines: 10 });
    merger.setFilter({ pattern: 'nothing-matches', regex: false });
    merger.note('pod web-3 joined');
    expect(plain(merger.drain().text)).toBe('── pod web-3 joined\r\n');
    expect(() => merger.setFilter({ pattern: '(', regex: true })).toThrow(/not a valid regular expression/);
  });

  it('does not loop on patterns that match the empty string', () => {
    const filter = compileFilter({ pattern: 'x*', regex: true });
    expect(filter.test('abc')).toBe(true);
    expect(filter.highlight('abc')).toBe('abc');
  });
});

describe('LogMerger: reconnect without duplicates', () => {
  it('resumes from the whole second of the last line and drops exactly the lines already seen', () => {
    const merger = new LogMerger({ maxLines: 100 });
    expect(merger.connecting('p/c')).toBeUndefined();
    merger.line('p/c', at(1, 'a', '1'));
    merger.line('p/c', at(1, 'b', '5'));
    merger.line('p/c', at(1, 'c', '5')); // two lines with the same timestamp
    // The connection drops; the server resends from 10:00:01 (whole seconds).
    expect(merger.connecting('p/c')).toBe('2024-05-01T10:00:01Z');
    const resent = [at(1, 'a', '1'), at(1, 'b', '5'), at(1, 'c', '5'), at(1, 'd', '5'), at(2, 'e')];
    const accepted = resent.map((line) => merger.line('p/c', line));
    expect(accepted).toEqual([false, false, false, true, true]);
    expect(merger.duplicates).toBe(3);
    expect(merger.plainText()).toBe('p/c a\np/c b\np/c c\np/c d\np/c e\n');
  });

  it('resumes each container on its own', () => {
    const merger = new LogMerger({ maxLines: 100 });
    merger.line('p/a', at(1, 'a1'));
    merger.line('p/b', at(5, 'b5'));
    expect(merger.connecting('p/a')).toBe('2024-05-01T10:00:01Z');
    expect(merger.line('p/b', at(6, 'b6'))).toBe(true);
    expect(merger.line('p/a', at(1, 'a1'))).toBe(false);
    expect(merger.line('p/a', at(2, 'a2'))).toBe(true);
  });

  it('forgets a source whose pod left, so a pod of the same name starts afresh', () => {
    const merger = new LogMerger({ maxLines: 100 });
    merger.line('p/a', at(9, 'old'));
    merger.forget('p/a');
    expect(merger.seen('p/a')).toBe(false);
    expect(merger.connecting('p/a')).toBeUndefined();
    expect(merger.line('p/a', at(1, 'new pod, earlier clock'))).toBe(true);
  });
});

describe('LogMerger: rate', () => {
  it('averages lines per second over the last full seconds', () => {
    const merger = new LogMerger({ maxLines: 10 });
    for (let s = 0; s < 4; s++) for (let i = 0; i < 100; i++) merger.line('p/c', at(s, `x${i}`), 10_000 + s * 1000 + i);
    expect(merger.rate(14_000)).toBe(100);
  });
});

describe('Ring with a weight budget', () => {
  it('drops the oldest items while the kept ones weigh more than the budget, but always keeps the newest', () => {
    const ring = new Ring<string>(10, { max: 10, of: (item) => item.length });
    for (const item of ['aaaa', 'bbbb', 'cccc']) ring.push(item);
    expect([...ring.values()]).toEqual(['bbbb', 'cccc']);
    expect(ring.totalWeight).toBe(8);
    ring.push('x'.repeat(25));
    expect([...ring.values()]).toEqual(['x'.repeat(25)]);
    expect(ring.dropped).toBe(3);
    ring.push('y');
    expect([...ring.values()]).toEqual(['y']);
    expect(ring.totalWeight).toBe(1);
  });
  it('keeps its weight right when the count limit drops items', () => {
    const ring = new Ring<string>(2, { max: 100, of: (item) => item.length });
    for (const item of ['a', 'bb', 'ccc']) ring.push(item);
    expect([...ring.values()]).toEqual(['bb', 'ccc']);
    expect(ring.totalWeight).toBe(5);
  });
});
