/**
 * Apply to Cluster and Compare with Cluster on what a tool renders, in a real VS Code (code-server) against the real
 * control plane, with real kustomize and helm (scripts/build-tools.sh); project `cluster-e2e`. An overlay is applied
 * as `kubectl apply -k` would apply it (its patch and name prefix in, its Secret whole, no kustomization.yaml sent as
 * an object), then its view compares unchanged. A Helm chart is not applied behind helm's back: the user is told why.
 */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as k from '../cluster/real/builders.js';
import type { ClusterAdmin } from '../cluster/real/clusterAdmin.js';
import { clusterAvailable, eventually } from '../cluster/real/support.js';
import { toolsBin } from '../tools/support.js';
import {
  clearNotifications,
  explorerContextMenu,
  runCommand,
  screenshot,
  showExplorer,
  waitForNotification,
} from './harness/codeServer.js';
import { usePlaneWindow } from './planeWindow.js';
import { ROOT, e2eAvailable, expandInExplorer, topologyFrame, waitForLayout, waitForStats } from './support.js';

const bin = toolsBin();
const available = e2eAvailable() && clusterAvailable() && bin !== undefined;
const NS = 'rendered';

/** A base (Deployment, Service, generated Secret) and an overlay that prefixes names, sets the namespace and patches. */
async function writeKustomization(workspaceFolder: string): Promise<void> {
  const base = join(workspaceFolder, 'app', 'base');
  const overlay = join(workspaceFolder, 'app', 'overlays', 'prod');
  await mkdir(base, { recursive: true });
  await mkdir(overlay, { recursive: true });
  const deployment = { ...k.deployment('web', 'unused', 1), metadata: { name: 'web' } };
  await writeFile(join(base, 'deployment.yaml'), JSON.stringify(deployment, null, 2));
  await writeFile(
    join(base, 'kustomization.yaml'),
    ['resources:', '  - deployment.yaml', 'secretGenerator:', '  - name: creds', '    literals:', '      - TOKEN=s3cret', ''].join('\n'),
  );
  await writeFile(
    join(overlay, 'replicas.yaml'),
    ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 2', ''].join('\n'),
  );
  await writeFile(
    join(overlay, 'kustomization.yaml'),
    [`namespace: ${NS}`, 'namePrefix: prod-', 'resources:', '  - ../../base', 'patches:', '  - path: replicas.yaml', ''].join('\n'),
  );
}

