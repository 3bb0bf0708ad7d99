import { describe, expect, it } from 'vitest';
import { sparkPoints } from '../../src/webview/components/sparkPoints';

describe('sparkPoints', () => {
  it('spaces points by their place in the series, scales from zero to the largest, and skips polls without a figure', () => {
    expect(sparkPoints([0, 10, null, 5, 10])).toEqual(['0,22', '25,2', '75,12', '100,2']);
  });

  it('draws nothing for fewer than two figures, and a flat line at the bottom for all zeros', () => {
    expect(sparkPoints([])).toEqual([]);
    expect(sparkPoints([null, 7, null])).toEqual([]);
    expect(sparkPoints([0, 0])).toEqual(['0,22', '100,22']);
  });
});
