/**
 * Edit, the round trip a user makes, in a real VS Code (code-server) against the real control plane; project
 * `cluster-e2e`. Edit… from a topology node's details panel, change replicas and add a label by typing in the editor,
 * save, read the diff (live ↔ edited), confirm, and watch the diagram follow. Then a conflict: a field the tests' own
 * field manager set, changed in an edit opened from the Resources tree, explained (field and manager) and forced.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { clearNotifications, explorerContextMenu, runCommand, screenshot, waitForNotification } from './harness/codeServer.js';
import { e2eAvailable, expand, topologyFrame, treeRow, waitForLayout } from './support.js';
import * as k from '../cluster/real/builders.js';
import { type ClusterAdmin } from '../cluster/real/clusterAdmin.js';
import { clusterAvailable, eventually } from '../cluster/real/support.js';
import { usePlaneWindow } from './planeWindow.js';

const available = e2eAvailable() && clusterAvailable();
const NS = 'edits';

/** A Deployment whose replicas no field manager owns (the server defaults them), so an edit of them is no conflict. */
function unownedReplicas(name: string): k.Manifest {
  const manifest = k.deployment(name, NS, 1) as k.Manifest & { spec: Record<string, unknown> };
  const { replicas: _replicas, ...spec } = manifest.spec;
  return { ...manifest, spec } as k.Manifest;
}

/**
 * The text of the active editor as it reads on screen: Monaco's lines in the order they are drawn (top to bottom),
 * not in DOM order, which an edit reshuffles.
 */
