/**
 * The view in the display language, in real Chromium: given a translated bundle with its graph/init (here the
 * pseudo-localisation @vscode/l10n-dev makes of l10n/bundle.l10n.json, as VS Code's "qps-ploc" would), the toolbar,
 * the status bar, the details panel, a filter menu and the node menu show the translations; without one they are
 * English. Until the init says which language it is, the toolbar and status bar are transparent.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { describe, expect, it } from 'vitest';
import { GraphInit, NodeActionsMessage, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { DARK, LIGHT } from './themes';
import { DEPLOY, shop } from '../engine/viewModel/shopEvents';

const bundle = JSON.parse(readFileSync(resolve(__dirname, '../../l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
const pseudo = getL10nPseudoLocalized(bundle) as Record<string, string>;
const VIEW_YAML = { action: 'view-yaml', title: 'View YAML', allowed: true } as const;

/** A message as the view shows it in `language` ('en': as written), its `{n}` filled in. */
function shown(language: 'en' | 'pseudo', message: string, ...args: Array<string | number>): string {
  const text = language === 'en' ? message : pseudo[message];
  if (text === undefined) throw new Error(`not in l10n/bundle.l10n.json: ${message}`);
  return text.replace(/\{(\d+)\}/g, (_whole, index: string) => String(args[Number(index)] ?? ''));
}

interface Styled {
  readonly document: {
    readonly documentElement: { readonly lang: string };
    querySelector(selector: string): unknown;
  };
  getComputedStyle(element: unknown): { readonly opacity: string };
}

function opacity(page: WebviewPage, selector: string): Promise<string> {
  return page.page.evaluate((s) => {
    const w = globalThis as unknown as Styled;
    return w.getComputedStyle(w.document.querySelector(s)).opacity;
  }, selector);
}

/** Whether the toolbar's title is cut short (an ellipsis): the other controls left it too little room. */
function titleCut(page: WebviewPage): Promise<boolean> {
  return page.page.evaluate(() => {
    const w = globalThis as unknown as { document: { querySelector(s: string): { scrollWidth: number; clientWidth: number } } };
    const title = w.document.querySelector('.title-text');
    return title.scrollWidth > title.clientWidth;
  });
}

async function openShop(page: WebviewPage, language: 'en' | 'pseudo'): Promise<void> {
  await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
  // Before the init the view does not know the language: its text stays hidden, not shown in English first.
  expect(await opacity(page, '.toolbar')).toBe('0');
  expect(await opacity(page, '.statusbar')).toBe('0');
  const translations = language === 'en' ? {} : { l10n: pseudo, language: 'qps-ploc' };
  await page.send(createMessage(GraphInit, { title: 'shop', mode: 'cluster', graph: shop(), findings: [], ...translations }) as never);
  await page.settled();
  expect(await opacity(page, '.toolbar')).toBe('1');
  expect(await opacity(page, '.statusbar')).toBe('1');
  expect(await page.page.evaluate(() => (globalThis as unknown as Styled).document.documentElement.lang)).toBe(
    language === 'en' ? 'en' : 'qps-ploc',
  );
}

async function checkToolbarAndStatus(page: WebviewPage, language: 'en' | 'pseudo'): Promise<void> {
  const toolbar = page.page.getByRole('toolbar');
  expect(await toolbar.getAttribute('aria-label')).toBe(shown(language, 'Topology tools'));
  // In the toolbar or in its "More tools" menu (closed: hidden, but there), as the width and the words allow.
  const buttons = (await toolbar.locator('button').allTextContents()).map((text) => text.trim());
  expect(buttons).toEqual(expect.arrayContaining(['Fit', 'Re-layout', 'Export…', 'Legend'].map((button) => shown(language, button))));
  expect(await toolbar.locator('input[type="search"]').getAttribute('placeholder')).toBe(shown(language, 'Search name or label'));
  expect((await toolbar.locator('label.toggle').first().textContent())?.trim()).toBe(shown(language, 'Group by namespace'));
  expect(await toolbar.locator('.mode').textContent()).toBe(shown(language, 'live'));
  const counts = page.page.getByTestId('counts');
  const objects = Number(await counts.getAttribute('data-shown-objects'));
  const relations = Number(await counts.getAttribute('data-shown-relations')) - Number(await counts.getAttribute('data-cross-cutting'));
  const total = Number(await counts.getAttribute('data-nodes'));
  expect(
    (await counts.textContent())?.startsWith(shown(language, '{0} of {1} objects · {2} relations drawn', objects, total, relations)),
  ).toBe(true);

  // A filter menu: its button, its accessible name and its own buttons.
  const namespaces = page.page.locator('details[data-menu="Namespaces"]');
  await namespaces.locator('summary').click();
  expect(await namespaces.locator('summary').textContent()).toBe(shown(language, 'Namespaces'));
  expect(await namespaces.locator('summary').getAttribute('aria-label')).toBe(shown(language, '{0} filter', shown(language, 'Namespaces')));
  expect(await namespaces.locator('.menu-actions button').allTextContents()).toEqual([
    shown(language, 'Show all'),
    shown(language, 'Hide all'),
  ]);
  await page.page.keyboard.press('Escape');
}

