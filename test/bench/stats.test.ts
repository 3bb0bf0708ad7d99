import { afterEach, describe, expect, it, vi } from 'vitest';
import { bestOf } from '../../bench/stats.js';

describe('bestOf', () => {
  const host = globalThis as { gc?: (() => void) | undefined };
  const realGc = host.gc;
  afterEach(() => {
    host.gc = realGc;
    vi.restoreAllMocks();
  });

  it('collects garbage before every timed run and times only the work, not the preparation', () => {
    const steps: string[] = [];
    host.gc = () => {
      if (steps.at(-1) !== 'gc') steps.push('gc');
    };
    // Clock readings: each run reads the clock once before and once after its work.
    const clock = [100, 130, 200, 210, 300, 325];
    vi.spyOn(performance, 'now').mockImplementation(() => {
      steps.push('clock');
      return clock.shift()!;
    });
    const best = bestOf(
      3,
      () => steps.push('prepare'),
      () => steps.push('work'),
    );
    expect(best).toBe(10);
    expect(steps).toEqual(Array.from({ length: 3 }, () => ['prepare', 'gc', 'clock', 'work', 'clock']).flat());
  });
});
