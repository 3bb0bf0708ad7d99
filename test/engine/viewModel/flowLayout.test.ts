import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { ComponentLayouter } from '../../../src/engine/viewModel/componentLayout';
import { findComponents } from '../../../src/engine/viewModel/components';
import { computeLayout } from '../../../src/engine/viewModel/layoutCore';
import type { LayoutInput } from '../../../src/engine/viewModel/layoutCore';
import { isAttachable, partitionOf, roleOf } from '../../../src/engine/viewModel/layoutRoles';
import type { EdgeType } from '../../../src/engine/model/graph';
import type { LayoutEdgeInput, LayoutNodeInput, Point } from '../../../src/engine/viewModel/layoutTypes';

const node = (id: string, kind: string, group = 'ns:shop'): LayoutNodeInput => ({ id, kind, width: 110, height: 40, group });
const edge = (source: string, type: EdgeType, target: string): LayoutEdgeInput => ({
  id: `${source}>${type}>${target}`,
  source,
  target,
  type,
});

/** An application: ingress → service → deployment → replicaset → pods, one ConfigMap of its own, one shared. */
function app(): LayoutInput {
  return {
    nodes: [
      node('ing', 'Ingress'),
      node('svc', 'Service'),
      node('dep', 'Deployment'),
      node('rs', 'ReplicaSet'),
      node('pods', 'Pod'),
      node('own-cm', 'ConfigMap'),
      node('shared-cm', 'ConfigMap'),
      node('other', 'Deployment'),
      node('node-1', 'Node', ''),
    ],
    edges: [
      edge('ing', 'routes', 'svc'),
      edge('svc', 'selects', 'pods'),
      edge('dep', 'owns', 'rs'),
      edge('rs', 'owns', 'pods'),
      // Laid out against the columns' order: must still leave the Service left of the StatefulSet-like workload.
      edge('dep', 'governed-by', 'svc'),
      edge('dep', 'mounts', 'own-cm'),
      edge('dep', 'env', 'shared-cm'),
      edge('other', 'env', 'shared-cm'),
      edge('pods', 'runs-on', 'node-1'),
    ],
  };
}

/** Whether segment a→b passes through the inside of a box centred on c (w × h), shrunk by a pixel. */
function crossesBox(a: Point, b: Point, c: Point, w: number, h: number): boolean {
  const box = { x1: c.x - w / 2 + 1, y1: c.y - h / 2 + 1, x2: c.x + w / 2 - 1, y2: c.y + h / 2 - 1 };
  for (let i = 0; i <= 50; i++) {
    const x = a.x + ((b.x - a.x) * i) / 50;
    const y = a.y + ((b.y - a.y) * i) / 50;
    if (x > box.x1 && x < box.x2 && y > box.y1 && y < box.y2) return true;
  }
  return false;
}

describe('layout roles', () => {
  it('puts entry points, services, workloads, their children and pods in columns left to right', () => {
    const columns = ['Ingress', 'HTTPRoute', 'Service', 'Deployment', 'CronJob', 'ReplicaSet', 'Job', 'Pod'].map(partitionOf);
    expect(columns).toEqual([0, 0, 1, 2, 2, 3, 3, 4]);
    expect(roleOf('ConfigMap')).toBeUndefined();
    expect(partitionOf('Node')).toBeUndefined();
    expect(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount'].every(isAttachable)).toBe(true);
    expect(isAttachable('Deployment')).toBe(false);
  });
});

describe('findComponents with roles', () => {
  it('joins a ConfigMap used by one workload to it, and leaves a shared one and the Node apart', () => {
    const components = findComponents(app()).map((c) => c.nodes.map((n) => n.id).sort());
    expect(components).toContainEqual(['dep', 'ing', 'own-cm', 'pods', 'rs', 'svc']);
    expect(components).toContainEqual(['shared-cm']);
    expect(components).toContainEqual(['node-1']);
  });

  it('lets a Secret follow the ServiceAccount that pulls it once the ServiceAccount has joined its workload', () => {
    const input: LayoutInput = {
      nodes: [node('dep', 'Deployment'), node('sa', 'ServiceAccount'), node('pull', 'Secret')],
      edges: [edge('dep', 'runs-as', 'sa'), edge('sa', 'pulls', 'pull')],
    };
    expect(findComponents(input).map((c) => c.nodes.map((n) => n.id).sort())).toEqual([['dep', 'pull', 'sa']]);
  });
});

describe('computeLayout: flow', () => {
  it('reads left to right by role and routes every edge of a component around the other boxes', async () => {
    const input = app();
    const out = await computeLayout(new ComponentLayouter(new ELK()), input);
    const x = (id: string): number => out.positions[id]!.x;
    expect(x('ing')).toBeLessThan(x('svc'));
    expect(x('svc')).toBeLessThan(x('dep'));
    expect(x('dep')).toBeLessThan(x('rs'));
    expect(x('rs')).toBeLessThan(x('pods'));
    expect(x('dep')).toBeLessThan(x('own-cm'));
    // Cross-cutting: to the shared ConfigMap and to the Node; everything else is routed.
    expect([...out.crossCutting].sort()).toEqual(['dep>env>shared-cm', 'other>env>shared-cm', 'pods>runs-on>node-1']);
    const routed = input.edges.filter((e) => !out.crossCutting.includes(e.id!));
    expect(Object.keys(out.routes).sort()).toEqual(routed.map((e) => e.id!).sort());
    for (const e of routed) {
      const route = out.routes[e.id!]!;
      // A route starts on its source's box and ends on its target's, and is orthogonal.
      const near = (p: Point, id: string): boolean => Math.abs(p.x - x(id)) <= 56 && Math.abs(p.y - out.positions[id]!.y) <= 21;
      expect(near(route[0]!, e.source), `${e.id} starts at its source`).toBe(true);
      expect(near(route[route.length - 1]!, e.target), `${e.id} ends at its target`).toBe(true);
      for (let i = 1; i < route.length; i++) {
        const [a, b] = [route[i - 1]!, route[i]!];
        expect(Math.abs(a.x - b.x) < 0.5 || Math.abs(a.y - b.y) < 0.5, `${e.id} segment ${i} is orthogonal`).toBe(true);
        for (const n of input.nodes) {
          if (n.id === e.source || n.id === e.target) continue;
          expect(crossesBox(a, b, out.positions[n.id]!, n.width, n.height), `${e.id} through ${n.id}`).toBe(false);
        }
      }
    }
  });
});