async function checkDetails(page: WebviewPage, language: 'en' | 'pseudo'): Promise<void> {
  await page.clickNode(DEPLOY);
  const details = page.page.getByTestId('details');
  await expect.poll(() => details.count()).toBe(1);
  expect(await details.getAttribute('aria-label')).toBe(shown(language, 'Details'));
  // The Kubernetes field keeps its API name; the view's own words are translated.
  expect(await details.locator('dt').allTextContents()).toEqual(['Namespace', shown(language, 'Status')]);
  const buttons = await details.locator('.actions button').allTextContents();
  expect(buttons).toEqual(
    expect.arrayContaining([shown(language, 'Go to YAML'), shown(language, 'Focus neighbourhood'), shown(language, 'Logs')]),
  );
  expect(await details.locator('h3').allTextContents()).toEqual([
    shown(language, 'Events ({0})', 1),
    `${shown(language, 'Outgoing')} (4)`,
    `${shown(language, 'Incoming')} (2)`,
  ]);
}

async function checkNodeMenu(page: WebviewPage, language: 'en' | 'pseudo'): Promise<void> {
  await page.clickNodeWith(DEPLOY, { button: 'right' });
  // A live view's menu waits for the host's actions; their titles are the host's (translated there).
  await expect.poll(async () => (await page.posted()).some((m) => m.type === 'view/select' && m.params.id === DEPLOY)).toBe(true);
  await page.send(createMessage(NodeActionsMessage, { id: DEPLOY, actions: [VIEW_YAML] }) as never);
  const menu = page.page.getByRole('menu', { name: shown(language, 'Actions for {0}', 'web') });
  await expect.poll(() => menu.count()).toBe(1);
  expect(await menu.locator('.node-menu-label').allTextContents()).toEqual([
    VIEW_YAML.title,
    ...['Go to YAML', 'Focus Neighbourhood', 'Logs', 'History'].map((item) => shown(language, item)),
  ]);
  await page.page.keyboard.press('Escape');
  await expect.poll(() => menu.count()).toBe(0);
}

describe.skipIf(!chromiumAvailable())('the view in the display language (Chromium)', { timeout: 120_000 }, () => {
  const suite = chromiumSuite();

  it('shows the translations it was sent: toolbar, status bar, filter menu, details panel, node menu', async () => {
    mkdirSync('test-results/webview', { recursive: true });
    const page = await suite.open(DARK);
    await openShop(page, 'pseudo');
    // Pseudo-localisation has no English word left: a string the view forgot to translate would read plainly here.
    expect(await page.page.getByRole('toolbar').textContent()).not.toMatch(/\b(Fit|Legend|Re-layout|Namespaces|Kinds|Relations)\b/);
    await checkToolbarAndStatus(page, 'pseudo');
    await checkDetails(page, 'pseudo');
    await page.screenshot('l10n-pseudo');
    // Longer words move controls into "More tools" sooner (toolbarBreakpoints.ts): the title stays whole.
    expect(await titleCut(page)).toBe(false);
    await checkNodeMenu(page, 'pseudo');
  });

  it('is English without translations', async () => {
    const page = await suite.open(LIGHT);
    await openShop(page, 'en');
    await checkToolbarAndStatus(page, 'en');
    await checkDetails(page, 'en');
    await page.screenshot('l10n-english');
    expect(await titleCut(page)).toBe(false);
    await checkNodeMenu(page, 'en');
  });

  it('keeps the pseudo-localised toolbar on one row beside the YAML (700 px)', async () => {
    const page = await suite.open(DARK, { viewport: { width: 700, height: 700 } });
    await openShop(page, 'pseudo');
    await page.clickNode(DEPLOY);
    await expect.poll(() => page.page.getByTestId('details').count()).toBe(1);
    const rows = await page.page.evaluate(() => {
      const w = globalThis as unknown as {
        document: {
          querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { top: number; bottom: number; right: number } }>;
        };
        innerWidth: number;
      };
      const items = Array.from(w.document.querySelectorAll('.toolbar > *'))
        .map((el) => el.getBoundingClientRect())
        .filter((box) => box.bottom > box.top);
      // One row: every item overlaps every other vertically (they are centred, so their tops differ by their heights).
      const lowestTop = Math.max(...items.map((box) => box.top));
      const highestBottom = Math.min(...items.map((box) => box.bottom));
      return { oneRow: lowestTop < highestBottom, overflow: items.some((box) => box.right > w.innerWidth) };
    });
    await page.screenshot('l10n-pseudo-700');
    expect(rows).toEqual({ oneRow: true, overflow: false });
  });
});
