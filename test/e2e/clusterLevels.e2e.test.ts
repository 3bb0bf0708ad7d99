/**
 * Issue 15 in a real VS Code (code-server): a live cluster of ~1,500 objects opens at the namespace level, one
 * namespace opens when a Pod in it is searched for, and the Pod's neighbourhood is focused. The screenshots
 * (cluster-levels-*.png in the results folder) are the README's cluster pictures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import {
  e2eAvailable,
  graphStats,
  openSharedWindow,
  topologyFrame,
  waitForLayout,
  waitForStats,
  useWorkspaceKubeconfig,
  screenshotOnFailure,
} from './support.js';
import type { SharedWindow } from './support.js';
import { startFakeApiServer, type FakeApiServer } from '../cluster/fake/fakeApiServer.js';
import { ADMIN } from '../cluster/fake/fixtures.js';
import { syntheticCluster } from '../../bench/syntheticCluster.js';

const available = e2eAvailable();
const OBJECTS = syntheticCluster(1_500, 7);

/** The first Pod of the synthetic cluster's second namespace: what a user searches for. */
function searchedPod(): { name: string; namespace: string } {
  const pod = OBJECTS.find((o) => o.kind === 'Pod' && o.metadata?.namespace === 'team-1');
  if (pod?.metadata?.name === undefined || pod.metadata.namespace === undefined) throw new Error('no Pod in team-1');
  return { name: pod.metadata.name, namespace: pod.metadata.namespace };
}

/** The status bar's account of folds ("8 namespaces and 2 cluster groups folded — double-click one to open"). */
async function folds(frame: Frame): Promise<{ level: string | null; text: string; namespaces: number }> {
  const element = frame.locator('[data-testid="folds"]');
  const text = (await element.textContent()) ?? '';
  const namespaces = Number(/(\d+) namespaces?\b/.exec(text)?.[1] ?? 0);
  return { level: await element.getAttribute('data-level'), text, namespaces };
}

/** Objects the view represents (drawn, or counted inside a fold): every object, none silently dropped. */
async function shownObjects(frame: Frame): Promise<number> {
  return Number(await frame.locator('[data-graph-stats]').getAttribute('data-shown-objects'));
}

describe.skipIf(!available)('a ~1,500-object live cluster at the namespace level in a real VS Code', () => {
  let workbench: SharedWindow;
  let server: FakeApiServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    for (const object of OBJECTS) server.upsert(object as never);
    workbench = await openSharedWindow({
      name: 'cluster-levels',
      prepare: async ({ workspaceFolder, root }) => {
        await useWorkspaceKubeconfig(root, workspaceFolder, server.kubeconfigYaml({ token: ADMIN.token }));
      },
    });
    page = workbench.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await workbench?.close();
    await server?.stop();
  });

  it('opens at the namespace level with every object counted in a summary', async () => {
    await runCommand(page, 'Kubilitics: Open Cluster Topology');
    const frame = await topologyFrame(page);
    // Events are not drawn; every other object of the cluster is a node of the graph.
    await waitForStats(frame, (s) => s.nodes >= 1_400, 120_000);
    await expect.poll(async () => (await graphStats(frame)).nodes === (await shownObjects(frame)), { timeout: 60_000 }).toBe(true);
    const opened = await folds(frame);
    expect(opened.level).toBe('namespace');
    expect(opened.text).toMatch(/folded — double-click one to open/);
    expect(opened.namespaces).toBeGreaterThanOrEqual(8);
    await waitForLayout(frame);
    await screenshot(page, 'cluster-levels-namespaces');
  }, 240_000);

  it('opens the namespace of a searched Pod and focuses the Pod', async () => {
    const frame = await topologyFrame(page);
    const before = await folds(frame);
    const pod = searchedPod();
    const search = frame.getByRole('searchbox', { name: 'Search by name or label' });
    await search.fill(pod.name);
    await search.press('Enter');
    // The Pod's namespace opens in place; the others stay folded.
    await expect.poll(async () => (await folds(frame)).namespaces, { timeout: 60_000 }).toBe(before.namespaces - 1);
    // The Pod itself is selected, not the Events named after it (levels.chromium checks the zoom it is shown at).
    const details = frame.getByTestId('details');
    await expect.poll(async () => await details.locator('.details-name').textContent(), { timeout: 30_000 }).toBe(pod.name);
    expect(await details.locator('.details-kind').textContent()).toBe('Pod');
    await waitForLayout(frame);
    await screenshot(page, 'cluster-levels-opened');
    await frame.getByRole('button', { name: 'Focus neighbourhood' }).click();
    await frame.getByRole('button', { name: 'Leave focus mode' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Focus draws the Pod's neighbourhood (owner, Service, Node, account…), not the cluster.
    await expect.poll(() => shownObjects(frame), { timeout: 30_000 }).toBeLessThan(60);
    expect(await shownObjects(frame)).toBeGreaterThan(1);
    await waitForLayout(frame);
    await screenshot(page, 'cluster-levels-focused');
  }, 240_000);
});
