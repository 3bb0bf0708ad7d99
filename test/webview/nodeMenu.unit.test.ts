/** What a node's context menu lists and where it goes, and how Ctrl+click changes a multi-selection: no browser. */
import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../src/engine/model/graph';
import type { NodeActionState } from '../../src/protocol/messages';
import { LIMITS } from '../../src/protocol/messages';
import { nodeMenuItems, placeMenu, type NodeMenuInput } from '../../src/webview/components/nodeMenuModel';
import { toggled } from '../../src/webview/components/useMultiSelection';

const POD = {
  id: 'core/Pod/shop/web-1',
  kind: 'Pod',
  name: 'web-1',
  namespace: 'shop',
  status: 'Running',
  labels: {},
} as unknown as TopologyNode;

const OFFERED: readonly NodeActionState[] = [
  { action: 'view-yaml', title: 'View YAML', allowed: true },
  { action: 'delete', title: 'Delete…', allowed: false, reason: 'not permitted: delete pods' },
];

const noop = (): void => undefined;
function input(overrides: Partial<NodeMenuInput>): NodeMenuInput {
  return {
    node: POD,
    mode: 'cluster',
    offered: { id: POD.id, actions: OFFERED },
    onAction: noop,
    onOpenSource: noop,
    onFocus: noop,
    onShowLogs: noop,
    onShowHistory: noop,
    ...overrides,
  };
}

describe('the node context menu', () => {
  it('lists the offered actions, a denied one disabled with its reason, then the view’s own items', () => {
    const items = nodeMenuItems(input({}));
    expect(items.map((i) => i.label)).toEqual(['View YAML', 'Delete…', 'Focus Neighbourhood', 'Logs', 'History']);
    expect(items[1]).toMatchObject({ disabled: true, reason: 'not permitted: delete pods', danger: true });
    expect(items.map((i) => i.separatorBefore === true)).toEqual([false, false, true, false, false]);
  });

  it('lists only the view’s items on manifests, in history, on a missing object, or with an answer about another object', () => {
    const viewOnly = ['Focus Neighbourhood'];
    expect(nodeMenuItems(input({ mode: 'manifests' })).map((i) => i.label)).toEqual(viewOnly);
    expect(nodeMenuItems(input({ mode: 'history' })).map((i) => i.label)).toEqual(viewOnly);
    expect(nodeMenuItems(input({ node: { ...POD, missing: true } })).map((i) => i.label)).toEqual(viewOnly);
    const other = nodeMenuItems(input({ offered: { id: 'core/Pod/shop/other', actions: OFFERED } }));
    expect(other.map((i) => i.label)).toEqual(['Focus Neighbourhood', 'Logs', 'History']);
    expect(other[0]?.separatorBefore).toBe(false);
  });

  it('runs the action on its node', () => {
    const ran: string[] = [];
    nodeMenuItems(input({ onAction: (action, id) => ran.push(`${action} ${id}`) }))[0]?.run();
    expect(ran).toEqual([`view-yaml ${POD.id}`]);
  });

  it('opens at the point when it fits, and flips left or up (never off screen) at the edges', () => {
    const size = { width: 200, height: 300 };
    const screen = { width: 900, height: 600 };
    expect(placeMenu(100, 100, size, screen)).toEqual({ left: 100, top: 100 });
    expect(placeMenu(850, 550, size, screen)).toEqual({ left: 650, top: 250 });
    expect(placeMenu(150, 200, { width: 200, height: 700 }, screen)).toEqual({ left: 150, top: 4 });
  });
});

describe('Ctrl+click on the canvas', () => {
  it('adds an object to the selection or takes it out, up to the protocol’s bound', () => {
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
    const full = Array.from({ length: LIMITS.actionIds }, (_, i) => `id${i}`);
    expect(toggled(full, 'one-more')).toBe(full);
    expect(toggled(full, 'id0')).toHaveLength(LIMITS.actionIds - 1);
  });
});
