/**
 * Usage in the details panel, in real Chromium: a workload's Pods summed against their requests and limits, a Pod over
 * its limit marked, and where the cluster has no metrics, why (once, in place).
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, MetricsHistoryMessage, MetricsUpdateMessage, createMessage } from '../../src/protocol/messages';
import type { PageGlobals } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK, LIGHT } from './themes';
import { BATCH, DEPLOY, PODS_FOLD, POD_A, SVC, shop } from '../engine/viewModel/shopEvents';

const MI = 2 ** 20;
const POD_B = 'core/Pod/shop/web-1-b';

/** One poll: the Deployment's two Pods at 80 % of their CPU request together, the lone batch Pod at 300 %. */
const POLL = {
  [POD_A]: { cpu: { used: 100, request: 250 }, memory: { used: 10 * MI, request: 64 * MI }, pods: 1 },
  [POD_B]: { cpu: { used: 300, request: 250 }, memory: { used: 10 * MI, request: 64 * MI }, pods: 1 },
  [DEPLOY]: { cpu: { used: 400, request: 500 }, memory: { used: 20 * MI, request: 128 * MI }, pods: 2 },
  [BATCH]: { cpu: { used: 1500, request: 500 }, memory: { used: 10 * MI }, pods: 1 },
  'core/Namespace//shop': { cpu: { used: 1900, request: 1000 }, memory: { used: 30 * MI, request: 128 * MI }, pods: 3 },
};

