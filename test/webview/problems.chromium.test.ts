/**
 * The view's problems, in real Chromium: the status bar shows the same count by severity as the CLI (one
 * `countFindings` over one list), and its panel groups the findings by kind of problem, notes closed, so the
 * expected-external Secrets of a real cluster dump never bury the errors and warnings.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFindings, describeCounts, groupFindings } from '../../src/engine/findings';
import { topologyFromPaths } from '../../src/engine/topology';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK, LIGHT } from './themes';

const ROOT = resolve(__dirname, '../..');
const KALC = resolve(ROOT, '../shared/corpus/kalc-gke-dump');
/** A real cluster dump when the corpus is here; the bundled example otherwise. */
const FOLDER = existsSync(KALC) ? KALC : join(ROOT, 'examples/shop');

describe.skipIf(!chromiumAvailable())('problems in the view (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('counts by severity as the CLI does and groups by kind of problem', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const topology = await topologyFromPaths([FOLDER], { root: FOLDER });
    const findings = topology.findings;
    const page = await suite.open(DARK);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    await page.send(createMessage(GraphInit, { title: 'dump', mode: 'manifests', graph: topology.engine.graph(), findings }) as never);
    await page.settled();

    const toggle = page.page.getByTestId('problem-counts');
    const counts = countFindings(findings);
    await expect.poll(() => toggle.textContent()).toBe(describeCounts(counts));
    expect(await toggle.getAttribute('data-errors')).toBe(String(counts.error));
    expect(await toggle.getAttribute('data-warnings')).toBe(String(counts.warning));
    expect(await toggle.getAttribute('data-notes')).toBe(String(counts.info));

    await toggle.click();
    const groups = page.page.locator('[data-testid="problems"] .problem-group');
    const shown = await groups.evaluateAll((sections) =>
      sections.map((s) => [s.getAttribute('data-severity'), s.getAttribute('data-group'), Number(s.getAttribute('data-count'))]),
    );
    expect(shown).toEqual(groupFindings(findings).map((g) => [g.severity, g.key, g.findings.length]));
    // Groups start closed: one line each, whatever their size.
    expect(await page.page.locator('.problem-lines li').count()).toBe(0);
    await page.screenshot('problems-grouped');

    // Opening the notes about Secrets lists them; a line selects the object it is about.
    const notes = page.page.locator('.problem-group[data-group="external-secret"]');
    if (FOLDER === KALC) expect(await notes.getAttribute('data-count')).toBe('53');
    await notes.locator('.problem-group-title').click();
    const lines = notes.locator('.problem-lines li');
    await expect.poll(() => lines.count()).toBe(Number(await notes.getAttribute('data-count')));
    await page.screenshot('problems-secrets-open');
    const first = groupFindings(findings).find((g) => g.key === 'external-secret')!.findings[0]!;
    await lines.first().getByRole('button').click();
    await expect.poll(() => page.page.getByTestId('details').locator('.details-name').textContent()).toBe(first.objects[0]!.split('/')[3]);
  });

  it('draws a ConfigMap a kustomization generates as made outside the files, and says so when selected', async () => {
    const folder = join(ROOT, 'test/fixtures/kustomize/patched');
    const topology = await topologyFromPaths([folder], { root: folder });
    const page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    const graph = topology.engine.graph();
    await page.send(createMessage(GraphInit, { title: 'patched', mode: 'manifests', graph, findings: topology.findings }) as never);
    await page.settled();
    const generated = 'core/ConfigMap/default/web-settings';
    expect(await page.nodeData(generated)).toMatchObject({ missing: true, family: 'external' });
    const edges = await page.page.evaluate(
      (id) =>
        (globalThis as unknown as PageGlobals).__kubilitics.cy
          .getElementById(id)
          .connectedEdges()
          .map((e) => e.data('broken') ?? 'none'),
      generated,
    );
    expect(edges).toEqual(['none']);
    await page.clickNode(generated);
    const details = page.page.getByTestId('details');
    await expect.poll(() => details.locator('.notice').first().textContent()).toContain('made outside them');
    expect(await details.locator('.notice.error').count()).toBe(0);
    // Its reference reads as the relation it is, not as broken.
    expect(await details.locator('.relations li').allTextContents()).toEqual([expect.stringContaining('Deployment web')]);
    expect(await details.locator('.relations li.broken, .relations .badge.error').count()).toBe(0);
    await page.screenshot('generated-configmap');
  });

  it('a light theme keeps severities readable (screenshot)', async () => {
    const topology = await topologyFromPaths([join(ROOT, 'examples/shop')]);
    const page = await suite.open(LIGHT);
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    const graph = topology.engine.graph();
    await page.send(createMessage(GraphInit, { title: 'shop', mode: 'manifests', graph, findings: topology.findings }) as never);
    await page.settled();
    await page.page.getByTestId('problem-counts').click();
    await page.page.locator('.problem-group').first().locator('.problem-group-title').click();
    await page.screenshot('problems-light-shop');
    expect(await page.page.locator('.problem-group').first().locator('.problem-lines li').count()).toBeGreaterThan(0);
  });
});
