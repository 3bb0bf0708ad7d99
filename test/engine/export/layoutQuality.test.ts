/**
 * Layout-quality measures: hand-built scenes with known answers, then the bundled example's real export checked
 * against brute-force counts over what the SVG draws (every edge path read back from the SVG text).
 */
import { describe, expect, it } from 'vitest';
import { FLOW_EDGE_TYPES, forwardShare, measureLayout, measureScene } from '../../../src/engine/export/layoutQuality.js';
import { pathPolyline } from '../../../src/engine/export/quality/pathPolyline.js';
import type { QualityEdge, QualityLabel, QualityNode, QualityScene } from '../../../src/engine/export/quality/qualityTypes.js';
import { qualitySceneOf } from '../../../src/engine/export/quality/qualityScene.js';
import { BOX_INSET, throughEdgeIds } from '../../../src/engine/export/quality/throughNodes.js';
import { boxOverlap, segmentEntersBox } from '../../../src/engine/export/quality/segments.js';
import { piecesOf, shareNode } from '../../../src/engine/export/quality/crossings.js';
import { segmentCrossing } from '../../../src/engine/export/quality/segments.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import type { EdgeType } from '../../../src/engine/model/graph.js';
import type { Point } from '../../../src/engine/viewModel/layoutTypes.js';
import { EXAMPLE, graphOfPaths, sceneOf } from './support.js';

/** A 40 × 20 node centred on (x, y). */
function node(id: string, x: number, y: number): QualityNode {
  return { id, box: { x: x - 20, y: y - 10, width: 40, height: 20 } };
}

function edge(source: string, target: string, points: readonly Point[], type: EdgeType = 'mounts'): QualityEdge {
  return { id: `${source}->${target}:${type}`, source, target, type, points };
}

function label(owner: string, x: number, y: number, width = 30, height = 12): QualityLabel {
  return { owner, box: { x, y, width, height } };
}

function scene(parts: Partial<QualityScene>): QualityScene {
  return { nodes: parts.nodes ?? [], edges: parts.edges ?? [], labels: parts.labels ?? [] };
}

const p = (x: number, y: number): Point => ({ x, y });

describe('edge crossings', () => {
  const corners = [node('a', 0, 0), node('b', 200, 200), node('c', 0, 200), node('d', 200, 0)];

  it('counts two edges drawn as an X once', () => {
    const x = [edge('a', 'b', [p(0, 0), p(200, 200)]), edge('c', 'd', [p(0, 200), p(200, 0)])];
    expect(measureLayout(scene({ nodes: corners, edges: x })).crossings).toBe(1);
  });

  it('counts nothing for parallel edges, and nothing where two edges meet at a node they share', () => {
    const parallel = [edge('a', 'd', [p(0, 0), p(200, 0)]), edge('c', 'b', [p(0, 200), p(200, 200)])];
    expect(measureLayout(scene({ nodes: corners, edges: parallel })).crossings).toBe(0);
    // Both leave a: however their lines are drawn, they meet there by design.
    const fan = [edge('a', 'b', [p(0, 0), p(200, 200)]), edge('a', 'x', [p(0, 0), p(0, 100), p(200, 100), p(200, 150)])];
    expect(measureLayout(scene({ nodes: corners, edges: fan })).crossings).toBe(0);
  });

  it('counts each crossing of a winding line, and a crossing exactly at a bend once', () => {
    // A zig-zag from a to d crosses the horizontal c → b line four times, once exactly at the bend (100, 100).
    const zigzag = edge('a', 'd', [p(0, 0), p(50, 150), p(100, 100), p(150, 50), p(200, 150), p(250, 0)]);
    const line = edge('c', 'b', [p(-10, 100), p(300, 100)]);
    expect(measureLayout(scene({ nodes: corners, edges: [zigzag, line] })).crossings).toBe(4);
  });

  it('agrees with comparing every pair of pieces, on many random lines', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const edges = Array.from({ length: 300 }, (_, i) =>
      edge(
        `s${i}`,
        `t${i % 50}`,
        Array.from({ length: 1 + Math.floor(random() * 4) }, () => p(random() * 3000, random() * 2000)),
      ),
    ).filter((e) => e.points.length > 1);
    expect(measureLayout(scene({ edges })).crossings).toBe(bruteForceCrossings(edges));
  });
});