describe.skipIf(!available)('Apply and Compare on rendered manifests in a real VS Code against the real control plane', () => {
  let admin: ClusterAdmin;
  let page: Page;
  const planeWindow = usePlaneWindow({
    name: 'rendered',
    seed: (cluster) => cluster.apply(k.namespace(NS)),
    prepare: async ({ workspaceFolder }) => {
      await writeKustomization(workspaceFolder);
      await cp(join(ROOT, 'test/fixtures/charts/shop'), join(workspaceFolder, 'shop'), { recursive: true });
    },
    userSettings: { 'kubilitics.helm.path': join(bin ?? '', 'helm'), 'kubilitics.kustomize.path': join(bin ?? '', 'kustomize') },
  });
  beforeAll(async () => {
    ({ admin, page } = planeWindow());
    // Connected first, as a user is before applying: the Resources view connects to the workspace's kubeconfig.
    await runCommand(page, 'Kubilitics: Focus on Resources View');
    const context = admin.config.getCurrentContext();
    await page
      .locator('.statusbar-item', { hasText: `${context}:` })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
  }, 120_000);

  it('applies an overlay as kustomize renders it: prefixed, patched, its Secret whole, and no kustomization object', async () => {
    await showExplorer(page);
    await expandInExplorer(page, 'app');
    await expandInExplorer(page, 'overlays');
    await explorerContextMenu(page, 'prod', 'Apply to Cluster…', 60_000);
    const quickInput = page.locator('.quick-input-widget');
    await expect.poll(() => quickInput.innerText(), { timeout: 60_000 }).toMatch(/Dry run: 2 object\(s\) would change/);
    const listed = await quickInput.innerText();
    expect(listed).toContain(`Deployment ${NS}/prod-web`);
    expect(listed).toMatch(new RegExp(`Secret ${NS}/prod-creds-\\w+`));
    expect(listed).not.toMatch(/Kustomization|failed|replicas\.yaml/);
    await screenshot(page, 'rendered-apply-dry-run');
    await page.keyboard.press('Enter');
    const said = await waitForNotification(page, /Applied to /, 60_000);
    expect(said).toContain('2 created');
    const live = await admin.apps.readNamespacedDeployment({ namespace: NS, name: 'prod-web' });
    expect(live.spec?.replicas).toBe(2);
    const secrets = await admin.core.listNamespacedSecret({ namespace: NS });
    const creds = secrets.items.find((secret) => secret.metadata?.name?.startsWith('prod-creds-'));
    // The test, not the extension, reads the Secret back: its data arrived as kustomize wrote it.
    expect(Buffer.from(creds?.data?.['TOKEN'] ?? '', 'base64').toString()).toBe('s3cret');
    await clearNotifications(page);
  }, 240_000);

  it('compares the overlay’s view with the cluster: what was applied is unchanged', async () => {
    await runCommand(page, 'View: Close All Editors');
    await explorerContextMenu(page, 'prod', 'Open in Topology', 60_000);
    const frame = await topologyFrame(page);
    await waitForStats(frame, (stats) => stats.nodes >= 2);
    await waitForLayout(frame);
    await eventually(
      'the Deployment is live',
      async () => (await admin.apps.listNamespacedDeployment({ namespace: NS })).items.length === 1,
    );
    await runCommand(page, 'Kubilitics: Compare with Cluster');
    const said = await waitForNotification(page, /Compared with /, 60_000);
    expect(said).toContain('2 unchanged');
    expect(said).not.toMatch(/would be created|would be configured/);
    await screenshot(page, 'rendered-compare');
    await clearNotifications(page);
  }, 240_000);

  it('compares a Helm chart’s view with the cluster, in its release namespace: nothing of it is installed yet', async () => {
    await runCommand(page, 'View: Close All Editors');
    await explorerContextMenu(page, 'shop', 'Open in Topology', 60_000);
    const quickInput = page.locator('.quick-input-widget');
    await expect.poll(() => quickInput.innerText(), { timeout: 20_000 }).toContain('values-prod.yaml');
    await page.keyboard.press('Enter');
    await expect.poll(() => quickInput.innerText(), { timeout: 10_000 }).toContain('Release name for shop');
    await page.keyboard.press('Enter');
    await expect.poll(() => quickInput.innerText(), { timeout: 10_000 }).toContain('Namespace of release shop');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NS);
    await page.keyboard.press('Enter');
    const frame = await topologyFrame(page);
    await waitForStats(frame, (stats) => stats.nodes >= 2);
    await runCommand(page, 'Kubilitics: Compare with Cluster');
    const said = await waitForNotification(page, /Compared with /, 60_000);
    expect(said).toContain('2 would be created');
    expect(said).not.toMatch(/unchanged|configured|failed/);
    await screenshot(page, 'rendered-helm-compare');
    await clearNotifications(page);
  }, 240_000);

  it('does not apply a Helm chart behind helm’s back, and says why', async () => {
    await explorerContextMenu(page, 'shop', 'Apply to Cluster…', 60_000);
    const said = await waitForNotification(page, /is a Helm chart/, 30_000);
    expect(said).toContain('helm upgrade --install');
    const deployments = await admin.apps.listDeploymentForAllNamespaces();
    expect(deployments.items.map((item) => item.metadata?.name)).not.toContain('shop-web');
    await clearNotifications(page);
  }, 120_000);
});
