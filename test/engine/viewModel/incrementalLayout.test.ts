import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { findFreeCorner, isFree } from '../../../src/engine/viewModel/blockPlacement';
import { ComponentLayouter } from '../../../src/engine/viewModel/componentLayout';
import { IncrementalLayout } from '../../../src/engine/viewModel/incrementalLayout';
import type { LayoutPatch } from '../../../src/engine/viewModel/incrementalLayout';
import { computeLayout } from '../../../src/engine/viewModel/layoutCore';
import type { LayoutInput } from '../../../src/engine/viewModel/layoutCore';
import type { LayoutEdgeInput, LayoutNodeInput, Point } from '../../../src/engine/viewModel/layoutTypes';

/** A namespace of `apps` Deployments, each owning a ReplicaSet that owns `pods` Pods, plus a Service selecting them. */
function namespace(ns: string, apps: number, pods: number): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[] } {
  const nodes: LayoutNodeInput[] = [];
  const edges: LayoutEdgeInput[] = [];
  const add = (kind: string, name: string): string => {
    const id = `${kind}/${ns}/${name}`;
    nodes.push({ id, kind, width: 90 + name.length * 6, height: 40, group: `ns:${ns}` });
    return id;
  };
  const link = (source: string, target: string, type: LayoutEdgeInput['type']): void => {
    edges.push({ id: `${source}>${type}>${target}`, source, target, type });
  };
  for (let a = 0; a < apps; a++) {
    const d = add('Deployment', `app${a}`);
    const rs = add('ReplicaSet', `app${a}-rs`);
    const svc = add('Service', `app${a}`);
    link(d, rs, 'owns');
    for (let p = 0; p < pods; p++) {
      const pod = add('Pod', `app${a}-rs-p${p}`);
      link(rs, pod, 'owns');
      link(svc, pod, 'selects');
    }
  }
  return { nodes, edges };
}

function cluster(sizes: Readonly<Record<string, readonly [number, number]>>, extraEdges: LayoutEdgeInput[] = []): LayoutInput {
  const parts = Object.entries(sizes).map(([ns, [apps, pods]]) => namespace(ns, apps, pods));
  // A cross-namespace edge: cross-cutting, never laid out.
  const cross = { id: 'x', source: 'Pod/a/app0-rs-p0', target: 'Pod/b/app0-rs-p0', type: 'uses' as const };
  return {
    aspect: 1.6,
    nodes: parts.flatMap((p) => p.nodes).sort((x, y) => (x.id < y.id ? -1 : 1)),
    edges: [...parts.flatMap((p) => p.edges), cross, ...extraEdges],
  };
}

const BASE = { a: [2, 2], b: [3, 2], c: [1, 3], d: [2, 1] } as const;

/** Positions after a patch, as the canvas keeps them: a full patch replaces all, an update only its groups' nodes. */
function applied(before: Record<string, Point>, patch: LayoutPatch, input: LayoutInput): Record<string, Point> {
  const ids = new Set(input.nodes.map((n) => n.id));
  const kept = patch.full ? {} : Object.fromEntries(Object.entries(before).filter(([id]) => ids.has(id)));
  return { ...kept, ...patch.positions };
}

function groupBounds(
  positions: Record<string, Point>,
  input: LayoutInput,
): Map<string, { x1: number; y1: number; x2: number; y2: number }> {
  const bounds = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const n of input.nodes) {
    const p = positions[n.id];
    if (p === undefined) throw new Error(`${n.id} has no position`);
    const b = bounds.get(n.group) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
    bounds.set(n.group, {
      x1: Math.min(b.x1, p.x - n.width / 2),
      y1: Math.min(b.y1, p.y - n.height / 2),
      x2: Math.max(b.x2, p.x + n.width / 2),
      y2: Math.max(b.y2, p.y + n.height / 2),
    });
  }
  return bounds;
}

const layouter = (): IncrementalLayout => new IncrementalLayout(new ComponentLayouter(new ELK()));

