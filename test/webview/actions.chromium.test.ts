/**
 * Actions in the details panel, in real Chromium: a cluster view shows what the host offered on the selected object,
 * denied ones disabled with the reason, and a click asks the host to run it. Manifest views offer none.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphInit, NodeActionsMessage, ViewFocus, createMessage } from '../../src/protocol/messages';
import type { PageGlobals } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK } from './themes';
import { BATCH, DEPLOY, shop } from '../engine/viewModel/shopEvents';

const OFFERED = [
  { action: 'view-yaml', title: 'View YAML', allowed: true },
  { action: 'scale', title: 'Scale…', allowed: true },
  { action: 'restart', title: 'Rollout Restart', allowed: true },
  { action: 'delete', title: 'Delete…', allowed: false, reason: 'not permitted: delete deployments in namespace shop' },
] as const;

describe.skipIf(!chromiumAvailable())('actions in the details panel (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('shows the offered actions, disables a denied one with its reason, and posts the one clicked', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'actions', mode: 'cluster', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.clickNode(DEPLOY);
    await expect.poll(async () => (await page.posted()).some((m) => m.type === 'view/select' && m.params.id === DEPLOY)).toBe(true);
    const panel = page.page.getByTestId('object-actions');
    expect(await panel.count()).toBe(0);

    // An answer for another object (a selection that moved on) is not shown on this one.
    await page.send(createMessage(NodeActionsMessage, { id: BATCH, actions: [...OFFERED] }) as never);
    await page.page.evaluate(
      () =>
        new Promise<void>((done) => {
          const w = globalThis as unknown as PageGlobals;
          w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()));
        }),
    );
    expect(await panel.count()).toBe(0);
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    await expect.poll(() => panel.locator('button').allTextContents()).toEqual(['View YAML', 'Scale…', 'Rollout Restart', 'Delete…']);
    const remove = panel.getByRole('button', { name: 'Delete…' });
    expect(await remove.isDisabled()).toBe(true);
    expect(await remove.getAttribute('title')).toBe('not permitted: delete deployments in namespace shop');
    expect(await panel.textContent()).toContain('1 not permitted for your account');
    expect(await panel.getByRole('button', { name: 'Rollout Restart' }).getAttribute('class')).toBe('danger');
    await page.screenshot('actions-details');

    await panel.getByRole('button', { name: 'Scale…' }).click();
    await remove.click({ force: true });
    const actions = (await page.posted()).filter((m) => m.type === 'view/action');
    expect(actions).toEqual([{ type: 'view/action', params: { action: 'scale', id: DEPLOY } }]);
    expect(await page.cspViolations()).toEqual([]);
  });

  it('tells the host of a selection it asked for (Reveal in Topology), so the revealed object gets its actions too', async () => {
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'actions', mode: 'cluster', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.send(createMessage(ViewFocus, { id: BATCH }) as never);
    await expect.poll(async () => (await page.posted()).some((m) => m.type === 'view/select' && m.params.id === BATCH)).toBe(true);
    await page.send(createMessage(NodeActionsMessage, { id: BATCH, actions: [OFFERED[0]] }) as never);
    await expect.poll(() => page.page.getByTestId('object-actions').locator('button').allTextContents()).toEqual(['View YAML']);
  });

  it('offers nothing on manifests', async () => {
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'yaml', mode: 'manifests', graph: shop(), findings: [] }) as never);
    await page.settled();
    await page.clickNode(DEPLOY);
    await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [...OFFERED] }) as never);
    await expect.poll(() => page.page.getByTestId('details').count()).toBe(1);
    expect(await page.page.getByTestId('object-actions').count()).toBe(0);
  });
});
