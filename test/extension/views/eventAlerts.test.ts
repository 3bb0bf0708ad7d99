import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertWorthy, NEWS_MS, RateLimiter } from '../../../src/extension/views/eventAlerts.js';
import type { EventRow } from '../../../src/extension/views/eventsModel.js';

const NOW = 1_000_000_000;

function row(overrides: Partial<EventRow> = {}): EventRow {
  return {
    type: 'row',
    key: 'k',
    reason: 'BackOff',
    message: 'Back-off restarting failed container',
    eventType: 'Warning',
    namespace: 'shop',
    object: { group: 'core', kind: 'Pod', namespace: 'shop', name: 'web-1' },
    source: 'kubelet',
    count: 1,
    firstSeen: NOW,
    lastSeen: NOW,
    events: 1,
    ...overrides,
  };
}

describe('RateLimiter', () => {
  it('lets `limit` through per window and tells the next one how many it held back', () => {
    const limiter = new RateLimiter(3, 60_000);
    const allowed = [0, 1, 2, 3, 4, 5].map((i) => limiter.take(NOW + i * 1000).allowed);
    expect(allowed).toEqual([true, true, true, false, false, false]);
    // The first one leaves the window a minute after it went out: one more may go, and it carries the four held.
    expect(limiter.take(NOW + 59_999)).toEqual({ allowed: false, heldBack: 0 });
    expect(limiter.take(NOW + 60_000)).toEqual({ allowed: true, heldBack: 4 });
    expect(limiter.take(NOW + 60_001)).toEqual({ allowed: false, heldBack: 0 });
    expect(limiter.take(NOW + 200_000)).toEqual({ allowed: true, heldBack: 1 });
  });

  it('a burst of 500 makes `limit` notifications', () => {
    const limiter = new RateLimiter(3, 60_000);
    let shown = 0;
    for (let i = 0; i < 500; i++) if (limiter.take(NOW + i).allowed) shown++;
    expect(shown).toBe(3);
  });
});

describe('alertWorthy', () => {
  it('takes recent Warnings whose text contains the filter, case-insensitively', () => {
    expect(alertWorthy(row(), '', NOW)).toBe(true);
    expect(alertWorthy(row(), 'back-OFF', NOW)).toBe(true);
    expect(alertWorthy(row(), 'shop/web-1', NOW)).toBe(true);
    expect(alertWorthy(row(), 'OOMKilled', NOW)).toBe(false);
    expect(alertWorthy(row({ eventType: 'Normal' }), '', NOW)).toBe(false);
    expect(alertWorthy(row({ lastSeen: NOW - NEWS_MS - 1 }), '', NOW)).toBe(false);
  });
});

describe('notification settings as the extension declares them', () => {
  it('are off by default and rate-limited to a few a minute', async () => {
    const manifest = JSON.parse(await readFile(resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    expect(properties['kubilitics.events.notifications.enabled']?.default).toBe(false);
    const perMinute = properties['kubilitics.events.notifications.maxPerMinute'];
    expect(perMinute?.default).toBe(3);
    expect(perMinute?.minimum).toBe(1);
    expect(perMinute?.maximum).toBeLessThanOrEqual(60);
  });
});
