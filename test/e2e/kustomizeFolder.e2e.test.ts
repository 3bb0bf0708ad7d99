/**
 * A repository folder that holds an app's kustomize base and overlay, opened in a real VS Code (code-server) as plain
 * files: the one real object is drawn; the kustomization files and the files they patch or generate from are notes
 * in the Problems panel, not objects and not errors.
 */
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology.js';
import { explorerContextMenu, runCommand, screenshot } from './harness/codeServer.js';
import {
  ROOT,
  e2eAvailable,
  openSharedWindow,
  problemCounts,
  screenshotOnFailure,
  topologyFrame,
  waitForLayout,
  waitForStats,
  type SharedWindow,
} from './support.js';

const available = e2eAvailable();

describe.skipIf(!available)('a folder of kustomizations opened as plain files in a real VS Code', () => {
  let window: SharedWindow;
  let page: Page;

  beforeAll(async () => {
    window = await openSharedWindow({
      name: 'kustomize-folder',
      prepare: async ({ workspaceFolder }) => {
        await cp(join(ROOT, 'test/fixtures/kustomize/patched'), join(workspaceFolder, 'site'), { recursive: true });
      },
    });
    page = window.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await window?.close();
  });

  it('draws the Deployment alone and lists kustomizations, patches and generator files as notes', async () => {
    const folder = join(window.workspaceFolder, 'site');
    const expected = (await topologyFromPaths([folder])).engine.graph();
    expect(expected.nodes.filter((node) => !node.missing).map((node) => `${node.kind} ${node.name}`)).toEqual(['Deployment web']);
    await explorerContextMenu(page, 'site', 'Open in Topology');
    const frame = await topologyFrame(page);
    const stats = await waitForStats(frame, (s) => s.nodes > 0, 120_000);
    expect(stats).toMatchObject({ nodes: expected.nodes.length, edges: expected.edges.length });
    await waitForLayout(frame);
    // 2 kustomizations, 5 files they read and the ConfigMap base generates; no error (a kustomization was "a
    // Kustomization without a name") and no warning (the reference to the generated ConfigMap was "not in the input").
    await expect.poll(async () => (await problemCounts(page)).infos, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    expect(await problemCounts(page)).toMatchObject({ errors: 0, warnings: 0 });
    await runCommand(page, 'View: Toggle Problems');
    const panel = page.locator('.markers-panel').first();
    await panel.waitFor({ state: 'visible', timeout: 15_000 });
    // The panel draws only the rows in view: the first files' notes, each naming its kustomization.
    await expect.poll(async () => panel.innerText(), { timeout: 15_000 }).toContain('a kustomization, not a Kubernetes object');
    const problems = await panel.innerText();
    expect(problems).toContain('left out: the kustomization site/base/kustomization.yaml patches or generates from this file');
    expect(problems).not.toContain('without metadata.name');
    await screenshot(page, 'kustomize-folder');
  }, 300_000);
});
