import { describe, expect, it } from 'vitest';
import { formatCpu, formatMemory, parseCpu, parseMemory, parseQuantity } from '../../../src/engine/metrics/quantity.js';

describe('resource quantities', () => {
  it.each([
    ['12m', 12],
    ['1', 1000],
    ['0.5', 500],
    ['250000n', 0.25],
    ['1500u', 1.5],
    ['2k', 2_000_000],
    ['1e-3', 1],
  ])('CPU %s is %d millicores', (text, millicores) => {
    expect(parseCpu(text)).toBeCloseTo(millicores, 9);
  });

  it.each([
    ['64Mi', 64 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['123456Ki', 123456 * 1024],
    ['1G', 1e9],
    ['128974848', 128974848],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['12e6', 12e6],
  ])('memory %s is %d bytes', (text, bytes) => {
    expect(parseMemory(text)).toBe(bytes);
  });

  it('refuses what is not a quantity', () => {
    for (const text of ['', 'abc', '1Xi', '1.2.3', 'm', undefined, null, {}, Number.NaN]) expect(parseQuantity(text)).toBeUndefined();
  });

  it('formats as kubectl top does', () => {
    expect(formatCpu(120)).toBe('120m');
    expect(formatCpu(0.25)).toBe('0m');
    expect(formatCpu(1250)).toBe('1.25');
    expect(formatCpu(4000)).toBe('4');
    expect(formatMemory(64 * 2 ** 20)).toBe('64Mi');
    expect(formatMemory(1.5 * 2 ** 30)).toBe('1.5Gi');
    expect(formatMemory(512)).toBe('512B');
    expect(formatMemory(123456 * 1024)).toBe('121Mi');
  });
});