async function editorText(page: Page, editor = '.editor-group-container.active'): Promise<string> {
  const lines = await page
    .locator(`${editor} .view-lines`)
    .first()
    .evaluate((element) =>
      Array.from(element.querySelectorAll('.view-line'))
        .map((line) => ({ top: parseFloat((line as unknown as { style: { top: string } }).style.top), text: line.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * Selects the first occurrence of `text` from the top of the active editor, as a user does with Find: Ctrl+Home,
 * Ctrl+F, the text, Enter, Escape; the match stays selected, so what is typed next replaces it.
 */
async function selectInEditor(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  const find = page.locator('.editor-group-container.active .find-widget .input').first();
  await find.waitFor({ state: 'visible', timeout: 10_000 });
  await find.fill(text);
  await expect.poll(() => page.locator('.editor-group-container.active .find-widget .matchesCount').innerText()).toMatch(/^1 of/);
  // Escape closes the find widget, unless a notification toast takes it first: until the widget is gone.
  const open = page.locator('.editor-group-container.active .find-widget.visible');
  for (let tries = 0; tries < 5 && (await open.count()) > 0; tries++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
  expect(await open.count()).toBe(0);
}

/** The menu item of an open context menu, hovered then clicked (a click on its label alone leaves the menu open). */
async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const item = page
    .locator('.context-view .monaco-menu [role="menuitem"]')
    .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) })
    .first();
  await item.hover();
  await item.click();
}

describe.skipIf(!available)('Edit in a real VS Code against the real control plane', () => {
  let admin: ClusterAdmin;
  let page: Page;
  const dialog = (): Locator => page.locator('.monaco-dialog-box');
  const planeWindow = usePlaneWindow({
    name: 'edit',
    seed: async (cluster) => {
      await cluster.apply(k.namespace(NS), unownedReplicas('web'), k.deployment('api', NS, 1));
      await cluster.waitForPods(NS, 'web', 1);
      await cluster.waitForPods(NS, 'api', 1);
    },
    prepare: async ({ workspaceFolder }) => {
      // For Compare with Cluster, once the edits above ran: web's replicas differ (2 live), api is as forced (3),
      // the ConfigMap is not on the cluster.
      const manifests = [k.deployment('web', NS, 4), k.deployment('api', NS, 3), k.configMap('fresh', NS, { a: 'b' })];
      await writeFile(join(workspaceFolder, 'edits.yaml'), manifests.map((manifest) => stringify(manifest)).join('---\n'));
    },
  });
  beforeAll(() => ({ admin, page } = planeWindow()));

  /** The Resources tree opened on Deployments of the test namespace; the row of `name`. */
  async function deploymentRow(name: string): Promise<Locator> {
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    await expand(treeRow(page, NS), 60_000);
    await expand(treeRow(page, 'Deployment'));
    const row = treeRow(page, name);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    return row;
  }

  /** Saves the active editor; the diff (live ↔ edited) opens and the confirmation asks; returns its text. */
  async function saveAndReadConfirmation(name: string, shot: string): Promise<string> {
    await page.keyboard.press('Control+S');
    await dialog().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.tab', { hasText: `${name}: live ↔ edited` }).waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.locator('.monaco-diff-editor').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, shot);
    return dialog().innerText();
  }

  it('edits replicas and a label from the details panel, shows the diff, applies on confirm, and the diagram follows', async () => {
    await (await deploymentRow('web')).click();
    const frame = await topologyFrame(page);
    await waitForLayout(frame);
    const details = frame.getByTestId('details');
    await expect.poll(() => details.locator('.details-name').textContent(), { timeout: 60_000 }).toBe('web');
    await expect.poll(() => details.locator('.facts').innerText(), { timeout: 60_000 }).toContain('1/1 ready');
    await details.getByTestId('object-actions').getByRole('button', { name: 'Edit…' }).click();

    await page.locator('.tab', { hasText: 'edits-deployment-web.yaml' }).waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('# kubilitics-edit');
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await selectInEditor(page, 'replicas: 1');
    await page.keyboard.type('replicas: 2');
    // The Deployment's own labels come first (metadata before spec): a new label above `app: web`, same indent.
    await selectInEditor(page, 'app: web');
    await page.keyboard.press('Home');
    await page.keyboard.type('tier: frontend');
    await page.keyboard.press('Enter');
    expect(await editorText(page)).toMatch(/labels:\s+tier: frontend\s+app: web/);
    // VS Code for the Web saves after a pause in typing: that save must not open the diff and a modal mid-edit.
    await page.waitForTimeout(2_500);
    expect(await dialog().isVisible()).toBe(false);
    await screenshot(page, 'edit-typed');

    const said = await saveAndReadConfirmation('Deployment edits/web', 'edit-diff-confirm');
    expect(said).toContain('Apply your changes to Deployment edits/web');
    // Live on the left, the edit on the right; the copy's comment header on both, so only the changes stand out.
    const live = await editorText(page, '.monaco-diff-editor .editor.original');
    const edited = await editorText(page, '.monaco-diff-editor .editor.modified');
    expect(live).toMatch(/^# kubilitics-edit .*\n(?:.*\n)*\s+replicas: 1$/m);
    expect(edited).toMatch(/tier: frontend[\s\S]*replicas: 2/);
    expect(await page.locator('.monaco-diff-editor .editor.modified .line-insert').count()).toBeLessThanOrEqual(2);
    await dialog().getByRole('button', { name: 'Apply' }).click();

    await eventually('replicas 2 and the label on the API server', async () => {
      const live = await admin.apps.readNamespacedDeployment({ namespace: NS, name: 'web' });
      return live.spec?.replicas === 2 && live.metadata?.labels?.['tier'] === 'frontend';
    });
    // The live side now shows the applied object: the diff has nothing left to mark.
    await expect.poll(() => editorText(page, '.monaco-diff-editor .editor.original'), { timeout: 15_000 }).toContain('replicas: 2');
    await admin.waitForPods(NS, 'web', 2);
    // The diff took the topology's place (a hidden webview is not kept): back to the diagram, as a user goes.
    await page.locator('.tab', { hasText: 'Cluster:' }).first().click();
    await (await deploymentRow('web')).click();
    const after = (await topologyFrame(page)).getByTestId('details');
    await expect.poll(() => after.locator('.details-name').textContent(), { timeout: 60_000 }).toBe('web');
    await expect.poll(() => after.locator('.facts').innerText(), { timeout: 60_000 }).toContain('2/2 ready');
    await page.locator('.monaco-workbench .notification-toast', { hasText: 'Deployment edits/web applied' }).first().waitFor({
      state: 'visible',
      timeout: 15_000,
    });
    await screenshot(page, 'edit-applied');
  }, 240_000);

  it('explains a conflict with the field and its manager, and Force makes the value land', async () => {
    await clearNotifications(page);
    await (await deploymentRow('api')).click({ button: 'right' });
    await chooseMenuItem(page, 'Edit…');
    await page.locator('.tab', { hasText: 'edits-deployment-api.yaml' }).waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('# kubilitics-edit');
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await selectInEditor(page, 'replicas: 1');
    await page.keyboard.type('replicas: 3');

    await saveAndReadConfirmation('Deployment edits/api', 'edit-conflict-diff');
    await dialog().getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => dialog().innerText(), { timeout: 30_000 }).toContain('conflict');
    const explained = await dialog().innerText();
    expect(explained).toContain('.spec.replicas is owned by "kubilitics-tests"');
    await screenshot(page, 'edit-conflict');
    await dialog().getByRole('button', { name: 'Force…' }).click();
    await expect.poll(() => dialog().innerText(), { timeout: 15_000 }).toContain('Force Deployment edits/api?');
    await dialog().getByRole('button', { name: 'Force', exact: true }).click();

    await eventually('replicas 3 on the API server, owned by kubilitics', async () => {
      const live = await admin.apps.readNamespacedDeployment({ namespace: NS, name: 'api' });
      // spec.replicas only (the controller owns status.replicas).
      const owners = (live.metadata?.managedFields ?? []).filter(
        (entry) => (entry.fieldsV1 as { 'f:spec'?: { 'f:replicas'?: unknown } } | undefined)?.['f:spec']?.['f:replicas'] !== undefined,
      );
      return live.spec?.replicas === 3 && owners.map((entry) => entry.manager).join() === 'kubilitics';
    });
    await admin.waitForPods(NS, 'api', 3);
    await screenshot(page, 'edit-forced');
  }, 240_000);

  it('marks a manifests view compared with the cluster: created, configured, unchanged', async () => {
    await runCommand(page, 'View: Close All Editors');
    await explorerContextMenu(page, 'edits.yaml', 'Open in Topology', 60_000);
    await page.locator('.tab', { hasText: 'edits.yaml' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(2_000);
    await runCommand(page, 'Kubilitics: Compare with Cluster');
    const said = await waitForNotification(page, /Compared with /, 60_000);
    expect(said).toContain('1 would be created, 1 would be configured, 1 unchanged');
    await page.waitForTimeout(1_500);
    await screenshot(page, 'edit-compare-with-cluster');
  }, 240_000);
});
