/**
 * A Helm chart in a real VS Code (code-server) with a real helm (scripts/build-tools.sh), named in the user settings:
 * Open in Topology on the chart folder asks for values files, release and namespace, draws what `helm template`
 * renders, and follows an edit to a values file.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologyFromRendered } from '../../src/engine/render/renderedTopology.js';
import { renderTarget } from '../../src/tools/renderTarget.js';
import { toolsBin } from '../tools/support.js';
import { explorerContextMenu, runCommand, screenshot } from './harness/codeServer.js';
import {
  ROOT,
  e2eAvailable,
  expandInExplorer,
  openSharedWindow,
  screenshotOnFailure,
  problemCounts,
  topologyFrame,
  waitForLayout,
  waitForStats,
  type SharedWindow,
} from './support.js';

const available = e2eAvailable();

interface Stats {
  readonly nodes: number;
  readonly edges: number;
  readonly broken: number;
}
const bin = toolsBin();

/** What the view must show: the chart (or kustomization) rendered by the same code, counted as the view counts. */
async function expectedStats(path: string, root: string, tool: 'helm' | 'kustomize' = 'helm', valuesFiles: string[] = []): Promise<Stats> {
  const result = await renderTarget({
    target: { tool, root: path, marker: join(path, tool === 'helm' ? 'Chart.yaml' : 'kustomization.yaml') },
    helm: { valuesFiles, release: 'shop', namespace: 'default' },
    tools: { paths: { helm: join(bin!, 'helm'), kustomize: join(bin!, 'kustomize') }, pointAt: () => '' },
    shownName: (absolute) => relative(root, absolute),
  });
  const graph = topologyFromRendered({ rendered: [result.set] }).engine.graph();
  return { nodes: graph.nodes.length, edges: graph.edges.length, broken: graph.edges.filter((edge) => edge.broken).length };
}

