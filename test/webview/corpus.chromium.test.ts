/** Real public manifests drawn in Chromium: every object and relation the engine finds is on the canvas. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromPaths } from '../../src/engine/topology';
import { deriveView } from '../../src/engine/viewModel/deriveView';
import { GraphStore } from '../../src/engine/viewModel/graphStore';
import { DEFAULT_VIEW_OPTIONS } from '../../src/engine/viewModel/viewOptions';
import { GraphInit, createMessage } from '../../src/protocol/messages';
import type { PageGlobals, WebviewPage } from './harness';
import { chromiumAvailable } from './harness';
import { chromiumSuite } from './suite';
import { LIGHT } from './themes';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const present = existsSync(CORPUS);
if (!present) console.log('skipped: no ../shared/corpus');

let page: WebviewPage | undefined;

describe.skipIf(!chromiumAvailable() || !present)('corpus sets drawn in Chromium', { timeout: 180_000 }, () => {
  const suite = chromiumSuite();

  for (const set of ['bookinfo', 'online-boutique', 'argo-cd', 'kube-prometheus']) {
    it(`${set}: drawn node, edge and group counts equal the view model of the engine's graph`, async () => {
      const graph = (await topologyFromPaths([join(CORPUS, set)])).engine.graph();
      const store = new GraphStore();
      store.reset(graph);
      const view = deriveView(store, DEFAULT_VIEW_OPTIONS);
      page = await suite.open(LIGHT);
      await page.page.waitForFunction(() => (globalThis as unknown as PageGlobals).__posted.length > 0);
      await page.send(createMessage(GraphInit, { title: set, mode: 'manifests', graph, findings: [] }) as never);
      const counts = await page.settled();
      expect({ nodes: counts.nodes, edges: counts.edges, groups: counts.groups }).toEqual({
        nodes: view.nodes.length,
        edges: view.edges.length,
        groups: view.groups.length,
      });
      // Every object is on the canvas, alone or inside its owner's collapsed group.
      expect(view.nodes.reduce((sum, node) => sum + node.members.length, 0)).toBe(graph.nodes.length);
      await page.page.screenshot({ path: `test-results/webview/corpus-${set}.png` });
    });
  }
});
