/**
 * Test harness for the webview in real Chromium: builds the bundles, serves them from 127.0.0.1 with
 * the production HTML shell and CSP, stands in for `acquireVsCodeApi`, and offers a small page object.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { Core } from 'cytoscape';
import type { HostMessage, WebviewMessage } from '../../src/protocol/messages';
import { CHROMIUM, chromiumLaunchOptions, serveWebview } from './server';
import type { TestTheme } from './themes';

/** Whether Chromium is installed here; in CI (KUBILITICS_REQUIRE_E2E=1) its absence is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  const ready = existsSync(CHROMIUM);
  if (!ready && process.env['KUBILITICS_REQUIRE_E2E'] === '1') {
    throw new Error(`webview tests are required but Chromium is not installed at ${CHROMIUM} (set CHROMIUM_PATH)`);
  }
  if (!ready) console.log(`skipped: no Chromium at ${CHROMIUM} for the webview tests (set CHROMIUM_PATH)`);
  return ready;
}

export interface Counts {
  readonly nodes: number;
  readonly groups: number;
  readonly edges: number;
  readonly pending: number;
  readonly viewNodes: number;
  readonly viewEdges: number;
  readonly viewGroups: number;
}

/**
 * Runs in the page before any page script: the VS Code API stand-in (state kept in sessionStorage so it
 * survives reloads, as VS Code keeps it across panel reloads) and a CSP violation recorder. A string, not
 * a function, so no transpiler helper (e.g. esbuild's __name) leaks into the page.
 */
const STAND_INS = `
  window.__kubiliticsTest = true;
  window.__posted = [];
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  const key = 'kubilitics-test-state';
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => {
      const s = sessionStorage.getItem(key);
      return s === null ? undefined : JSON.parse(s);
    },
    setState: (s) => sessionStorage.setItem(key, JSON.stringify(s)),
  });
`;

/**
 * The test page's globals, for page.evaluate callbacks. Those run in the browser; they reach globals
 * through `globalThis as unknown as PageGlobals`, which type-checks without DOM libs (the root tsconfig
 * compiles tests for Node) and compiles to plain `globalThis`.
 */
export interface PageGlobals {
  readonly __posted: WebviewMessage[];
  readonly __csp: string[];
  readonly __kubilitics: {
    readonly cy: Core;
    readonly timings: { readonly workerMs: number; readonly totalMs: number };
    counts(): Counts;
  };
  readonly document: {
    readonly body: { className: string };
    readonly documentElement: { readonly style: { cssText: string; setProperty(name: string, value: string): void } };
  };
  postMessage(message: unknown, targetOrigin: string): void;
  requestAnimationFrame(callback: () => void): number;
}

export interface ViewportSize {
  readonly width: number;
  readonly height: number;
}

export interface OpenOptions {
  readonly blockWorker?: boolean;
  readonly viewport?: ViewportSize;
  /** Cytoscape's WebGL mode instead of its canvas renderer (src/webview/canvas/webglRenderer.ts). */
  readonly renderer?: 'canvas' | 'webgl';
}

export const DEFAULT_VIEWPORT: ViewportSize = { width: 1400, height: 860 };

function launchOptions(extraArgs: readonly string[]): ReturnType<typeof chromiumLaunchOptions> {
  const options = chromiumLaunchOptions();
  return { ...options, args: [...options.args, ...extraArgs] };
}

/**
 * Every test file's pages are in their own browser contexts (own storage, own routes), so the files of a run share
 * one build, one server and one Chromium, started by the webview project's global set-up (globalSetup.ts) and
 * reached here through `inject`. Run outside that set-up, a harness builds, serves and launches its own.
 */
export class WebviewHarness {
  private constructor(
    private readonly browser: Browser,
    readonly origin: string,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * `chromiumArgs` (e.g. `--disable-webgl`) launch a Chromium of this file's own with them, still on the shared
   * server's bundles where there is one.
   */
  static async start(chromiumArgs: readonly string[] = []): Promise<WebviewHarness> {
    // Imported here, not at the top: the benchmark (bench/webview.ts) runs this harness outside vitest.
    const { inject } = await import('vitest');
    const shared = inject('kubiliticsWebview');
    if (shared !== undefined && shared !== null && chromiumArgs.length > 0) {
      const browser = await chromium.launch(launchOptions(chromiumArgs));
      return new WebviewHarness(browser, shared.origin, async () => undefined);
    }
    if (shared !== undefined && shared !== null) {
      const browser = await chromium.connect(shared.wsEndpoint);
      return new WebviewHarness(browser, shared.origin, async () => undefined);
    }
    return WebviewHarness.launch(chromiumArgs);
  }

  /** Builds, serves and launches a harness of its own, without vitest's shared set-up. */
  static async launch(chromiumArgs: readonly string[] = []): Promise<WebviewHarness> {
    const served = await serveWebview();
    const browser = await chromium.launch(launchOptions(chromiumArgs));
    return new WebviewHarness(browser, served.origin, () => served.close());
  }

  /**
   * `blockWorker` answers the worker script with 404, as a broken resource path would; `viewport` sizes the page
   * (a wide editor panel by default; beside the YAML it is about 700 px wide); `renderer` is set before the page loads.
   */
  async open(theme: TestTheme, options: OpenOptions = {}): Promise<WebviewPage> {
    const context = await this.browser.newContext({ viewport: options.viewport ?? DEFAULT_VIEWPORT });
    const page = await context.newPage();
    const wp = new WebviewPage(page);
    const renderer = options.renderer === undefined ? '' : `window.__kubiliticsRenderer = '${options.renderer}';`;
    await page.addInitScript({ content: STAND_INS + renderer });
    if (options.blockWorker === true) await page.route('**/layoutWorker.js', (route) => route.fulfill({ status: 404 }));
    await page.goto(this.origin);
    await wp.setTheme(theme);
    return wp;
  }

  /** Closes this file's contexts (a shared Chromium stays up for the other files) and what it started itself. */
  async close(): Promise<void> {
    await this.browser.close();
    await this.release();
  }
}

export class WebviewPage {
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
  }