describe.skipIf(!available || !bin)('a Helm chart in a real VS Code', () => {
  let window: SharedWindow;
  let page: Page;

  beforeAll(async () => {
    // Machine-scoped settings: the harness writes them where a remote's extension host reads them (Machine/).
    const tools = { 'kubilitics.helm.path': join(bin!, 'helm'), 'kubilitics.kustomize.path': join(bin!, 'kustomize') };
    window = await openSharedWindow({
      name: 'helm',
      prepare: async ({ workspaceFolder }) => {
        await cp(join(ROOT, 'test/fixtures/charts/shop'), join(workspaceFolder, 'shop'), { recursive: true });
        await cp(join(ROOT, 'test/fixtures/kustomize/app'), join(workspaceFolder, 'app'), { recursive: true });
      },
      userSettings: { ...tools, 'kubilitics.manifests.debounceMs': 100 },
    });
    page = window.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await window?.close();
  });

  it('opens the chart folder: asks for values, release and namespace, and draws what helm renders', async () => {
    const chart = join(window.workspaceFolder, 'shop');
    const expected = await expectedStats(chart, window.workspaceFolder);
    await explorerContextMenu(page, 'shop', 'Open in Topology');
    // The values files (none picked: the chart's own), then the release name and namespace (their defaults).
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(async () => quickInput.innerText(), { timeout: 10_000 }).toContain('values-prod.yaml');
    await page.keyboard.press('Enter');
    await expect.poll(async () => quickInput.innerText(), { timeout: 10_000 }).toContain('Release name for shop');
    await page.keyboard.press('Enter');
    await expect.poll(async () => quickInput.innerText(), { timeout: 10_000 }).toContain('Namespace of release shop');
    await page.keyboard.press('Enter');
    const frame = await topologyFrame(page);
    expect(await waitForStats(frame, (stats) => stats.nodes > 0)).toEqual(expected);
    // The Deployment's missing ConfigMap is reported on its template (the Problems panel counts it).
    await expect.poll(async () => (await problemCounts(page)).warnings, { timeout: 10_000 }).toBe(expected.broken);
    await waitForLayout(frame);
    await screenshot(page, 'helm-shop');
  }, 180_000);

  it('follows an edit to the chart’s values.yaml: the cache StatefulSet appears', async () => {
    const chart = join(window.workspaceFolder, 'shop');
    const values = join(chart, 'values.yaml');
    const before = await expectedStats(chart, window.workspaceFolder);
    await writeFile(values, (await readFile(values, 'utf8')).replace('enabled: false', 'enabled: true'));
    const after = await expectedStats(chart, window.workspaceFolder);
    expect(after.nodes).toBeGreaterThan(before.nodes);
    const frame = await topologyFrame(page);
    expect(await waitForStats(frame, (stats) => stats.nodes === after.nodes, 30_000)).toEqual(after);
    await waitForLayout(frame);
    await screenshot(page, 'helm-shop-after-values-edit');
  }, 120_000);

  it('Change Chart Values… with values-prod.yaml picked: the view renders with it (and remembers it)', async () => {
    const chart = join(window.workspaceFolder, 'shop');
    const values = join(chart, 'values.yaml');
    await writeFile(values, (await readFile(values, 'utf8')).replace('enabled: true', 'enabled: false'));
    const plain = await expectedStats(chart, window.workspaceFolder);
    const frame = await topologyFrame(page);
    await waitForStats(frame, (stats) => stats.nodes === plain.nodes, 30_000);
    await runCommand(page, 'Kubilitics: Change Chart Values…');
    const quickInput = page.locator('.quick-input-widget');
    // The widget keeps the rows of an earlier pick, hidden: the visible one is this pick's.
    const row = quickInput.locator('.monaco-list-row', { hasText: 'values-prod.yaml' }).filter({ visible: true }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    // A click on a row of a multi-select list ticks it; OK accepts the ticked ones.
    await row.click();
    await expect.poll(async () => quickInput.innerText(), { timeout: 10_000 }).toContain('1 Selected');
    await quickInput.locator('.monaco-button', { hasText: 'OK' }).first().click();
    for (const title of ['Release name for shop', 'Namespace of release shop']) {
      await expect.poll(async () => quickInput.innerText(), { timeout: 10_000 }).toContain(title);
      await page.keyboard.press('Enter');
    }
    const prod = await expectedStats(chart, window.workspaceFolder, 'helm', [join(chart, 'values-prod.yaml')]);
    expect(prod.nodes).toBeGreaterThan(plain.nodes);
    expect(await waitForStats(frame, (stats) => stats.nodes === prod.nodes, 30_000)).toEqual(prod);
    await screenshot(page, 'helm-shop-values-prod');
    // Opened again: no questions, the remembered values file, release and namespace.
    await runCommand(page, 'View: Close All Editors');
    await explorerContextMenu(page, 'shop', 'Open in Topology');
    const again = await topologyFrame(page);
    expect(await waitForStats(again, (stats) => stats.nodes === prod.nodes, 30_000)).toEqual(prod);
    expect(await quickInput.isVisible()).toBe(false);
  }, 120_000);

  it('an overlay follows an edit to its base in another folder', async () => {
    const overlay = join(window.workspaceFolder, 'app', 'overlays', 'prod');
    const expected = await expectedStats(overlay, window.workspaceFolder, 'kustomize');
    // One view at a time: the chart's view would be the frame found first.
    await runCommand(page, 'View: Close All Editors');
    await expandInExplorer(page, 'app');
    await expandInExplorer(page, 'overlays');
    await explorerContextMenu(page, 'prod', 'Open in Topology');
    const frame = await topologyFrame(page);
    expect(await waitForStats(frame, (stats) => stats.nodes === expected.nodes)).toEqual(expected);
    const base = join(window.workspaceFolder, 'app', 'base', 'deployment.yaml');
    await writeFile(base, `${await readFile(base, 'utf8')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n`);
    const after = await expectedStats(overlay, window.workspaceFolder, 'kustomize');
    expect(after.nodes).toBe(expected.nodes + 1);
    expect(await waitForStats(frame, (stats) => stats.nodes === after.nodes, 30_000)).toEqual(after);
    await waitForLayout(frame);
    await screenshot(page, 'kustomize-prod-after-base-edit');
  }, 120_000);
});
