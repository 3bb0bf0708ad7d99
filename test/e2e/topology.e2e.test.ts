import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { explorerContextMenu, runCommand, screenshot, waitForNotification } from './harness/codeServer.js';
import {
  CORPUS,
  ROOT,
  e2eAvailable,
  problemCounts,
  graphStats,
  expandInExplorer,
  openSharedWindow,
  topologyFrame,
  waitForLayout,
  waitForStats,
  type SharedWindow,
  screenshotOnFailure,
} from './support.js';
import { countFindings, expectedPlaceholders } from '../../src/engine/findings.js';
import { topologyFromPaths } from '../../src/engine/topology.js';
import { GraphStore } from '../../src/engine/viewModel/graphStore.js';

const available = e2eAvailable();

/** The counts the CLI's findings give: infos (notes) are shown by the status bar too, and not compared. */
const errorsAndWarnings = ({ errors, warnings }: { errors: number; warnings: number }): { errors: number; warnings: number } => ({
  errors,
  warnings,
});

describe.skipIf(!available)('the packaged extension in a real VS Code (code-server)', () => {
  let dirs: SharedWindow;
  let page: Page;

  beforeAll(async () => {
    // A window of the run's shared code-server on a folder of its own (see support.ts).
    dirs = await openSharedWindow({
      name: 'topology',
      prepare: async ({ workspaceFolder }) => {
        await cp(join(ROOT, 'examples', 'shop'), join(workspaceFolder, 'shop'), { recursive: true });
        if (existsSync(CORPUS)) await cp(join(CORPUS, 'bookinfo'), join(workspaceFolder, 'bookinfo'), { recursive: true });
        // The whole workspace, opened at the end: build output the file rules skip, and a second deployment set that
        // repeats the shop (its objects are notes, not duplicate errors).
        await cp(join(ROOT, 'examples', 'shop'), join(workspaceFolder, 'dist', 'shop'), { recursive: true });
        await cp(join(ROOT, 'examples', 'shop'), join(workspaceFolder, 'staging', 'shop'), { recursive: true });
      },
    });
    page = dirs.page;
  }, 300_000);

  screenshotOnFailure(() => page);

  afterAll(async () => {
    await dirs?.close();
  });

  it('opens a folder from the explorer context menu and draws every node the engine finds', async () => {
    const topology = await topologyFromPaths([join(dirs.workspaceFolder, 'shop')]);
    const expected = topology.engine.graph();
    // References to Secrets made outside the files (TLS, pull secrets) are notes, drawn as plain relations.
    const store = new GraphStore();
    store.reset(expected);
    store.setExpected(expectedPlaceholders(topology.findings));
    await explorerContextMenu(page, 'shop', 'Open in Topology');
    const frame = await topologyFrame(page);
    const stats = await waitForStats(frame, (s) => s.nodes > 0);
    expect(stats).toEqual({
      nodes: expected.nodes.length,
      edges: expected.edges.length,
      broken: expected.edges.filter((e) => store.brokenAsDrawn(e) !== undefined).length,
    });
    await waitForLayout(frame);
    await screenshot(page, 'topology-shop');
  }, 120_000);

  it('follows an edit saved in the editor', async () => {
    const before = await graphStats(await topologyFrame(page));
    const warningsBefore = await problemCounts(page);
    expect(warningsBefore.warnings).toBeGreaterThan(0);
    const file = join(dirs.workspaceFolder, 'shop', '10-frontend.yaml');
    // Keep the diagram visible beside the YAML, so the saved edit must arrive as a delta to a live view.
    await expandInExplorer(page, 'shop');
    await explorerContextMenu(page, '10-frontend.yaml', 'Open to the Side');
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible', timeout: 15_000 });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: frontend-theme, namespace: shop}\n');
    await page.keyboard.press('Control+S');
    await expect
      .poll(async () => (await readFile(file, 'utf8')).includes('frontend-theme, namespace: shop'), { timeout: 10_000 })
      .toBe(true);
    // The theme ConfigMap was a missing placeholder: it becomes a real node and the broken edge to it mends.
    const frame = await topologyFrame(page);
    const after = await waitForStats(frame, (s) => s.broken === before.broken - 1, 20_000);
    expect(after).toEqual({ ...before, broken: before.broken - 1 });
    // The Problems panel follows too: the broken reference's diagnostic is gone.
    await expect.poll(async () => (await problemCounts(page)).warnings, { timeout: 10_000 }).toBe(warningsBefore.warnings - 1);
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: brand-new, namespace: shop}\n`,
    );
    await waitForStats(frame, (s) => s.nodes === before.nodes + 1, 20_000);
    await waitForLayout(frame);
    await screenshot(page, 'topology-after-edit');
  }, 120_000);

  it('exports what the view shows into the workspace (SVG and PDF), from the command palette', async () => {
    await runCommand(page, 'Kubilitics: Export Diagram…');
    const quickInput = page.locator('.quick-input-widget');
    await quickInput
      .locator('.monaco-list-row', { hasText: 'PDF' })
      .filter({ visible: true })
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 });
    // In a multi-select quick pick, clicking a row toggles its checkbox.
    await quickInput.locator('.monaco-list-row', { hasText: 'PDF' }).filter({ visible: true }).first().click();
    await quickInput.getByText('2 Selected').waitFor({ state: 'visible', timeout: 5_000 });
    await quickInput.getByRole('button', { name: 'OK' }).click();
    await quickInput.locator('.monaco-list-row', { hasText: 'Document' }).filter({ visible: true }).first().click();
    // The save dialog (code-server's simple dialog) proposes docs/topology/<name>; accept it.
    await quickInput.locator('.quick-input-box input').waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(() => quickInput.locator('.quick-input-box input').inputValue(), { timeout: 10_000 })
      .toMatch(/docs\/topology\/[^/]+$/);
    await page.keyboard.press('Enter');
    // The browser's simple dialog asks before creating docs/topology; a user says OK.
    const createFolder = page.getByText(/does not exist\. Would you like to create it/);
    if (
      await createFolder.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      )
    ) {
      await page.keyboard.press('Enter');
    }
    await waitForNotification(page, /exported .*\.svg.*\.pdf/, 30_000);
    const folder = join(dirs.workspaceFolder, 'docs', 'topology');
    const files = (await readdir(folder)).sort();
    expect(files.filter((f) => f.endsWith('.svg') || f.endsWith('.pdf'))).toHaveLength(2);
    const svg = await readFile(
      join(
        folder,
        files.find((f) => f.endsWith('.svg'))!,
      ),
      'utf8',
    );
    expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg /);
    for (const name of ['frontend', 'postgres', 'billing']) expect(svg).toContain(name);
    const pdf = await readFile(
      join(
        folder,
        files.find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'export-done');
    await page.keyboard.press('Escape');
    await runCommand(page, 'Notifications: Clear All Notifications');
  }, 120_000);

  it.skipIf(!existsSync(CORPUS))(
    'opens a corpus file from the explorer',
    async () => {
      await explorerContextMenu(page, 'bookinfo', 'Open in Topology');
      const expected = (await topologyFromPaths([join(dirs.workspaceFolder, 'bookinfo')])).engine.graph();
      const frames = page.frames();
      expect(frames.length).toBeGreaterThan(1);
      await expect
        .poll(
          async () => {
            for (const frame of page.frames()) {
              const stats = await graphStats(frame).catch(() => undefined);
              if (stats && stats.nodes === expected.nodes.length && stats.edges === expected.edges.length) return true;
            }
            return false;
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      await screenshot(page, 'topology-bookinfo');
    },
    120_000,
  );

  it('the whole workspace folder: the view counts what the CLI counts, with no duplicates across its apps', async () => {
    const cli = await topologyFromPaths([dirs.workspaceFolder], { root: dirs.workspaceFolder });
    const counts = countFindings(cli.findings);
    expect(cli.findings.filter((f) => f.kind === 'duplicate')).toEqual([]);
    expect(cli.findings.filter((f) => f.kind === 'defined-in-several-sets').length).toBeGreaterThan(0);
    // Only this view open: the shop's own view has as many nodes (the second set repeats it), and without the
    // corpus it is the only other view, which the frame search below took for this one (a clean clone failed so).
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Kubilitics: Open Topology');
    const quickInput = page.locator('.quick-input-widget');
    await quickInput.locator('.quick-input-box input').fill('workspace');
    await quickInput.locator('.monaco-list-row', { hasText: 'all manifests in the folder' }).filter({ visible: true }).first().click();
    const shown = async (): Promise<string | undefined> => {
      for (const frame of page.frames()) {
        const toggle = await frame.$('[data-testid="problem-counts"]').catch(() => null);
        const nodes = await graphStats(frame)
          .then((s) => s.nodes)
          .catch(() => undefined);
        if (!toggle || nodes !== cli.engine.graph().nodes.length) continue;
        const read = (name: string): Promise<string | null> => toggle.getAttribute(name);
        return `${await read('data-errors')} ${await read('data-warnings')} ${await read('data-notes')}`;
      }
      return undefined;
    };
    await expect.poll(shown, { timeout: 60_000 }).toBe(`${counts.error} ${counts.warning} ${counts.info}`);
    // The Problems panel lists the same findings, one per line (every open view's, each problem once).
    const located = new Set(
      cli.findings.filter((f) => f.source).map((f) => `${f.severity} ${f.source!.file}:${f.source!.line} ${f.message}`),
    );
    const problems = {
      errors: [...located].filter((l) => l.startsWith('error ')).length,
      warnings: [...located].filter((l) => l.startsWith('warning ')).length,
    };
    await expect.poll(async () => errorsAndWarnings(await problemCounts(page)), { timeout: 20_000 }).toEqual(problems);
    await screenshot(page, 'topology-workspace');
  }, 180_000);
});