describe('edges through unrelated nodes', () => {
  it('counts an edge drawn across a third node box', () => {
    const nodes = [node('a', 0, 0), node('b', 300, 0), node('c', 150, 0)];
    const edges = [edge('a', 'b', [p(20, 0), p(280, 0)])];
    expect(measureLayout(scene({ nodes, edges })).edgesThroughNodes).toBe(1);
    expect(throughEdgeIds(nodes, edges)).toEqual([edges[0]!.id]);
  });

  it('counts an edge once however many boxes it crosses, and not boxes it only passes by or ends in', () => {
    const nodes = [node('a', 0, 0), node('b', 400, 0), node('c', 130, 0), node('d', 260, 0), node('e', 200, 40)];
    const through = edge('a', 'b', [p(20, 0), p(380, 0)]);
    // Runs just under c and d (their boxes end at y = 10) and stops on e's outline at y = 30: it passes them by.
    const beside = edge('a', 'e', [p(0, 10 + BOX_INSET / 2), p(200, 10 + BOX_INSET / 2), p(200, 30)]);
    expect(measureLayout(scene({ nodes, edges: [through, beside] })).edgesThroughNodes).toBe(1);
  });

  it("does not count the edge's own source and target, even drawn from centre to centre", () => {
    const nodes = [node('a', 0, 0), node('b', 200, 0)];
    expect(measureLayout(scene({ nodes, edges: [edge('a', 'b', [p(0, 0), p(200, 0)])] })).edgesThroughNodes).toBe(0);
  });

  it('sees a bent line enter a box on its second piece', () => {
    const nodes = [node('a', 0, 0), node('b', 200, 200), node('c', 200, 100)];
    const bent = edge('a', 'b', [p(20, 0), p(200, 0), p(200, 190)]);
    expect(measureLayout(scene({ nodes, edges: [bent] })).edgesThroughNodes).toBe(1);
  });
});

describe('forward share of flow edges', () => {
  const nodes = [node('ingress', 0, 0), node('service', 200, 0), node('pod', 400, 0), node('config', 100, 100)];
  const forward = [edge('ingress', 'service', [], 'routes'), edge('service', 'pod', [], 'selects')];

  it('is 1 when every flow edge points right, and a back edge lowers it', () => {
    const all = measureLayout(scene({ nodes, edges: forward }));
    expect([all.flowEdges, all.forwardFlowEdges, forwardShare(all)]).toEqual([2, 2, 1]);
    const withBack = measureLayout(scene({ nodes, edges: [...forward, edge('pod', 'ingress', [], 'owns')] }));
    expect([withBack.flowEdges, withBack.forwardFlowEdges]).toEqual([3, 2]);
    expect(forwardShare(withBack)).toBeCloseTo(2 / 3);
  });

  it('ignores edges that are not flow, whichever way they point', () => {
    expect(FLOW_EDGE_TYPES.has('mounts')).toBe(false);
    const quality = measureLayout(scene({ nodes, edges: [...forward, edge('pod', 'config', [], 'mounts')] }));
    expect([quality.flowEdges, quality.forwardFlowEdges]).toEqual([2, 2]);
  });

  it('does not count a vertical flow edge as forward', () => {
    const quality = measureLayout(scene({ nodes: [node('a', 0, 0), node('b', 0, 100)], edges: [edge('a', 'b', [], 'owns')] }));
    expect([quality.flowEdges, quality.forwardFlowEdges]).toEqual([1, 0]);
  });
});

