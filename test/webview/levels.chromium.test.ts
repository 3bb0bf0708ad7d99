/**
 * Levels of detail in real Chromium (issue 15): a large graph opens at the namespace level, a group opens in
 * place without moving the others, the level select goes down to every object and back, search opens the
 * folds on the way to a hit, a failing Pod marks its folded group, summary labels never overlap, and Events fold
 * beside the object they are about.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphDelta, TopologyGraph, TopologyNode } from '../../src/engine/model/graph';
import { GraphDeltaMessage, GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { syntheticGraph } from './syntheticGraph';
import { DARK } from './themes';
import { POD_EVENTS, SVC, shop } from '../engine/viewModel/shopEvents';

interface Box {
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A graph whose health is known per namespace: team-1 has exactly one failing Pod, every other Pod runs. */
function clusterWithOneFailingPod(size: number): { graph: TopologyGraph; failing: TopologyNode } {
  const graph = syntheticGraph(size);
  const pods = graph.nodes.filter((n) => n.kind === 'Pod');
  const failing = pods.find((n) => n.namespace === 'team-1');
  if (failing === undefined) throw new Error('synthetic graph without a team-1 pod');
  const nodes = graph.nodes.map((n) => (n.kind !== 'Pod' ? n : { ...n, status: n.id === failing.id ? 'CrashLoopBackOff' : 'Running' }));
  return { graph: { nodes: nodes as TopologyNode[], edges: graph.edges }, failing };
}

/**
 * The synthetic cluster with applications: each Deployment and StatefulSet says `part-of` its name's first word
 * (api-3 and api-17 are one app "api"), and nothing else is labelled, so Pods, ReplicaSets, Services, ConfigMaps
 * and Secrets join their application through the graph.
 */
function clusterWithApps(size: number): TopologyGraph {
  const graph = syntheticGraph(size);
  const nodes = graph.nodes.map((n) =>
    n.kind === 'Deployment' || n.kind === 'StatefulSet' ? { ...n, partOf: n.name.split('-')[0] ?? n.name } : n,
  );
  return { nodes, edges: graph.edges };
}

/** The application group of the first CrashLoopBackOff Pod, found by walking its owners as a reader would. */
function appOfFailingPod(graph: TopologyGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const pod = graph.nodes.find((n) => n.kind === 'Pod' && n.status === 'CrashLoopBackOff');
  let owner = byId.get(pod?.controller ?? '');
  while (owner !== undefined && owner.partOf === undefined) owner = byId.get(owner.controller ?? '');
  if (pod === undefined || owner?.partOf === undefined) throw new Error('no failing pod in an application');
  return `app:${pod.namespace}/${owner.partOf}`;
}

async function openWith(open: (theme: typeof DARK) => Promise<WebviewPage>, graph: TopologyGraph): Promise<WebviewPage> {
  const page = await open(DARK);
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  await page.send(createMessage(GraphInit, { title: 'levels', mode: 'manifests', graph, findings: [] }) as never);
  await page.settled();
  return page;
}

function nodeBoxes(page: WebviewPage): Promise<Box[]> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    return cy
      .nodes()
      .not('.group')
      .map((n) => ({ id: n.id(), ...n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
  });
}

function overlapping(boxes: readonly Box[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push(`${a.id} × ${b.id}`);
    }
  }
  return pairs;
}

async function shownObjects(page: WebviewPage): Promise<{ shown: number; total: number }> {
  const counts = page.page.getByTestId('counts');
  return { shown: Number(await counts.getAttribute('data-shown-objects')), total: Number(await counts.getAttribute('data-nodes')) };
}

function persistedSelection(page: WebviewPage): Promise<unknown> {
  return page.page.evaluate(() => {
    const raw = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem(
      'kubilitics-test-state',
    );
    return raw === null ? null : (JSON.parse(raw) as { selection: unknown }).selection;
  });
}

