import { describe, expect, it } from 'vitest';
import type { TopologyGraph } from '../../src/engine/model/graph';
import { deriveView } from '../../src/engine/viewModel/deriveView';
import { isOpenedFold } from '../../src/engine/viewModel/foldActions';
import { GraphStore } from '../../src/engine/viewModel/graphStore';
import type { DetailLevel, ViewOptions } from '../../src/engine/viewModel/viewOptions';
import { DEFAULT_VIEW_OPTIONS } from '../../src/engine/viewModel/viewOptions';
import { activation } from '../../src/webview/components/activation';
import { foldStatus } from '../../src/webview/components/foldStatus';
import { restoreUiState } from '../../src/webview/uiState';
import { syntheticGraph } from './syntheticGraph';

function viewOf(graph: TopologyGraph, options: Partial<ViewOptions>): ReturnType<typeof deriveView> {
  const store = new GraphStore();
  store.reset(graph);
  return deriveView(store, { ...DEFAULT_VIEW_OPTIONS, ...options });
}

function applied(id: string, level: DetailLevel, options: ViewOptions): ViewOptions {
  const action = activation(id, false, level);
  if (action.kind !== 'view') throw new Error(`no view change for ${id}`);
  return action.change(options);
}

describe('levels in the webview', () => {
  it('says how many groups are folded and how to open them, and nothing when none are', () => {
    const graph = syntheticGraph(1000);
    const namespaces = new Set(graph.nodes.map((n) => n.namespace).filter((ns) => ns !== '')).size;
    expect(foldStatus(viewOf(graph, { level: 'namespace' }))).toBe(
      `${namespaces} namespaces and 1 cluster group folded — double-click one to open`,
    );
    expect(foldStatus(viewOf(graph, { level: 'namespace', openedGroups: ['infra:nodes'] }))).toBe(
      `${namespaces} namespaces folded — double-click one to open`,
    );
    expect(foldStatus(viewOf(graph, { level: 'object' }))).toBeNull();
  });

  it('double-click opens a summary and folds its box again, by level', () => {
    const base: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'namespace' };
    const opened = applied('nsc:shop', 'namespace', base);
    expect(opened.openedGroups).toEqual(['nsc:shop']);
    expect(activation('nsc:shop', false, 'namespace')).toMatchObject({ select: 'ns:shop' });
    expect(applied('ns:shop', 'namespace', opened).openedGroups).toEqual([]);
    // The cluster-scoped box folds every infrastructure family at the namespace level, and nothing below it.
    expect(applied('ns:', 'namespace', { ...base, openedGroups: ['infra:rbac', 'infra:nodes', 'nsc:a'] }).openedGroups).toEqual(['nsc:a']);
    expect(activation('ns:', false, 'workload').kind).toBe('none');
    expect(applied('ns:shop', 'workload', DEFAULT_VIEW_OPTIONS).collapsedNamespaces).toEqual(['shop']);
  });

  it('double-click opens an application, the selection follows to its namespace box, and the box folds it back', () => {
    const base: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'application' };
    const opened = applied('app:shop/store', 'application', base);
    expect(opened.openedGroups).toEqual(['app:shop/store']);
    expect(activation('app:shop/store', false, 'application')).toMatchObject({ select: 'ns:shop' });
    expect(activation('app:/store', false, 'application')).toMatchObject({ select: 'ns:' });
    expect(applied('ns:shop', 'application', { ...opened, openedGroups: ['app:shop/store', 'app:edge/store'] }).openedGroups).toEqual([
      'app:edge/store',
    ]);
    expect(applied('ns:', 'application', { ...base, openedGroups: ['app:/store', 'infra:rbac'] }).openedGroups).toEqual([]);
    expect(restoreUiState({ version: 1, view: { level: 'application', openedGroups: ['app:shop/store'] } }).view).toMatchObject({
      level: 'application',
      openedGroups: ['app:shop/store'],
    });
  });

  it('double-click on a fold of Pods or Events selects the object it hangs on; an opened fold is known as opened', () => {
    const base: ViewOptions = { ...DEFAULT_VIEW_OPTIONS, level: 'workload' };
    const owner = 'apps/Deployment/shop/web';
    expect(activation(`pods:${owner}`, false, 'workload')).toMatchObject({ select: owner });
    expect(activation(`events:${owner}`, false, 'workload')).toMatchObject({ select: owner });
    // The taps of a double-click may land after it opened the fold: the webview ignores a tap on an opened fold.
    expect(isOpenedFold(base, `pods:${owner}`)).toBe(false);
    expect(isOpenedFold(applied(`pods:${owner}`, 'workload', base), `pods:${owner}`)).toBe(true);
    expect(isOpenedFold(applied(`events:${owner}`, 'workload', base), `events:${owner}`)).toBe(true);
    expect(isOpenedFold(applied('app:shop/store', 'application', base), 'app:shop/store')).toBe(true);
    expect(isOpenedFold(applied('app:shop/store', 'application', base), owner)).toBe(false);
  });

  it('restores level and opened groups, and ignores a level it does not know', () => {
    const restored = restoreUiState({ version: 1, view: { level: 'namespace', openedGroups: ['nsc:a', 3] } });
    expect(restored.view.level).toBe('namespace');
    expect(restored.view.openedGroups).toEqual(['nsc:a']);
    expect(restoreUiState({ version: 1, view: { level: 'everything' } }).view.level).toBe('auto');
  });
});
