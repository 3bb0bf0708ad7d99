/**
 * Usage in the details panel, in real Chromium: a workload's Pods summed against their requests and limits, a Pod over
 * its limit marked, and where the cluster has no metrics, why (once, in place).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, MetricsUpdateMessage, createMessage } from '../../src/protocol/messages';
import type { PageGlobals } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { BATCH, DEPLOY, shop } from '../engine/viewModel/shopEvents';

const MI = 2 ** 20;

describe.skipIf(!chromiumAvailable())('metrics in the details panel (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('shows a workload’s usage against requests and limits, marks a Pod over its limit, and says why when there are none', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'metrics', mode: 'cluster', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.send(
      createMessage(MetricsUpdateMessage, {
        state: 'live',
        time: Date.now(),
        figures: {
          [DEPLOY]: {
            cpu: { used: 240, request: 500, limit: 1000 },
            memory: { used: 200 * MI, request: 128 * MI, limit: 512 * MI },
            pods: 2,
          },
          [BATCH]: { cpu: { used: 1500, request: 500, limit: 1000 }, memory: { used: 10 * MI }, pods: 1 },
        },
      }) as never,
    );

    await page.clickNode(DEPLOY);
    const metrics = page.page.getByTestId('metrics');
    await expect.poll(() => metrics.locator('h3').textContent()).toBe('Usage (2 pods)');
    expect(await page.page.getByTestId('metrics-cpu').textContent()).toBe('240m / 500m request (48%) · 1 limit (24%)');
    expect(await page.page.getByTestId('metrics-memory').textContent()).toBe(
      '200Mi / 128Mi request (156%) · 512Mi limit (39%)over request',
    );
    await page.screenshot('metrics-workload');

    await page.clickNode(BATCH);
    await expect
      .poll(() => page.page.getByTestId('metrics-cpu').textContent())
      .toBe('1.5 / 500m request (300%) · 1 limit (150%)over limit');
    expect(await page.page.getByTestId('metrics-cpu').getAttribute('class')).toBe('metrics-over-limit');
    expect(await page.page.getByTestId('metrics-memory').textContent()).toBe('10Mi');
    await page.screenshot('metrics-pod-over-limit');

    const why = 'metrics.k8s.io is not served (404): install metrics-server to see CPU and memory';
    await page.send(createMessage(MetricsUpdateMessage, { state: 'unavailable', message: why, figures: {} }) as never);
    await expect.poll(() => metrics.textContent()).toBe(`Usage${why}`);

    // A new graph (a context switch) drops the figures until the host sends the new cluster's.
    await page.send(createMessage(GraphInit, { title: 'other', mode: 'cluster', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.clickNode(BATCH);
    await expect.poll(() => page.page.getByTestId('details').textContent()).toContain('batch');
    expect(await metrics.count()).toBe(0);
  });
});
