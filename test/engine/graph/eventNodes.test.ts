import { describe, expect, it } from 'vitest';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import type { KubeObject } from '../../../src/engine/model/object.js';

const metadata: Record<string, unknown> = { name: 'e', namespace: 'shop', creationTimestamp: '2026-01-05T09:00:00Z' };
const event = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Event', metadata, ...fields });

const nodeOfEvent = (fields: Record<string, unknown>): unknown => {
  const { status, detail, warning, time } = TopologyEngine.build([{ object: event(fields) }]).graph().nodes[0]!;
  return { status, detail, warning, time };
};

describe('Event nodes', () => {
  it('read type, reason, message and the latest time as kubectl shows them', () => {
    expect(nodeOfEvent({ type: 'Warning', reason: 'BackOff', message: 'restarting', lastTimestamp: '2026-01-05T09:12:47Z' })).toEqual({
      status: 'Unknown',
      detail: 'Warning BackOff: restarting',
      warning: true,
      time: '2026-01-05T09:12:47Z',
    });
    expect(nodeOfEvent({ type: 'Warning', note: 'no reason' })).toEqual({
      status: 'Unknown',
      detail: 'Warning: no reason',
      warning: true,
      time: '2026-01-05T09:00:00Z',
    });
    expect(nodeOfEvent({ type: 'Normal', deprecatedReason: 'Pulled', series: { lastObservedTime: '2026-01-06T00:00:00Z' } })).toEqual({
      status: 'Unknown',
      detail: 'Pulled',
      warning: undefined,
      time: '2026-01-06T00:00:00Z',
    });
    expect(nodeOfEvent({ reason: '', message: '', eventTime: null, firstTimestamp: '2026-01-04T00:00:00Z' })).toEqual({
      status: 'Unknown',
      detail: undefined,
      warning: undefined,
      time: '2026-01-04T00:00:00Z',
    });
  });

  it('keep a long message to 160 characters', () => {
    const detail = (nodeOfEvent({ reason: 'Failed', message: 'x'.repeat(300) }) as { detail: string }).detail;
    expect(detail).toHaveLength(160);
    expect(detail.startsWith('Failed: xxx') && detail.endsWith('…')).toBe(true);
  });
});
