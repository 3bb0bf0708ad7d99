/**
 * Acting on a live cluster from a real VS Code (code-server) against the real control plane (kube-apiserver,
 * controllers, scheduler, kwok); project `cluster-e2e`, run by `npm run test:cluster`. View YAML of a Secret picked in
 * the Command Palette (metadata only); Scale from a topology node's details panel, journaled in the Events view, then
 * View YAML from the Resources tree's context menu; Delete from the topology with its confirmation. Each is observed
 * on the API server and on the diagram.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { runCommand, screenshot } from './harness/codeServer.js';
import { e2eAvailable, expand, topologyFrame, treeRow, waitForLayout } from './support.js';
import * as k from '../cluster/real/builders.js';
import { type ClusterAdmin } from '../cluster/real/clusterAdmin.js';
import { clusterAvailable, eventually } from '../cluster/real/support.js';
import { usePlaneWindow } from './planeWindow.js';

const available = e2eAvailable() && clusterAvailable();
const NS = 'shop';

/** A row of the Resources tree, scrolled into its pane (a virtual list draws only the rows on screen). */
async function visibleTreeRow(page: Page, label: string, scrollFrom: string): Promise<Locator> {
  const row = treeRow(page, label);
  for (let tries = 0; tries < 10 && !(await row.isVisible()); tries++) {
    await treeRow(page, scrollFrom).hover();
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(100);
  }
  return row;
}

/** The text of the active editor, as Monaco draws it (the lines on screen). */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-group-container.active .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

