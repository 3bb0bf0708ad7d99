import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  explorerContextMenu,
  installExtension,
  makeTempDirs,
  openWorkbench,
  readNotifications,
  runCommand,
  screenshot,
  startCodeServer,
  type CodeServerInstance,
  type TempDirs,
  waitForNotification,
} from './harness/codeServer.js';
import { ROOT, e2eAvailable, openSharedWindow, packagedVsix, type SharedWindow } from './support.js';
import { toolsBin } from '../tools/support.js';

const available = e2eAvailable();

/** A kubeconfig whose exec credential plugin leaves a marker file when it runs. */
function execKubeconfig(marker: string): string {
  const exec = `{ apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/sh, args: ["-c", "touch ${marker}; echo '{}'"] }`;
  return `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: u, user: { exec: ${exec} } }]
contexts: [{ name: evil, context: { cluster: c, user: u } }]
current-context: evil
`;
}

/**
 * A workspace whose settings point `kubilitics.kubeconfig` at that kubeconfig and `kubilitics.helm.path` at a
 * program that leaves a marker when run (and says it is helm v3.21.0), with a chart to open; returns both markers.
 */
async function evilWorkspace(root: string, workspaceFolder: string): Promise<{ marker: string; helmMarker: string }> {
  const marker = join(root, 'exec-ran');
  const helmMarker = join(root, 'helm-ran');
  await mkdir(join(workspaceFolder, '.vscode'), { recursive: true });
  await writeFile(join(workspaceFolder, 'evil-kubeconfig'), execKubeconfig(marker));
  const helm = join(workspaceFolder, 'evil-helm');
  await writeFile(helm, `#!/bin/sh\ntouch ${helmMarker}\necho v3.21.0\n`, { mode: 0o755 });
  await cp(join(ROOT, 'test/fixtures/charts/shop'), join(workspaceFolder, 'shop'), { recursive: true });
  const settings = { 'kubilitics.kubeconfig': join(workspaceFolder, 'evil-kubeconfig'), 'kubilitics.helm.path': helm };
  await writeFile(join(workspaceFolder, '.vscode', 'settings.json'), JSON.stringify(settings));
  // A kustomization whose remote base kustomize would fetch by running git.
  await mkdir(join(workspaceFolder, 'remote'));
  const remote = 'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n';
  await writeFile(join(workspaceFolder, 'remote', 'kustomization.yaml'), remote);
  return { marker, helmMarker };
}

/** Open in Topology on the chart, taking the defaults of the values, release and namespace prompts. */
async function openChart(page: Page): Promise<void> {
  await explorerContextMenu(page, 'shop', 'Open in Topology');
  const quickInput = page.locator('.quick-input-widget');
  for (const title of ['values-prod.yaml', 'Release name for shop', 'Namespace of release shop']) {
    await expect
      .poll(async () => (await quickInput.isVisible()) && (await quickInput.innerText()).includes(title), { timeout: 20_000 })
      .toBe(true);
    await page.keyboard.press('Enter');
  }
  await page.waitForTimeout(5_000);
}

/** Asks the extension to connect, and returns the notifications shown (which kubeconfig the extension actually read). */
async function reconnect(page: Page, trustEnabled: boolean): Promise<string[]> {
  await runCommand(page, 'Kubilitics: Focus on Resources View');
  await runCommand(page, 'Kubilitics: Reconnect');
  await page.waitForTimeout(5_000);
  await screenshot(page, `restricted-${trustEnabled ? 'untrusted' : 'trusted'}`);
  return readNotifications(page);
}

describe.skipIf(!available)('Restricted Mode in a real VS Code', () => {
  let dirs: TempDirs | undefined;
  let server: CodeServerInstance | undefined;
  let shared: SharedWindow | undefined;
  afterEach(async () => {
    await shared?.close();
    await server?.stop();
    await dirs?.cleanup();
    [shared, server, dirs] = [undefined, undefined, undefined];
  });

  it('a trusted workspace may point at a kubeconfig whose exec plugin runs (the control case)', async () => {
    // Workspace trust is off on the shared server (DEFAULT_SETTINGS): every workspace is trusted there.
    let markers = { marker: '', helmMarker: '' };
    shared = await openSharedWindow({
      name: 'restricted-trusted',
      prepare: async ({ root, workspaceFolder }) => {
        markers = await evilWorkspace(root, workspaceFolder);
      },
    });
    await reconnect(shared.page, false);
    expect(existsSync(markers.marker)).toBe(true);
    // A trusted workspace's kubilitics.helm.path is the helm that renders its charts.
    await openChart(shared.page);
    expect(existsSync(markers.helmMarker)).toBe(true);
  }, 180_000);

  it('an untrusted workspace cannot make the extension run a program through kubeconfig or helm.path settings', async () => {
    // A server of its own: VS Code reads security.workspace.trust.enabled only at start-up, and the fallback
    // kubeconfig this test expects comes from the server's environment (KUBECONFIG).
    dirs = await makeTempDirs();
    const { marker, helmMarker } = await evilWorkspace(dirs.root, dirs.workspaceFolder);
    await installExtension(await packagedVsix(), dirs.extensionsDir);
    const trust = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
    // A kubeconfig that exists but is not valid YAML: reading it is an error that names the file. (A missing one is a
    // normal state for a new user now, and says nothing in a notification.)
    const environmentKubeconfig = join(dirs.root, 'environment-kubeconfig');
    await writeFile(environmentKubeconfig, 'apiVersion: v1\nclusters: [unclosed\n');
    // The real kustomize, set by the user (the extension host's PATH is the login shell's, not the server's).
    const tools = toolsBin();
    const kustomize = tools ? { 'kubilitics.kustomize.path': join(tools, 'kustomize') } : {};
    server = await startCodeServer({ ...dirs, settings: { ...trust, ...kustomize }, env: { KUBECONFIG: environmentKubeconfig } });
    const { browser, page } = await openWorkbench(server.url, dirs.workspaceFolder);
    try {
      const notifications = await reconnect(page, true);
      expect(existsSync(marker)).toBe(false);
      // The extension did run: it ignored the workspace setting and read KUBECONFIG from the environment instead.
      expect(notifications.join('\n')).toMatch(/environment-kubeconfig is not valid/);
      // Nor does the workspace's kubilitics.helm.path run: the chart is rendered with a helm on PATH, or not at all.
      await openChart(page);
      expect(existsSync(helmMarker)).toBe(false);
      // Nor does a kustomization's remote base make kustomize run git: it runs with no PATH to find one on (kustomize
      // says so), and the message says why. (test/tools/renderTarget.test.ts shows, with a git that leaves a marker,
      // that the same kustomization runs git when not sealed.)
      if (tools !== undefined) {
        await explorerContextMenu(page, 'remote', 'Open in Topology');
        const said = await waitForNotification(
          page,
          /kustomize build failed: in Restricted Mode remote bases and charts are not fetched/,
          60_000,
        );
        await screenshot(page, 'restricted-remote-base');
        expect(said).toContain("no 'git' program on path");
      }
    } finally {
      await browser.close();
    }
  }, 240_000);
});