describe('IncrementalLayout', () => {
  it('lays out the first view exactly as computeLayout does (the layout every export draws)', async () => {
    const input = cluster(BASE);
    const patch = await layouter().layout(input, false);
    const whole = await computeLayout(new ComponentLayouter(new ELK()), input);
    expect(patch.full).toBe(true);
    expect({ positions: patch.positions, routes: patch.routes, crossCutting: patch.crossCutting }).toEqual({
      positions: whole.positions,
      routes: whole.routes,
      crossCutting: whole.crossCutting,
    });
    expect([patch.width, patch.height]).toEqual([whole.width, whole.height]);
  });

  it('lays out again only the namespace that changed; every other namespace keeps its positions exactly', async () => {
    const layout = layouter();
    const before = cluster(BASE);
    const first = await layout.layout(before, false);
    const after = cluster({ ...BASE, b: [4, 2] });
    const patch = await layout.layout(after, false);
    expect(patch.full).toBe(false);
    expect(patch.relaidGroups).toEqual(['ns:b']);
    const inB = after.nodes.filter((n) => n.group === 'ns:b').map((n) => n.id);
    expect(Object.keys(patch.positions).sort()).toEqual([...inB].sort());
    const positions = applied(first.positions, patch, after);
    for (const n of after.nodes) if (n.group !== 'ns:b') expect(positions[n.id], n.id).toEqual(first.positions[n.id]);
    // A status change (no layout input changes) lays out nothing.
    const none = await layout.layout(after, false);
    expect([none.relaidGroups, Object.keys(none.positions)]).toEqual([[], []]);
  });

  it('inside the changed namespace, components that did not change keep their places relative to each other', async () => {
    const layout = layouter();
    const before = cluster(BASE);
    const first = await layout.layout(before, false);
    const banner = { id: 'ConfigMap/a/banner', kind: 'ConfigMap', width: 140, height: 40, group: 'ns:a' };
    const patch = await layout.layout({ ...before, nodes: [...before.nodes, banner] }, false);
    expect(patch.relaidGroups).toEqual(['ns:a']);
    expect(patch.positions[banner.id]).toBeDefined();
    const shifts = before.nodes
      .filter((n) => n.group === 'ns:a')
      .map((n) => `${patch.positions[n.id]!.x - first.positions[n.id]!.x},${patch.positions[n.id]!.y - first.positions[n.id]!.y}`);
    expect(new Set(shifts).size).toBe(1);
  });

  it('routes the edges of a node a delta added (they were cross-cutting until the next full layout)', async () => {
    const layout = layouter();
    await layout.layout(cluster(BASE), false);
    const pod = { id: 'Pod/c/app0-rs-extra', kind: 'Pod', width: 150, height: 40, group: 'ns:c' };
    const owns = { id: 'new-owns', source: 'ReplicaSet/c/app0-rs', target: pod.id, type: 'owns' as const };
    const grown = cluster(BASE, [owns]);
    const patch = await layout.layout({ ...grown, nodes: [...grown.nodes, pod] }, false);
    expect(patch.relaidGroups).toEqual(['ns:c']);
    expect(patch.routes['new-owns']?.length).toBeGreaterThan(1);
    expect(patch.crossCutting).not.toContain('new-owns');
    expect(patch.crossCutting).toContain('x');
  });

  it('moves a block that grew into a neighbour to free space, and never lets blocks overlap', async () => {
    const layout = layouter();
    let input = cluster(BASE);
    let positions = (await layout.layout(input, false)).positions;
    for (const step of [{ a: [6, 4] }, { c: [5, 5] }, { b: [0, 0] }, { e: [3, 3] }, { a: [1, 1] }] as const) {
      const sizes: Record<string, readonly [number, number]> = { ...BASE, ...step };
      for (const [ns, [apps]] of Object.entries(sizes)) if (apps === 0) delete sizes[ns];
      input = cluster(sizes);
      const before = positions;
      const patch = await layout.layout(input, false);
      positions = applied(before, patch, input);
      const moved = input.nodes.filter((n) => !patch.relaidGroups.includes(n.group) && before[n.id] !== undefined);
      for (const n of moved) expect(positions[n.id], n.id).toEqual(before[n.id]);
      const bounds = groupBounds(positions, input);
      const boxes = [...bounds.values()];
      for (const [i, r] of boxes.entries()) expect(isFree(r, [...boxes.slice(0, i), ...boxes.slice(i + 1)], 0)).toBe(true);
    }
  });

  it('is deterministic: the same sequence of views gives the same patches', async () => {
    const steps = [
      cluster(BASE),
      cluster({ ...BASE, a: [5, 3] }),
      cluster({ ...BASE, a: [5, 3], e: [2, 2] }),
      cluster({ a: [1, 1], b: [3, 2] }),
    ];
    const run = async (): Promise<LayoutPatch[]> => {
      const layout = layouter();
      const patches: LayoutPatch[] = [];
      for (const input of steps) patches.push(await layout.layout(input, false));
      return patches;
    };
    expect(await run()).toEqual(await run());
  });

  it('a full layout on request packs every block afresh', async () => {
    const layout = layouter();
    await layout.layout(cluster(BASE), false);
    const input = cluster({ ...BASE, a: [6, 4] });
    await layout.layout(input, false);
    const again = await layout.layout(input, true);
    expect(again.full).toBe(true);
    expect(again.positions).toEqual((await computeLayout(new ComponentLayouter(new ELK()), input)).positions);
  });
});

describe('findFreeCorner', () => {
  const placed = [
    { x1: 0, y1: 0, x2: 100, y2: 100 },
    { x1: 150, y1: 0, x2: 250, y2: 100 },
  ];
  it('keeps the old corner when the block still fits there', () => {
    expect(findFreeCorner({ width: 80, height: 80 }, [{ x: 0, y: 150 }], placed, 20, 1.6)).toEqual({ x: 0, y: 150 });
  });
  it('moves a block that grew into a neighbour to the nearest free spot', () => {
    const at = findFreeCorner({ width: 120, height: 50 }, [{ x: 0, y: 120 }], [...placed, { x1: 100, y1: 150, x2: 200, y2: 200 }], 20, 1.6);
    expect(at).not.toEqual({ x: 0, y: 120 });
    expect(isFree({ x1: at.x, y1: at.y, x2: at.x + 120, y2: at.y + 50 }, placed, 20)).toBe(true);
  });
});
