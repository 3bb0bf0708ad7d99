/**
 * Another context's graph in the same panel, in real Chromium: a focus on an object the new cluster does not have is
 * dropped (it would leave an empty view), while a graph of the same context keeps it.
 */
import { describe, expect, it } from 'vitest';
import { GraphInit, ViewFocus, createMessage } from '../../src/protocol/messages';
import type { TopologyGraph } from '../../src/engine/model/graph';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { DEPLOY, shop } from '../engine/viewModel/shopEvents';

async function init(page: WebviewPage, title: string, graph: TopologyGraph): Promise<void> {
  await page.send(createMessage(GraphInit, { title, mode: 'cluster', graph, findings: [] }) as never);
  await page.settled();
}

/** The shop without its Deployment web (and whatever names it): another cluster's objects. */
function withoutWeb(): TopologyGraph {
  const graph = shop();
  const nodes = graph.nodes.filter((node) => node.id !== DEPLOY);
  const edges = graph.edges.filter((edge) => edge.source !== DEPLOY && edge.target !== DEPLOY);
  return { ...graph, nodes, edges };
}

describe.skipIf(!chromiumAvailable())('a context switch in the panel (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('drops a focus the new context cannot show, and keeps it for a new graph of the same context', async () => {
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await init(page, 'kind-a', shop());
    await page.send(createMessage(ViewFocus, { id: DEPLOY, neighbourhood: true }) as never);
    const chip = page.page.locator('.focus-chip');
    await expect.poll(() => chip.textContent()).toContain('web');

    await init(page, 'kind-a', shop());
    await expect.poll(() => chip.count()).toBe(1);

    await init(page, 'kind-b', withoutWeb());
    await expect.poll(() => chip.count()).toBe(0);
    const counts = await page.counts();
    expect(counts.viewNodes).toBeGreaterThan(3);
  });
});