describe.skipIf(!available)('actions in a real VS Code against the real control plane', () => {
  let admin: ClusterAdmin;
  let page: Page;
  const planeWindow = usePlaneWindow({
    name: 'actions',
    seed: async (cluster) => {
      await cluster.apply(k.namespace(NS), k.deployment('web', NS, 1), k.appliedSecret('db', NS, 'password', 'hunter2'));
      await cluster.waitForPods(NS, 'web', 1);
    },
    // The DOM renderer puts the terminal's rows in the page, where the shell test reads them.
    userSettings: { 'terminal.integrated.gpuAcceleration': 'off' },
  });
  beforeAll(() => ({ admin, page } = planeWindow()));

  /** Reveals Deployment web from the Resources tree (a click on its row), as a user finds an object; returns the details panel. */
  async function revealWeb(): Promise<Locator> {
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    await expand(treeRow(page, NS), 60_000);
    await expand(treeRow(page, 'Deployment'));
    await (await visibleTreeRow(page, 'web', NS)).click();
    const frame = await topologyFrame(page);
    await waitForLayout(frame);
    const details = frame.getByTestId('details');
    await expect
      .poll(
        () =>
          details
            .locator('.details-name')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toBe('web');
    return details;
  }

  it('shows a Secret picked in the Command Palette as metadata only, never its value or key names', async () => {
    const widget = page.locator('.quick-input-widget');
    const item = widget
      .locator('.monaco-list-row', { hasText: `${NS}/db` })
      .filter({ hasText: 'Secret' })
      .first();
    await expect
      .poll(
        async () => {
          await runCommand(page, 'Kubilitics: View YAML');
          await widget.locator('.quick-input-box input').fill(`${NS}/db`, { timeout: 5_000 });
          const offered = await item.waitFor({ state: 'visible', timeout: 5_000 }).then(
            () => true,
            () => false,
          );
          if (!offered) await page.keyboard.press('Escape');
          return offered;
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(true);
    await item.click();
    await page.locator('.tab', { hasText: 'secret-db.yaml' }).waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('# Secret: metadata only.');
    const text = await editorText(page);
    expect(text).toMatch(/kind: Secret/);
    expect(text).not.toMatch(/hunter2|aHVudGVyMg|password|last-applied|managedFields:/);
    await screenshot(page, 'actions-secret-yaml');
  }, 180_000);

  it('scales a Deployment from its topology node, then shows its live YAML from the Resources tree, and the diagram follows', async () => {
    const details = await revealWeb();
    const actions = details.getByTestId('object-actions');
    await actions.getByRole('button', { name: 'Scale…' }).waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot(page, 'actions-details-panel');
    await actions.getByRole('button', { name: 'Scale…' }).click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await expect.poll(() => input.inputValue(), { timeout: 15_000 }).toBe('1');
    await input.fill('3');
    await page.keyboard.press('Enter');
    await admin.waitForPods(NS, 'web', 3);
    await expect.poll(() => details.locator('.facts').innerText(), { timeout: 60_000 }).toContain('3/3 ready');
    // The action is journaled: a row of the user's own in the Events view.
    const journaled = page.locator('.monaco-list-row', { hasText: 'KubiliticsScale · Deployment/web' }).first();
    await journaled.waitFor({ state: 'visible', timeout: 30_000 });

    await (await visibleTreeRow(page, 'web', NS)).click({ button: 'right' });
    // As harness/codeServer.ts explorerContextMenu: the menu item, hovered then clicked (a click on its label alone
    // leaves the menu open).
    const menuItem = page
      .locator('.context-view .monaco-menu [role="menuitem"]')
      .filter({ has: page.locator('.action-label', { hasText: /^\s*View YAML\s*$/ }) })
      .first();
    await menuItem.hover();
    await menuItem.click();
    await page.locator('.tab', { hasText: 'deployment-web.yaml' }).waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => editorText(page), { timeout: 15_000 }).toContain('# metadata.managedFields hidden');
    expect(await editorText(page)).toMatch(/replicas: 3/);
    await screenshot(page, 'actions-deployment-yaml');
  }, 240_000);

  it('opens a shell in a Pod from the Command Palette, runs a command, and sees it end', async () => {
    const widget = page.locator('.quick-input-widget');
    const pod = widget
      .locator('.monaco-list-row', { hasText: `${NS}/web-` })
      .filter({ hasText: 'Pod' })
      .first();
    await runCommand(page, 'Kubilitics: Shell…');
    await widget.locator('.quick-input-box input').fill(`${NS}/web-`);
    await pod.click();
    // One container: straight to the shell.
    await widget.locator('.monaco-list-row', { hasText: /^sh/ }).filter({ visible: true }).first().click();
    const rows = page.locator('.terminal-wrapper.active .xterm-rows, .xterm-rows:visible').first();
    const text = async (): Promise<string> => (await rows.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    await page.locator('.terminal-wrapper.active, .xterm').first().click();
    await expect.poll(text, { timeout: 30_000 }).toMatch(/\$|#/);
    await page.keyboard.type('echo hi-$((6*7))\n');
    await expect.poll(text, { timeout: 30_000 }).toMatch(/^hi-42$/m);
    await screenshot(page, 'actions-shell');
    await page.keyboard.type('exit\n');
    await expect.poll(text, { timeout: 30_000 }).toContain('exited with status 0');
  }, 180_000);

  it('deletes a Deployment from the topology after naming what goes, and the diagram drops it and its Pods', async () => {
    const details = await revealWeb();
    await details.getByTestId('object-actions').getByRole('button', { name: 'Delete…' }).click();
    const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Background' }).filter({ visible: true }).first();
    await pick.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const said = await dialog.innerText();
    // The Deployment, its ReplicaSet and its three Pods, by name.
    expect(said).toContain('Delete 5 objects from');
    expect(said).toContain(`Deployment ${NS}/web`);
    expect(said.match(/Pod shop\/web-/g)).toHaveLength(3);
    await screenshot(page, 'actions-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await eventually('the Deployment gone from the API server', async () =>
      admin.apps.readNamespacedDeployment({ namespace: NS, name: 'web' }).then(
        () => false,
        () => true,
      ),
    );
    await expect.poll(() => details.innerText(), { timeout: 60_000 }).toMatch(/not in the view any more|Select an object/);
    const pods = await admin.core.listNamespacedPod({ namespace: NS });
    await eventually('its Pods gone', async () => (await admin.core.listNamespacedPod({ namespace: NS })).items.length === 0, 60_000);
    expect(pods.items.length).toBeLessThanOrEqual(3);
  }, 240_000);
});
