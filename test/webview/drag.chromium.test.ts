/**
 * A node the user dragged stays where they put it: a later delta that lays its namespace out again (an incremental
 * layout, incrementalLayout.ts) must not move it back. Re-layout is the user's way to put everything back in order.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphDelta, TopologyGraph, TopologyNode } from '../../src/engine/model/graph';
import { edgeId } from '../../src/engine/model/graph';
import { GraphDeltaMessage, GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';

const FIXTURE = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/small-graph.json'), 'utf8')) as TopologyGraph;
const DEPLOY = 'apps/Deployment/shop/web';
const INGRESS = 'networking.k8s.io/Ingress/shop/web';

/** A ConfigMap joins the web Deployment and its Ingress leaves: the web component is laid out again. */
function reshapeWeb(): { delta: GraphDelta; added: string } {
  const banner: TopologyNode = {
    id: 'core/ConfigMap/shop/banner',
    kind: 'ConfigMap',
    group: 'core',
    namespace: 'shop',
    name: 'banner',
    labels: {},
    status: 'Unknown',
  };
  const mounts = { id: edgeId(DEPLOY, 'mounts', banner.id), source: DEPLOY, target: banner.id, type: 'mounts' as const, via: [] };
  const removedEdges = FIXTURE.edges.filter((e) => e.source === INGRESS || e.target === INGRESS).map((e) => e.id);
  const delta: GraphDelta = {
    addedNodes: [banner],
    changedNodes: [],
    removedNodes: [INGRESS],
    addedEdges: [mounts],
    changedEdges: [],
    removedEdges,
  };
  return { delta, added: banner.id };
}

/** The fixture as the delta leaves it. */
function reshapedFixture(): TopologyGraph {
  const { delta } = reshapeWeb();
  const gone = new Set([...delta.removedNodes, ...delta.removedEdges]);
  return {
    nodes: [...FIXTURE.nodes.filter((n) => !gone.has(n.id)), ...delta.addedNodes],
    edges: [...FIXTURE.edges.filter((e) => !gone.has(e.id)), ...delta.addedEdges],
  };
}

async function openFixture(open: (theme: typeof DARK) => Promise<WebviewPage>, graph = FIXTURE): Promise<WebviewPage> {
  const page = await open(DARK);
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.send(createMessage(GraphInit, { title: 'drag', mode: 'manifests', graph, findings: [] }) as never);
  await page.settled();
  return page;
}

/** Drags node `id` by (dx, dy) screen pixels with the real mouse, in small steps as a hand would. */
async function dragNode(page: WebviewPage, id: string, dx: number, dy: number): Promise<void> {
  const from = await page.page.evaluate((nodeId) => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    const box = cy.container()?.getBoundingClientRect();
    const p = cy.getElementById(nodeId).renderedPosition();
    return { x: (box?.left ?? 0) + p.x, y: (box?.top ?? 0) + p.y };
  }, id);
  const mouse = page.page.mouse;
  await mouse.move(from.x, from.y);
  await mouse.down();
  await mouse.move(from.x + dx, from.y + dy, { steps: 12 });
  await mouse.up();
}

async function applyDelta(page: WebviewPage): Promise<void> {
  const { delta, added } = reshapeWeb();
  await page.send(createMessage(GraphDeltaMessage, { delta }) as never);
  await expect.poll(async () => (await page.nodeData(added)) !== null).toBe(true);
  await page.settled();
  // The layout answer that places the newcomer also moves whatever else it lays out: give it a frame to land.
  await page.page.evaluate(() => new Promise<void>((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => r())));
}

describe.skipIf(!chromiumAvailable())('dragging a node in Chromium', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('keeps a dragged node where it was dropped when a delta lays its namespace out again', async () => {
    const page = await openFixture(suite.open);
    const laid = (await page.positions())[DEPLOY];
    await dragNode(page, DEPLOY, 160, 110);
    const dropped = (await page.positions())[DEPLOY];
    expect(dropped).toBeDefined();
    expect(dropped).not.toEqual(laid);
    await applyDelta(page);
    expect((await page.positions())[DEPLOY]).toEqual(dropped);
  });

  it('puts a dragged node back in the layout on Re-layout', async () => {
    // The picture a full layout gives the view after the delta, from a page nobody dragged anything in.
    const reference = await openFixture(suite.open, reshapedFixture());
    const fresh = await reference.positions();
    expect(reference.errors).toEqual([]);
    await reference.page.context().close();

    const page = await openFixture(suite.open);
    await dragNode(page, DEPLOY, 160, 110);
    const dropped = (await page.positions())[DEPLOY];
    await applyDelta(page);
    expect((await page.positions())[DEPLOY]).toEqual(dropped);
    expect(fresh[DEPLOY]).not.toEqual(dropped);
    await page.page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(async () => (await page.positions())[DEPLOY], { timeout: 30_000 }).toEqual(fresh[DEPLOY]);
    expect(await page.positions()).toEqual(fresh);
  });
});
