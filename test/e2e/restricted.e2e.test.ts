import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  installExtension, makeTempDirs, openWorkbench, readNotifications, runCommand, screenshot, startCodeServer, type CodeServerInstance, type TempDirs,
} from './harness/codeServer.js';
import { e2eAvailable, packagedVsix } from './support.js';

const available = e2eAvailable();

/** A kubeconfig whose exec credential plugin leaves a marker file when it runs. */
function execKubeconfig(marker: string): string {
  return `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: u, user: { exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: /bin/sh, args: ["-c", "touch ${marker}; echo '{}'"] } } }]
contexts: [{ name: evil, context: { cluster: c, user: u } }]
current-context: evil
`;
}

describe.skipIf(!available)('Restricted Mode in a real VS Code', () => {
  let dirs: TempDirs | undefined;
  let server: CodeServerInstance | undefined;
  afterEach(async () => {
    await server?.stop();
    await dirs?.cleanup();
  });

  /** Returns the marker path and the notifications shown (which kubeconfig the extension actually read). */
  async function openWith(trustEnabled: boolean): Promise<{ marker: string; notifications: string[] }> {
    dirs = await makeTempDirs();
    const marker = join(dirs.root, 'exec-ran');
    await mkdir(join(dirs.workspaceFolder, '.vscode'), { recursive: true });
    await writeFile(join(dirs.workspaceFolder, 'evil-kubeconfig'), execKubeconfig(marker));
    await writeFile(join(dirs.workspaceFolder, '.vscode', 'settings.json'), JSON.stringify({ 'kubilitics.kubeconfig': join(dirs.workspaceFolder, 'evil-kubeconfig') }));
    await installExtension(await packagedVsix(), dirs.extensionsDir);
    server = await startCodeServer({ ...dirs, settings: { 'security.workspace.trust.enabled': trustEnabled, 'security.workspace.trust.startupPrompt': 'never' },
      env: { KUBECONFIG: join(dirs.root, 'no-such-kubeconfig') } });
    const { browser, page } = await openWorkbench(server.url, dirs.workspaceFolder);
    try {
      await runCommand(page, 'Kubilitics: Focus on Resources View');
      await runCommand(page, 'Kubilitics: Reconnect');
      await page.waitForTimeout(5_000);
      await screenshot(page, `restricted-${trustEnabled ? 'untrusted' : 'trusted'}`);
      return { marker, notifications: await readNotifications(page) };
    } finally {
      await browser.close();
    }
  }

  it('a trusted workspace may point at a kubeconfig whose exec plugin runs (the control case)', async () => {
    expect(existsSync((await openWith(false)).marker)).toBe(true);
  }, 180_000);

  it('an untrusted workspace cannot make the extension run a program through kubeconfig settings', async () => {
    const { marker, notifications } = await openWith(true);
    expect(existsSync(marker)).toBe(false);
    // The extension did run: it ignored the workspace setting and read KUBECONFIG from the environment instead.
    expect(notifications.join('\n')).toMatch(/no-such-kubeconfig cannot be read/);
  }, 180_000);
});
