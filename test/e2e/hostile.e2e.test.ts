import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explorerContextMenu, runCommand, screenshot } from './harness/codeServer.js';
import {
  e2eAvailable,
  openSharedWindow,
  problemCounts,
  topologyFrame,
  waitForLayout,
  waitForStats,
  type SharedWindow,
  screenshotOnFailure,
} from './support.js';
import { topologyFromPaths } from '../../src/engine/topology.js';

const available = e2eAvailable();

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;
const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: shop}\n`;
/** Nine levels of ten aliases each: 10^9 nodes once expanded. */
const aliasBomb = (): string => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${configMap('bomb')}data:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
};

/**
 * Files of a stranger's repository, opened in a real VS Code: each bad file costs a finding, the good objects of the
 * folder (and of the bad files' good documents) are all drawn, and the editor keeps answering.
 */
describe.skipIf(!available)('hostile manifests in a real VS Code (code-server)', () => {
  let dirs: SharedWindow;
  let page: Page;

  beforeAll(async () => {
    dirs = await openSharedWindow({
      name: 'hostile',
      prepare: async ({ workspaceFolder }) => {
        const folder = join(workspaceFolder, 'hostile');
        await mkdir(folder, { recursive: true });
        await writeFile(join(folder, 'good.yaml'), deployment);
        // A typo'd alias in the middle document: the documents around it are kept.
        await writeFile(
          join(folder, 'mixed.yaml'),
          `${configMap('before')}---\n${configMap('typo')}data: {x: *nowhere}\n---\n${configMap('after')}`,
        );
        await writeFile(join(folder, 'bomb.yaml'), aliasBomb());
        await writeFile(join(folder, 'deep.yaml'), `${configMap('deep')}data: {x: ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`);
        await writeFile(
          join(folder, 'latin1.yaml'),
          Buffer.concat([Buffer.from(`${configMap('latin')}data: {x: "caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]),
        );
        const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`).join('\n');
        await writeFile(join(folder, 'keys.yaml'), `${configMap('keys')}data:\n${keys}\n`);
        // A folder that links to itself.
        await symlink('.', join(folder, 'loop'));
      },
    });
    page = dirs.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await dirs?.close();
  });

  it('draws every good object, reports each bad file, and the editor keeps answering', async () => {
    const folder = join(dirs.workspaceFolder, 'hostile');
    const expected = (await topologyFromPaths([folder])).engine.graph();
    // good.yaml's two, mixed.yaml's two good documents; the bad ones are findings.
    expect(
      expected.nodes
        .filter((n) => n.kind === 'ConfigMap')
        .map((n) => n.name)
        .sort(),
    ).toEqual(['after', 'before', 'latin']);
    await explorerContextMenu(page, 'hostile', 'Open in Topology');
    const frame = await topologyFrame(page);
    const stats = await waitForStats(frame, (s) => s.nodes > 0, 120_000);
    expect(stats.nodes).toBe(expected.nodes.length);
    expect(stats.edges).toBe(expected.edges.length);
    await waitForLayout(frame);
    // mixed (alias), bomb (aliases), deep (depth), latin1 (UTF-8), keys (keys per map): one error each at least.
    await expect.poll(async () => (await problemCounts(page)).errors, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    await screenshot(page, 'hostile-folder');
    // Still answering: the command palette opens and runs a command.
    await runCommand(page, 'View: Toggle Problems');
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 15_000 });
    const problems = await page.locator('.markers-panel').first().innerText();
    for (const file of ['mixed.yaml', 'bomb.yaml', 'deep.yaml', 'latin1.yaml', 'keys.yaml']) expect(problems).toContain(file);
    await screenshot(page, 'hostile-problems');
  }, 300_000);
});