describe.skipIf(!chromiumAvailable())('levels of detail in Chromium', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();
  beforeAll(() => mkdirSync('test-results/webview', { recursive: true }));

  it('opens a large graph at the namespace level, expands one group in place, then shows every object and back', async () => {
    const graph = syntheticGraph(1000);
    const page = await openWith(suite.open, graph);
    const folded = await page.positions();
    const ids = Object.keys(folded);
    expect(ids.every((id) => id.startsWith('nsc:') || id.startsWith('infra:'))).toBe(true);
    expect(await page.page.getByTestId('folds').textContent()).toMatch(
      /^\d+ namespaces and 1 cluster group folded — double-click one to open$/,
    );
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    await page.screenshot('levels-namespace');

    await page.clickNode('nsc:team-0', true);
    await expect.poll(async () => (await page.nodeData('nsc:team-0')) === null).toBe(true);
    await page.settled();
    const opened = await page.positions();
    // Expanding one group keeps the rest still.
    for (const id of ids.filter((i) => i !== 'nsc:team-0')) expect(opened[id], id).toEqual(folded[id]);
    expect(Object.keys(opened).some((id) => id.startsWith('apps/Deployment/team-0/'))).toBe(true);
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    await page.screenshot('levels-one-open');

    await page.page.selectOption('[data-testid=level]', 'object');
    await expect.poll(async () => (await page.counts()).viewNodes, { timeout: 60_000 }).toBe(graph.nodes.length);
    const objects = await page.settled();
    expect(objects.nodes).toBe(graph.nodes.length);
    expect(await page.page.getByTestId('folds').count()).toBe(0);

    // Back up: the namespace picture comes back where it was, team-0 still open.
    await page.page.selectOption('[data-testid=level]', 'namespace');
    await expect.poll(async () => (await page.nodeData('nsc:team-1')) !== null, { timeout: 60_000 }).toBe(true);
    await page.settled();
    const again = await page.positions();
    for (const id of ids.filter((i) => i !== 'nsc:team-0')) expect(again[id], id).toEqual(folded[id]);
  });

  it('search Enter opens the folds on the way to a hit inside a folded group and selects it', async () => {
    const graph = syntheticGraph(1000);
    const page = await openWith(suite.open, graph);
    const pod = graph.nodes.find((n) => n.kind === 'Pod' && n.namespace === 'team-2');
    if (pod === undefined) throw new Error('no team-2 pod');
    expect(await page.nodeData(pod.id)).toBeNull();
    await page.page.fill('input[type=search]', pod.name);
    await page.page.press('input[type=search]', 'Enter');
    await expect.poll(async () => (await page.nodeData(pod.id)) !== null, { timeout: 60_000 }).toBe(true);
    expect(await page.nodeData('nsc:team-2')).toBeNull();
    expect(await page.nodeData('nsc:team-3')).not.toBeNull();
    expect(await persistedSelection(page)).toBe(pod.id);
    // The hit ends up on screen at a readable zoom, not inside a fitted overview of the group that opened.
    const onScreen = (): Promise<{ zoom: number; inside: boolean }> =>
      page.page.evaluate((id) => {
        const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
        const box = cy.getElementById(id).renderedBoundingBox({});
        return { zoom: cy.zoom(), inside: box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height() };
      }, pod.id);
    await expect.poll(onScreen, { timeout: 30_000 }).toEqual({ zoom: expect.any(Number), inside: true });
    await expect.poll(async () => (await onScreen()).zoom, { timeout: 30_000 }).toBeGreaterThanOrEqual(0.9);
    await page.screenshot('levels-search-hit');
  });

  it('a failing Pod marks its folded group, and a live failure marks another', async () => {
    const { graph } = clusterWithOneFailingPod(1000);
    const page = await openWith(suite.open, graph);
    expect((await page.nodeData('nsc:team-1'))?.['tone']).toBe('bad');
    expect(String((await page.nodeData('nsc:team-1'))?.['label'])).toContain('1 failing');
    expect((await page.nodeData('nsc:team-2'))?.['tone']).toBe('ok');
    await page.clickNode('nsc:team-1');
    await expect.poll(async () => page.page.getByTestId('group-summary').textContent()).toMatch(/ · 1 failing · /);
    const pod = graph.nodes.find((n) => n.kind === 'Pod' && n.namespace === 'team-2');
    if (pod === undefined) throw new Error('no team-2 pod');
    const delta: GraphDelta = {
      addedNodes: [],
      changedNodes: [{ ...pod, status: 'Failed' }],
      removedNodes: [],
      addedEdges: [],
      changedEdges: [],
      removedEdges: [],
    };
    await page.send(createMessage(GraphDeltaMessage, { delta }) as never);
    await expect.poll(async () => (await page.nodeData('nsc:team-2'))?.['tone']).toBe('bad');
  });

  it('opens the application level, expands one app in place, then shows every object and back', async () => {
    const graph = clusterWithApps(1000);
    const page = await openWith(suite.open, graph);
    await page.page.selectOption('[data-testid=level]', 'application');
    await expect.poll(async () => (await page.nodeData('app:team-0/api')) !== null, { timeout: 60_000 }).toBe(true);
    await page.settled();
    const folded = await page.positions();
    const ids = Object.keys(folded);
    expect(ids.every((id) => id.startsWith('app:') || id.startsWith('nsc:') || id.startsWith('infra:'))).toBe(true);
    expect(ids.filter((id) => id.startsWith('app:')).length).toBeGreaterThan(20);
    expect(await page.page.getByTestId('folds').textContent()).toMatch(
      /^\d+ applications, the rest of \d+ namespaces and 1 cluster group folded — double-click one to open$/,
    );
    expect(String((await page.nodeData('app:team-0/api'))?.['label'])).toMatch(/^APP\napi\n\d+ objects/);
    // A failing Pod marks the folded application it belongs to (through its ReplicaSet and Deployment), and only it.
    const failingApp = appOfFailingPod(graph);
    expect((await page.nodeData(failingApp))?.['tone']).toBe('bad');
    expect(String((await page.nodeData(failingApp))?.['label'])).toMatch(/ · \d+ failing\n/);
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    await page.screenshot('levels-apps');

    await page.clickNode('app:team-0/api');
    const details = page.page.getByTestId('details');
    await expect.poll(() => details.locator('.details-kind').textContent()).toBe('Application in team-0');
    await expect.poll(() => page.page.getByTestId('group-summary').textContent()).toMatch(/^\d+ objects · /);
    // On a loaded 2-core machine the two clicks can land further apart than a double-click: a user clicks again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.clickNode('app:team-0/api', true);
      const opened = await expect
        .poll(async () => (await page.nodeData('app:team-0/api')) === null, { timeout: 4_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      if (opened) break;
    }
    await expect.poll(async () => (await page.nodeData('app:team-0/api')) === null).toBe(true);
    await page.settled();
    const opened = await page.positions();
    // Expanding one app keeps the other namespaces still (its own box may be laid out again around what it
    // opened); the app opens at the workload level, what runs folded under owners.
    const elsewhere = ids.filter((i) => !i.startsWith('app:team-0/') && i !== 'nsc:team-0');
    expect(elsewhere.length).toBeGreaterThan(20);
    for (const id of elsewhere) expect(opened[id], id).toEqual(folded[id]);
    const api = graph.nodes.filter((n) => n.namespace === 'team-0' && n.partOf === 'api');
    expect(api.length).toBeGreaterThan(0);
    for (const workload of api) expect(Object.keys(opened)).toContain(workload.id);
    expect(Object.keys(opened).some((id) => id.startsWith('pods:apps/Deployment/team-0/api-'))).toBe(true);
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    // What opened is brought into view, and the details follow the selection to the app's namespace box.
    await expect.poll(() => page.inView(api.map((n) => n.id).filter((id) => opened[id] !== undefined))).toBeGreaterThan(0);
    await expect.poll(() => details.textContent()).not.toContain('not in the view any more');
    await page.screenshot('levels-apps-one-open');

    await page.page.selectOption('[data-testid=level]', 'object');
    await expect.poll(async () => (await page.counts()).viewNodes, { timeout: 60_000 }).toBe(graph.nodes.length);
    expect((await page.settled()).nodes).toBe(graph.nodes.length);

    await page.page.selectOption('[data-testid=level]', 'application');
    await expect.poll(async () => (await page.nodeData('app:team-1/api')) !== null, { timeout: 60_000 }).toBe(true);
    await page.settled();
    const again = await page.positions();
    for (const id of elsewhere) expect(again[id], id).toEqual(folded[id]);
    expect(await page.nodeData('app:team-0/api')).toBeNull();
  });

  it('search Enter opens a folded application and the fold under its owner to reach a Pod', async () => {
    const graph = clusterWithApps(1000);
    const page = await openWith(suite.open, graph);
    await page.page.selectOption('[data-testid=level]', 'application');
    await expect.poll(async () => (await page.nodeData('app:team-2/web')) !== null, { timeout: 60_000 }).toBe(true);
    await page.settled();
    const rs = graph.nodes.find((n) => n.kind === 'ReplicaSet' && n.namespace === 'team-2' && n.name.startsWith('web-'));
    const pod = graph.nodes.find((n) => n.kind === 'Pod' && n.controller === rs?.id);
    if (pod === undefined) throw new Error('no team-2 web pod');
    expect(await page.nodeData(pod.id)).toBeNull();
    await page.page.fill('input[type=search]', pod.name);
    await page.page.press('input[type=search]', 'Enter');
    await expect.poll(async () => (await page.nodeData(pod.id)) !== null, { timeout: 60_000 }).toBe(true);
    expect(await page.nodeData('app:team-2/web')).toBeNull();
    expect(await page.nodeData('app:team-3/web')).not.toBeNull();
    expect(await persistedSelection(page)).toBe(pod.id);
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    await page.screenshot('levels-apps-search-hit');
  });

  it('folds Events beside their object at the workload level and opens them on double-click', async () => {
    const graph = shop();
    const page = await openWith(suite.open, graph);
    const warning = 'core/Event/shop/web-1-a.3';
    expect(String((await page.nodeData(POD_EVENTS))?.['label'])).toBe('EVENTS\nPODS web\n3 events · 1 warning');
    expect((await page.nodeData(POD_EVENTS))?.['tone']).toBe('degraded');
    expect(await page.nodeData(`events:${SVC}`)).not.toBeNull();
    expect(await page.nodeData(warning)).toBeNull();
    await page.screenshot('levels-events-folded');

    await page.clickNode(POD_EVENTS, true);
    await expect.poll(async () => (await page.nodeData(POD_EVENTS)) === null).toBe(true);
    await page.settled();
    for (const name of ['web-1-a.1', 'web-1-a.2', 'web-1-a.3']) expect(await page.nodeData(`core/Event/shop/${name}`), name).not.toBeNull();
    expect(await page.nodeData(`events:${SVC}`)).not.toBeNull();
    await page.screenshot('levels-events-open');
  });

  it('search Enter for an Event’s text opens only the fold that holds it', async () => {
    const graph = shop();
    const warning = 'core/Event/shop/web-1-a.3';
    const page = await openWith(suite.open, graph);
    await page.page.fill('input[type=search]', 'readiness probe');
    await page.page.press('input[type=search]', 'Enter');
    await expect.poll(async () => (await page.nodeData(warning)) !== null, { timeout: 30_000 }).toBe(true);
    expect(await page.nodeData(POD_EVENTS)).toBeNull();
    expect(await page.nodeData(`events:${SVC}`)).not.toBeNull();
    expect(await persistedSelection(page)).toBe(warning);
  });

  it('switching back to a level whose kept viewport shows nothing of it fits the picture', async () => {
    const page = await openWith(suite.open, shop());
    const onScreen = (): Promise<number> =>
      page.page.evaluate(() => {
        const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
        const { x1, y1, x2, y2 } = cy.extent();
        return cy.nodes().filter((n) => {
          const b = n.boundingBox({});
          return b.x1 < x2 && b.x2 > x1 && b.y1 < y2 && b.y2 > y1;
        }).length;
      });
    expect(await onScreen()).toBeGreaterThan(0);
    // Panned off to empty canvas, then to every object and back: the workload level comes back fitted, not empty.
    await page.page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__kubilitics.cy.pan({ x: 100_000, y: 100_000 });
    });
    expect(await onScreen()).toBe(0);
    await page.page.selectOption('[data-testid=level]', 'object');
    await expect.poll(async () => (await page.nodeData('core/Event/shop/web.1')) !== null, { timeout: 30_000 }).toBe(true);
    await page.settled();
    await page.page.selectOption('[data-testid=level]', 'workload');
    await expect.poll(async () => (await page.nodeData(POD_EVENTS)) !== null, { timeout: 30_000 }).toBe(true);
    await page.settled();
    await expect.poll(onScreen, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('draws a 5,000-object cluster at the namespace level with no overlapping labels', async () => {
    const graph = syntheticGraph(5000);
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    const start = Date.now();
    await page.send(createMessage(GraphInit, { title: 'levels', mode: 'manifests', graph, findings: [] }) as never);
    // Handing 5K objects to the page through the test driver takes seconds of its own; drawing is timed from receipt.
    const received = Date.now();
    await page.settled();
    const ms = Date.now() - received;
    const timings = await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.timings);
    const boxes = await nodeBoxes(page);
    const zoom = await page.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.cy.zoom());
    console.log(
      `levels 5k (under load): ${graph.nodes.length} objects → ${boxes.length} summary nodes drawn ${ms} ms after receipt ` +
        `(driver transfer ${received - start} ms; ` +
        `layout worker ${timings.workerMs} ms, request to positions applied ${timings.totalMs} ms); ` +
        `opening zoom ${zoom.toFixed(2)} (11 px text drawn at ${(11 * zoom).toFixed(1)} px)`,
    );
    expect(boxes.length).toBeGreaterThan(10);
    expect(boxes.length).toBeLessThan(100);
    expect(overlapping(boxes)).toEqual([]);
    expect(await shownObjects(page)).toEqual({ shown: graph.nodes.length, total: graph.nodes.length });
    await page.screenshot('levels-5k-namespace');
  });
});
