/**
 * Desktop VS Code smoke suite through @vscode/test-electron (downloads VS Code: run where downloads work, e.g. the
 * public CI under xvfb; on machines without internet the code-server suite in test/e2e covers the same ground).
 */
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  await runTests({
    version: process.env['VSCODE_VERSION'] ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(root, 'out', 'electron', 'smoke.js'),
    launchArgs: [resolve(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