  async setTheme(theme: TestTheme): Promise<void> {
    await this.page.evaluate((t) => {
      const w = globalThis as unknown as PageGlobals;
      w.document.body.className = t.bodyClass;
      // As VS Code does: the new theme's variables replace the old ones (none of the old theme's lingers).
      w.document.documentElement.style.cssText = '';
      for (const [k, v] of Object.entries(t.vars)) w.document.documentElement.style.setProperty(k, v);
    }, theme);
    // The webview rebuilds its stylesheet on the next animation frame after a theme change.
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const w = globalThis as unknown as PageGlobals;
          w.requestAnimationFrame(() => w.requestAnimationFrame(resolve));
        }),
    );
  }

  async send(message: HostMessage): Promise<void> {
    await this.page.evaluate(
      (m) => (globalThis as unknown as PageGlobals).postMessage(m, '*'),
      message as unknown as Record<string, unknown>,
    );
  }

  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__posted);
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__csp);
  }

  counts(): Promise<Counts> {
    return this.page.evaluate(() => (globalThis as unknown as PageGlobals).__kubilitics.counts());
  }

  /**
   * Waits until every node of the current view is drawn at a position and the viewport has stopped moving: a block
   * that just opened is brought into view by an animation, and a point measured during it is stale by the click.
   */
  async settled(): Promise<Counts> {
    await this.page.waitForFunction(
      () => {
        const view = (globalThis as unknown as Partial<PageGlobals>).__kubilitics;
        const c = view?.counts();
        return c !== undefined && c.viewNodes > 0 && c.pending === 0 && c.nodes === c.viewNodes && !view?.cy.animated();
      },
      undefined,
      { timeout: 60_000 },
    );
    return this.counts();
  }

  positions(): Promise<Record<string, { x: number; y: number }>> {
    return this.page.evaluate(() => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const result: Record<string, { x: number; y: number }> = {};
      cy.nodes().forEach((n) => {
        if (!n.hasClass('group')) result[n.id()] = { ...n.position() };
      });
      return result;
    });
  }

  /** How many of `ids` are drawn inside the visible part of the canvas (at least partly). */
  inView(ids: readonly string[]): Promise<number> {
    return this.page.evaluate((wanted) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const { x1, y1, x2, y2 } = cy.extent();
      return wanted.filter((id) => {
        const n = cy.getElementById(id);
        if (n.empty()) return false;
        const b = n.boundingBox();
        return b.x2 > x1 && b.x1 < x2 && b.y2 > y1 && b.y1 < y2;
      }).length;
    }, ids);
  }

  nodeData(id: string): Promise<Record<string, unknown> | null> {
    return this.page.evaluate((nodeId) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const n = cy.getElementById(nodeId);
      return n.empty() ? null : { ...n.data(), borderColor: n.style('border-color') };
    }, id);
  }

  /** Where node `id` is drawn, in page coordinates. */
  nodePoint(id: string): Promise<{ x: number; y: number }> {
    return this.page.evaluate((nodeId) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const n = cy.getElementById(nodeId);
      const box = cy.container()?.getBoundingClientRect();
      const p = n.renderedPosition();
      return { x: (box?.left ?? 0) + p.x, y: (box?.top ?? 0) + p.y };
    }, id);
  }

  async clickNode(id: string, double = false): Promise<void> {
    const point = await this.nodePoint(id);
    if (double) await this.page.mouse.dblclick(point.x, point.y);
    else await this.page.mouse.click(point.x, point.y);
  }

  /** A right-click, or a click with a key held (Control, Shift, Meta), on node `id`. */
  async clickNodeWith(id: string, options: { readonly button?: 'right'; readonly modifier?: 'Control' | 'Shift' | 'Meta' }): Promise<void> {
    const point = await this.nodePoint(id);
    if (options.modifier !== undefined) await this.page.keyboard.down(options.modifier);
    await this.page.mouse.click(point.x, point.y, options.button === undefined ? {} : { button: options.button });
    if (options.modifier !== undefined) await this.page.keyboard.up(options.modifier);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join('test-results', 'webview', `${name}.png`) });
  }
}
