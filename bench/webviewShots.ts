/**
 * The same views drawn by cytoscape's canvas renderer and by its WebGL mode (src/webview/canvas/webglRenderer.ts),
 * saved side by side for a human look: test-results/webview-renderers/<view>-<renderer>.png. Views: the bundled example
 * (examples/shop) and the webview tests' small fixture (a broken reference among them) fitted, with a selection, a
 * search, zoomed in, in a light theme and with the keyboard focus ring; a 5,000-object synthetic graph fitted, zoomed in
 * and with a selection. Bundled and run as bench/webviewRun.ts says, with this file instead:
 *   npx esbuild bench/webviewShots.ts --bundle --platform=node --format=cjs --packages=external \
 *     --outfile=dist/webviewShots.cjs --define:import.meta.url=BUILD_SCRIPT_URL --inject:bench/buildScriptUrl.ts
 *   node dist/webviewShots.cjs
 * BENCH_SHOTS=shop-dark,large-zoomed takes only those views.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopologyGraph } from '../src/engine/model/graph';
import { topologyFromPaths } from '../src/engine/topology';
import { GraphInit, createMessage } from '../src/protocol/messages';
import type { PageGlobals, WebviewPage } from '../test/webview/harness';
import { WebviewHarness, chromiumAvailable } from '../test/webview/harness';
import { syntheticGraph } from '../test/webview/syntheticGraph';
import type { TestTheme } from '../test/webview/themes';
import { DARK, LIGHT } from '../test/webview/themes';

const OUT = join('test-results', 'webview-renderers');
const RENDERERS = ['canvas', 'webgl'] as const;
type Renderer = (typeof RENDERERS)[number];

interface Scene {
  readonly name: string;
  readonly graph: () => Promise<TopologyGraph>;
  readonly theme: TestTheme;
  /** What to do on the settled page before the picture is taken. */
  readonly act?: (page: WebviewPage) => Promise<void>;
}

const SHOP_DEPLOYMENT = 'apps/Deployment/shop/frontend';
const shop = async (): Promise<TopologyGraph> => (await topologyFromPaths([join('examples', 'shop')])).engine.graph();
const fixture = (): Promise<TopologyGraph> =>
  Promise.resolve(JSON.parse(readFileSync(join('test', 'webview', 'fixtures', 'small-graph.json'), 'utf8')) as TopologyGraph);
const large = (): Promise<TopologyGraph> => Promise.resolve(syntheticGraph(5000));

/** Centres node `id` at `zoom`, or the first node of the view when it is not drawn. */
async function zoomOn(page: WebviewPage, id: string, zoom: number): Promise<void> {
  await page.page.evaluate(
    ([nodeId, z]) => {
      const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
      const found = cy.getElementById(nodeId);
      const node = found.nonempty() ? found : cy.nodes().not('.group').first();
      cy.zoom(z);
      cy.center(node);
    },
    [id, zoom] as const,
  );
}

async function firstDeployment(page: WebviewPage): Promise<string> {
  return page.page.evaluate(() => {
    const cy = (globalThis as unknown as PageGlobals).__kubilitics.cy;
    return cy.nodes('[kind = "Deployment"]').first().id();
  });
}

const SCENES: readonly Scene[] = [
  { name: 'shop-dark', graph: shop, theme: DARK },
  { name: 'shop-light', graph: shop, theme: LIGHT },
  { name: 'shop-selected', graph: shop, theme: DARK, act: (page) => page.clickNode(SHOP_DEPLOYMENT) },
  { name: 'shop-search', graph: shop, theme: DARK, act: (page) => page.page.getByRole('searchbox').fill('frontend') },
  { name: 'shop-zoomed', graph: shop, theme: DARK, act: (page) => zoomOn(page, SHOP_DEPLOYMENT, 2.5) },
  {
    // The ring as keyboardNavigator.ts marks it, on a Deployment: a shape WebGL draws itself rather than from a texture.
    name: 'shop-keyboard-focus',
    graph: shop,
    theme: DARK,
    act: (page) =>
      page.page.evaluate((id) => {
        (globalThis as unknown as PageGlobals).__kubilitics.cy.getElementById(id).addClass('kbfocus');
      }, SHOP_DEPLOYMENT),
  },
  { name: 'fixture-dark', graph: fixture, theme: DARK },
  { name: 'large-dark', graph: large, theme: DARK },
  { name: 'large-zoomed', graph: large, theme: DARK, act: async (page) => zoomOn(page, await firstDeployment(page), 1.2) },
  {
    name: 'large-selected',
    graph: large,
    theme: DARK,
    act: async (page) => {
      const id = await firstDeployment(page);
      await zoomOn(page, id, 0.8);
      await page.clickNode(id);
    },
  },
];

async function shoot(harness: WebviewHarness, scene: Scene, renderer: Renderer): Promise<void> {
  const page = await harness.open(scene.theme, { renderer });
  try {
    await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
    const graph = await scene.graph();
    if (graph.nodes.length > 1000) await page.page.selectOption('[data-testid=level]', 'workload');
    await page.send(createMessage(GraphInit, { title: scene.name, mode: 'manifests', graph, findings: [] }) as never);
    await page.settled();
    await page.page.waitForTimeout(500);
    await scene.act?.(page);
    // A pause for what the act starts (a search's dimming, a hover, a redraw after the gesture) to be drawn.
    await page.page.waitForTimeout(1000);
    await page.page.screenshot({ path: join(OUT, `${scene.name}-${renderer}.png`) });
    if (page.errors.length > 0) console.log(`${scene.name} (${renderer}): page errors: ${page.errors.join('; ')}`);
  } finally {
    await page.page.context().close();
  }
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) return;
  const harness = await WebviewHarness.launch();
  try {
    const only = process.env['BENCH_SHOTS']?.split(',');
    const scenes = SCENES.filter((scene) => only === undefined || only.includes(scene.name));
    for (const scene of scenes) for (const renderer of RENDERERS) await shoot(harness, scene, renderer);
    console.log(`saved in ${OUT}/`);
  } finally {
    await harness.close();
  }
}

void main();
