import { describe, expect, it } from 'vitest';
import { DEFAULT_INTAKE_LIMITS, intakeLimits } from '../../../src/engine/intake/limits.js';

describe('intakeLimits', () => {
  it('keeps the defaults where nothing usable was set', () => {
    expect(intakeLimits()).toEqual(DEFAULT_INTAKE_LIMITS);
    expect(intakeLimits({ depth: -1, aliases: 1.5, objects: '9', keysPerMap: Number.NaN })).toEqual(DEFAULT_INTAKE_LIMITS);
  });

  it('takes positive whole numbers', () => {
    expect(intakeLimits({ depth: 50, fileBytes: 1024 })).toEqual({ ...DEFAULT_INTAKE_LIMITS, depth: 50, fileBytes: 1024 });
  });
});
