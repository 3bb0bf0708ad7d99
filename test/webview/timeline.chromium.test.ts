/** Time travel in the view: the timeline bar posts what the user picks, and a comparison is marked on the graph. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../src/engine/model/graph';
import { GraphInit, TimelineStateMessage, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';

const FIXTURE = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/small-graph.json'), 'utf8')) as TopologyGraph;
const DEPLOY = 'apps/Deployment/shop/web';
const STS = 'apps/StatefulSet/data/postgres';
const INGRESS = 'networking.k8s.io/Ingress/shop/web';
const ENTRIES = [
  { id: 1, takenAt: Date.UTC(2026, 10, 26, 4, 0, 0), trigger: 'connect', nodes: 30, edges: 28 },
  { id: 2, takenAt: Date.UTC(2026, 10, 26, 5, 0, 0), trigger: 'changes', nodes: 31, edges: 29 },
];

let page: WebviewPage | undefined;

async function classesOf(p: WebviewPage, id: string): Promise<string[]> {
  return p.page.evaluate((target) => (globalThis as unknown as PageGlobals).__kubilitics.cy.getElementById(target).classes(), id);
}

describe.skipIf(!chromiumAvailable())('timeline and comparison in Chromium', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('steps through snapshots and returns to live by posting timeline messages', async () => {
    page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'prod', mode: 'cluster', graph: FIXTURE, findings: [] }) as never);
    await page.send(createMessage(TimelineStateMessage, { entries: ENTRIES, current: null, compare: null }) as never);
    await page.page.getByRole('button', { name: 'Older snapshot' }).click();
    await expect
      .poll(async () => (await page!.posted()).filter((m) => m.type === 'timeline/select').map((m) => m.params))
      .toEqual([{ id: 2 }]);
    await page.send(createMessage(GraphInit, { title: 'prod @ 05:00', mode: 'history', graph: FIXTURE, findings: [] }) as never);
    await page.send(createMessage(TimelineStateMessage, { entries: ENTRIES, current: 2, compare: null }) as never);
    await expect.poll(() => page!.page.locator('.mode-history').textContent()).toBe('history');
    await page.page.getByRole('button', { name: 'Compare with now' }).click();
    await page.page.getByRole('button', { name: 'Back to live' }).click();
    const posted = (await page.posted()).filter((m) => m.type.startsWith('timeline/')).map((m) => [m.type, m.params]);
    expect(posted).toEqual([
      ['timeline/select', { id: 2 }],
      ['timeline/compare', { from: 2, to: null }],
      ['timeline/select', { id: null }],
    ]);
  });

  it('marks what a comparison added, removed and changed, and lists the changes', async () => {
    page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    const diff = {
      from: '2026-11-26 04:00:00 UTC',
      to: 'now',
      added: [INGRESS],
      removed: [STS],
      changed: [DEPLOY],
      changes: ['+ Ingress shop/web', '− StatefulSet data/postgres', '~ Deployment shop/web: Ready → Degraded'],
    };
    const init = { title: 'prod: then → now', mode: 'history', graph: FIXTURE, findings: [], diff } as const;
    await page.send(createMessage(GraphInit, init) as never);
    await page.send(createMessage(TimelineStateMessage, { entries: ENTRIES, current: null, compare: { from: 1, to: null } }) as never);
    await page.settled();
    expect(await classesOf(page, INGRESS)).toContain('diff-added');
    expect(await classesOf(page, STS)).toContain('diff-removed');
    expect(await classesOf(page, DEPLOY)).toContain('diff-changed');
    expect(await classesOf(page, 'core/Service/shop/web')).not.toContain('diff-added');
    await page.page.getByRole('button', { name: /3 changes/ }).click();
    expect(await page.page.locator('.timeline .changes li').allTextContents()).toEqual(diff.changes);
    await page.page.screenshot({ path: 'test-results/webview/dark-compare.png' });
  });

  it('marks a manifests view compared with a cluster: would be created as added, would be configured as changed', async () => {
    page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    // As compareWithCluster sends it (engine/actions/clusterComparison.ts): nothing removed, no timeline.
    const diff = {
      from: 'cluster kind-dev',
      to: 'these manifests',
      added: [INGRESS],
      removed: [],
      changed: [DEPLOY],
      changes: ['~ Deployment shop/web: would change spec.replicas', '+ Ingress shop/web: would be created'],
    };
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph: FIXTURE, findings: [], diff }) as never);
    await page.settled();
    expect(await classesOf(page, INGRESS)).toContain('diff-added');
    expect(await classesOf(page, DEPLOY)).toContain('diff-changed');
    expect(await classesOf(page, STS)).not.toContain('diff-removed');
    await page.page.screenshot({ path: 'test-results/webview/dark-compare-cluster.png' });
    // The comparison cleared (a file of the view changed): the view starts again without marks.
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph: FIXTURE, findings: [] }) as never);
    await page.settled();
    expect(await classesOf(page, DEPLOY)).not.toContain('diff-changed');
  });
});