/** Each drawn node's heat class and fill, read from cytoscape. */
function fills(page: Awaited<ReturnType<ReturnType<typeof chromiumSuite>['open']>>, ids: readonly string[]) {
  return page.page.evaluate((wanted) => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    return Object.fromEntries(
      wanted.map((id) => {
        const n = cy.getElementById(id);
        const heat =
          String(n.classes())
            .split(' ')
            .find((c) => c.startsWith('heat-')) ?? '';
        return [id, { heat, fill: String(n.style('background-color')), opacity: Number(n.style('background-opacity')) }];
      }),
    );
  }, ids);
}

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

  it('colours nodes by use without moving them, explains the scale, lists the top consumers and draws recent use', async () => {
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'overlay', mode: 'cluster', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.send(createMessage(MetricsUpdateMessage, { state: 'live', time: Date.now(), figures: POLL }) as never);
    const ids = [DEPLOY, PODS_FOLD, BATCH, SVC];
    const before = await page.positions();
    const plain = await fills(page, ids);
    expect(Object.values(plain).map((f) => f.heat)).toEqual(['', '', '', '']);

    // The choice lives in the Legend (the toolbar keeps its one row), and only where the cluster serves metrics.
    await page.page.getByRole('button', { name: 'Legend', exact: true }).click();
    expect(await page.page.getByText('Kinds (shape and fill)').count()).toBe(1);
    await page.page.getByTestId('overlay-cpu').check();
    await expect.poll(async () => (await fills(page, [BATCH]))[BATCH]!.heat).toBe('heat-4');
    // While it is on, the fill shows use, not the kind: the Legend says so.
    expect(await page.page.getByText('Kinds (shape; fill: usage overlay)').count()).toBe(1);
    const cpu = await fills(page, ids);
    // The fold sums its two Pods (400m of 500m requested: 80 %), as the Deployment does; the batch Pod is at 300 %.
    expect(cpu[PODS_FOLD]!.heat).toBe('heat-3');
    expect(cpu[DEPLOY]!.heat).toBe('heat-3');
    expect(cpu[SVC]!.heat).toBe('heat-none');
    expect(cpu[PODS_FOLD]!.fill).toBe(cpu[DEPLOY]!.fill);
    expect(new Set([cpu[PODS_FOLD]!.fill, cpu[BATCH]!.fill, cpu[SVC]!.fill, plain[BATCH]!.fill]).size).toBe(4);
    expect(cpu[BATCH]!.opacity).toBeGreaterThan(cpu[PODS_FOLD]!.opacity);
    expect(await page.positions()).toEqual(before);

    const card = page.page.getByTestId('overlay-card');
    expect(await card.locator('h2').textContent()).toBe('CPU use');
    expect(await page.page.getByTestId('overlay-scale').locator('li').allTextContents()).toEqual([
      'under 25%',
      '25–50%',
      '50–75%',
      '75–100%',
      'over request',
      'no metrics',
    ]);
    expect(await page.page.getByTestId('top-consumers').locator('li').allTextContents()).toEqual([
      'batch1.5 · 300% of request',
      'web (1 ReplicaSet, 2 pods)400m · 80% of request',
    ]);
    await page.screenshot('metrics-overlay-cpu');

    await page.page.getByTestId('overlay-memory').check();
    await expect.poll(() => card.locator('h2').textContent()).toBe('Memory use');
    const memory = await fills(page, ids);
    // 20Mi of 128Mi requested (16 %); the batch Pod requests no memory: it is measured against the most in view, itself.
    expect(memory[PODS_FOLD]!.heat).toBe('heat-0');
    expect(memory[BATCH]!.heat).toBe('heat-3');
    expect(await page.page.getByTestId('overlay-basis').textContent()).toContain('against the most in view (10Mi)');
    expect(await page.page.getByTestId('top-consumers').locator('li').allTextContents()).toEqual([
      'web (1 ReplicaSet, 2 pods)20Mi · 16% of request',
      'batch10Mi',
    ]);
    await page.page.getByRole('button', { name: 'Close legend' }).click();
    await page.screenshot('metrics-overlay-memory');

    // The fold of what the Deployment runs: its Pods summed, and the Deployment's history asked for (the same Pods).
    await page.page.getByTestId('top-consumers').getByRole('button', { name: 'web (1 ReplicaSet, 2 pods)' }).click();
    await expect.poll(() => page.page.getByTestId('metrics').locator('h3').textContent()).toBe('Usage (2 pods)');
    expect(await page.page.getByTestId('metrics-cpu').textContent()).toBe('400m / 500m request (80%)');
    await expect
      .poll(async () => (await page.posted()).filter((m) => m.type === 'metrics/watch').at(-1)?.params)
      .toEqual({ ids: [DEPLOY] });

    // A top consumer selects its node; the view asks the host for that object's recent use, and draws it.
    await page.page.getByTestId('top-consumers').getByRole('button', { name: 'batch' }).click();
    await expect.poll(() => page.page.getByTestId('details').locator('.details-name').textContent()).toBe('batch');
    await expect.poll(async () => (await page.posted()).filter((m) => m.type === 'metrics/watch').at(-1)?.params).toEqual({ ids: [BATCH] });
    const minute = 60_000;
    await page.send(
      createMessage(MetricsHistoryMessage, {
        series: {
          [BATCH]: {
            times: [0, 1, 2, 3, 4, 5].map((i) => i * minute),
            cpu: [100, null, 300, 200, 500, 1500],
            memory: [8, 9, 9, 10, 10, 10].map((m) => m * MI),
          },
        },
      }) as never,
    );
    const points = (resource: string): Promise<number> =>
      page.page
        .getByTestId(`sparkline-${resource}`)
        .locator('polyline')
        .getAttribute('points')
        .then((p) => (p ?? '').trim().split(/\s+/).length);
    await expect.poll(() => points('cpu')).toBe(5);
    expect(await points('memory')).toBe(6);
    expect(await page.page.getByTestId('sparkline-cpu').getAttribute('aria-label')).toBe('CPU over the last 5 min: 100m to 1.5');
    await page.screenshot('metrics-sparkline');

    // Off again: the fills are the kinds' own, and nothing moved.
    await page.page.getByRole('button', { name: 'Turn the usage overlay off' }).click();
    await expect.poll(async () => (await fills(page, ids))[BATCH]!.heat).toBe('');
    expect(await fills(page, ids)).toEqual(plain);
    expect(await page.positions()).toEqual(before);
    expect(await page.cspViolations()).toEqual([]);
    expect(page.errors).toEqual([]);

    await page.setTheme(LIGHT);
    await page.page.getByRole('button', { name: 'Legend', exact: true }).click();
    await page.page.getByTestId('overlay-cpu').check();
    await page.page.getByRole('button', { name: 'Close legend' }).click();
    await page.screenshot('metrics-overlay-light');
    // Beside the YAML (about 700 px): the card keeps to its corner, the details open over the canvas.
    await page.page.setViewportSize({ width: 700, height: 600 });
    await page.screenshot('metrics-overlay-narrow');
  });
});