describe('overlapping labels', () => {
  it('counts two overlapping labels once, and labels that only touch not at all', () => {
    expect(measureLayout(scene({ labels: [label('a', 0, 0), label('b', 20, 5)] })).labelOverlaps).toBe(1);
    expect(measureLayout(scene({ labels: [label('a', 0, 0), label('b', 30, 0)] })).labelOverlaps).toBe(0);
  });

  it('counts every overlapping pair, also for a long title over many small labels', () => {
    const title = label('group', 0, 0, 2000, 14);
    const small = Array.from({ length: 20 }, (_, i) => label(`n${i}`, i * 100, 5));
    expect(measureLayout(scene({ labels: [title, ...small] })).labelOverlaps).toBe(20);
    const stack = [label('a', 0, 0), label('b', 1, 1), label('c', 2, 2)];
    expect(measureLayout(scene({ labels: stack })).labelOverlaps).toBe(3);
  });
});

describe('the bundled example, measured as its SVG draws it', () => {
  it('gives the counts of a brute-force pass over the edge paths in the SVG text', async () => {
    const drawn = await sceneOf(await graphOfPaths(EXAMPLE));
    const quality = measureScene(drawn);
    const measured = qualitySceneOf(drawn);
    const svgPaths = edgePathsInSvg(renderSvg(drawn));
    const edges = measured.edges.map((e) => ({ ...e, points: pathPolyline(svgPaths.get(e.id) ?? '') }));
    expect(edges.every((e) => e.points.length >= 2)).toBe(true);
    expect(quality.edgesThroughNodes).toBe(bruteForceThrough(measured.nodes, edges));
    expect(quality.crossings).toBe(bruteForceCrossings(edges));
    expect(quality.labelOverlaps).toBe(bruteForceOverlaps(measured.labels));
    // Every node, group and stub has a label box, and the sums are of the whole drawing.
    expect(drawn.stubs.length).toBeGreaterThan(0);
    expect(measured.labels).toHaveLength(drawn.nodes.length + drawn.groups.length + drawn.stubs.length);
    // Cross-cutting relations are drawn as stubs, measured as lines that can cross and overlap like any other.
    expect(quality.crossings + quality.edgesThroughNodes + quality.labelOverlaps).toBe(0);
    expect(quality.flowEdges).toBe(drawn.edges.filter((e) => e.crossCutting !== true && FLOW_EDGE_TYPES.has(e.type)).length);
  });
});

/** `d` of each edge's line in the SVG: the first path inside the edge's `<g data-id>` (a stub's `<g data-stub>`). */
function edgePathsInSvg(svg: string): Map<string, string> {
  const paths = new Map<string, string>();
  const unescape = (text: string): string =>
    text
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const edgesPart = svg.slice(svg.indexOf('<g id="edges">'), svg.indexOf('<g id="nodes"'));
  for (const m of edgesPart.matchAll(/<g data-id="([^"]+)"><title>[^<]*<\/title><path d="([^"]+)"/g)) paths.set(unescape(m[1]!), m[2]!);
  const stubsPart = svg.slice(svg.indexOf('<g id="stubs"'), svg.indexOf('<g id="header">'));
  for (const m of stubsPart.matchAll(/<g data-stub="([^"]+)"><title>[^<]*<\/title><path d="([^"]+)"/g))
    paths.set(`stub:${unescape(m[1]!)}`, m[2]!);
  return paths;
}

function bruteForceThrough(nodes: readonly QualityNode[], edges: readonly QualityEdge[]): number {
  return edges.filter((e) =>
    nodes.some(
      (n) =>
        n.id !== e.source && n.id !== e.target && e.points.some((a, k) => k > 0 && segmentEntersBox(e.points[k - 1]!, a, n.box, BOX_INSET)),
    ),
  ).length;
}

function bruteForceCrossings(edges: readonly QualityEdge[]): number {
  const pieces = piecesOf(edges);
  let count = 0;
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const [s, t] = [pieces[i]!, pieces[j]!];
      if (s.edge === t.edge || shareNode(edges[s.edge]!, edges[t.edge]!)) continue;
      if (segmentCrossing(s.a, s.b, t.a, t.b) !== undefined) count++;
    }
  }
  return count;
}

function bruteForceOverlaps(labels: readonly QualityLabel[]): number {
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) if (boxOverlap(labels[i]!.box, labels[j]!.box, 0.01) !== undefined) count++;
  }
  return count;
}
