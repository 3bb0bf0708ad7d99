/** Edge styles of the visual language: colour, line and arrow per relation type, and the broken-reference style. */
import type { EdgeType } from '../model/graph.js';
import { FAMILY_VISUALS } from './kinds.js';
import type { ThemeColor } from './theme.js';
import { CHROME } from './theme.js';

export type LineStyle = 'solid' | 'dashed' | 'dotted';
export type ArrowShape = 'triangle' | 'vee' | 'tee' | 'circle' | 'none';

export interface EdgeVisual {
  readonly type: EdgeType;
  /** What the arrow says, read in the direction it is drawn: source → target ("Service selects Pod"). */
  readonly label: string;
  /** The same relation read from the target back to the source ("Pod selected by Service"). */
  readonly reverse: string;
  readonly color: ThemeColor;
  readonly line: LineStyle;
  readonly width: number;
  readonly arrow: ArrowShape;
}

interface Reading {
  readonly forward: string;
  readonly reverse: string;
}

function edge(type: EdgeType, reading: Reading, c: ThemeColor, line: LineStyle, width = 1.5): EdgeVisual {
  return { type, label: reading.forward, reverse: reading.reverse, color: c, line, width, arrow: 'triangle' };
}

function reads(forward: string, reverse: string): Reading {
  return { forward, reverse };
}

const F = FAMILY_VISUALS;

/** Each relation type once, with both readings; test/engine/visual/edgeReadings.test.ts lists them all. */
export const EDGE_VISUALS: Readonly<Record<EdgeType, EdgeVisual>> = {
  owns: edge('owns', reads('owns', 'owned by'), CHROME.edge, 'solid'),
  selects: edge('selects', reads('selects (label selector)', 'selected by'), F.networking.color, 'solid'),
  routes: edge('routes', reads('routes traffic to', 'gets traffic from'), F.networking.color, 'solid', 2),
  endpoint: edge('endpoint', reads('has endpoints in', 'endpoints of'), F.networking.color, 'dotted'),
  serves: edge('serves', reads('serves', 'served by'), F.networking.color, 'dashed'),
  mounts: edge('mounts', reads('mounts (volume)', 'mounted by'), F.config.color, 'dashed'),
  env: edge('env', reads('reads env from', 'env source of'), F.config.color, 'dotted'),
  pulls: edge('pulls', reads('pulls images with', 'image pull secret of'), F.config.color, 'dotted'),
  uses: edge('uses', reads('uses', 'used by'), CHROME.edge, 'dotted'),
  'runs-on': edge('runs-on', reads('runs on', 'hosts'), CHROME.edge, 'dotted', 1),
  binds: edge('binds', reads('binds (role to subjects)', 'bound by'), F.rbac.color, 'solid'),
  aggregates: edge('aggregates', reads('aggregates rules of', 'aggregated into'), F.rbac.color, 'dashed'),
  scales: edge('scales', reads('scales', 'scaled by'), F.workload.color, 'dashed'),
  allows: edge('allows', reads('allows traffic with (peer)', 'allowed as a peer by'), F.custom.color, 'dashed'),
  'applies-to': edge('applies-to', reads('applies to', 'subject to'), F.custom.color, 'dotted'),
  claims: edge('claims', reads('claims', 'claimed by'), F.storage.color, 'solid'),
  provisions: edge('provisions', reads('writes (provisions)', 'written by'), F.storage.color, 'dashed'),
  event: edge('event', reads('event about', 'has event'), CHROME.muted, 'dotted', 1),
  token: edge('token', reads('keeps its token in', 'token of'), F.rbac.color, 'dotted'),
  'governed-by': edge('governed-by', reads('is governed by (serviceName)', 'governs (DNS of)'), F.networking.color, 'dotted'),
  'runs-as': edge('runs-as', reads('runs as', 'identity of'), CHROME.edge, 'dotted'),
};

/** A broken edge (missing target, not permitted, uid mismatch) overrides its type's style. */
export const BROKEN_EDGE = {
  label: 'broken reference',
  color: CHROME.error,
  line: 'dashed',
  width: 2,
  arrow: 'tee',
  dashPattern: [6, 4],
} as const satisfies Omit<EdgeVisual, 'type' | 'reverse'> & { dashPattern: readonly number[] };
