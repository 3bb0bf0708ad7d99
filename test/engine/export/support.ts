/** Shared helpers for the export tests: fixtures, scenes, and small readers for PDF text and PNG headers. */
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { viewOptionsFor } from '../../../src/engine/export/filters.js';
import type { ExportChoices } from '../../../src/engine/export/filters.js';
import { headlessScene } from '../../../src/engine/export/headlessScene.js';
import type { ExportMeta, Scene } from '../../../src/engine/export/scene.js';
import type { ExportTheme } from '../../../src/engine/export/palette.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import { topologyFromPaths } from '../../../src/engine/topology.js';

export const EXAMPLE = resolve(__dirname, '../../../examples/shop');
export const FIXED_TIME = '2025-01-31T12:00:00.000Z';

export function meta(title = 'Shop'): ExportMeta {
  return { title, source: 'manifests in examples/shop', filters: [], version: '0.0.0-test', generatedAt: FIXED_TIME };
}

export async function graphOfPaths(...paths: string[]): Promise<TopologyGraph> {
  return (await topologyFromPaths(paths, {})).engine.graph();
}

export async function sceneOf(
  graph: TopologyGraph,
  choices: ExportChoices = {},
  theme: ExportTheme = 'document',
  title?: string,
): Promise<Scene> {
  return headlessScene({ graph, options: viewOptionsFor(graph, choices), theme, meta: meta(title) });
}

const OWNED_BY_DEPLOYMENT = '[{ apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true }]';
const OWNED_BY_REPLICASET = '[{ apiVersion: apps/v1, kind: ReplicaSet, name: web-1, uid: r1, controller: true }]';

/** A small cluster in YAML: one of most things, a collapsed pod pair, a missing Secret and a cluster-scoped object. */
export const SMALL_YAML = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, uid: d1 }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx, envFrom: [{ secretRef: { name: web-secrets } }] }]
      volumes: [{ name: config, configMap: { name: web-config } }]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web-1, namespace: shop, uid: r1, ownerReferences: ${OWNED_BY_DEPLOYMENT} }
spec: { selector: { matchLabels: { app: web } } }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1-a, namespace: shop, labels: { app: web }, ownerReferences: ${OWNED_BY_REPLICASET} }
spec: { containers: [{ name: web, image: nginx }] }
status: { phase: Running }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1-b, namespace: shop, labels: { app: web }, ownerReferences: ${OWNED_BY_REPLICASET} }
spec: { containers: [{ name: web, image: nginx }] }
status: { phase: Pending }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: web-config, namespace: shop }
data: { greeting: hello }
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: "fast \\"ssd\\" <tier>" }
provisioner: example.com/csi
`;

/** Text shown by a PDF written with `compress: false`: the strings of its TJ/Tj operators, in order. */
export function pdfTextOf(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const texts: string[] = [];
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const body = stream[1] ?? '';
    for (const op of body.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '') : [op[2] ?? ''];
      texts.push(hexes.map(winAnsi).join(''));
    }
  }
  return texts;
}

const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Hex-encoded WinAnsi (what PDFKit writes for the standard fonts) → text. */
function winAnsi(hex: string): string {
  return [...Buffer.from(hex, 'hex')].map((b) => (b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b))).join('');
}

/** Number of pages, and the page boxes as written. */
export function pdfPages(pdf: Buffer): { count: number; mediaBoxes: string[] } {
  const source = pdf.toString('latin1');
  const count = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(source)?.[1] ?? 0);
  const mediaBoxes = [...source.matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => (m[1] ?? '').trim());
  return { count, mediaBoxes };
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.toString('latin1', 1, 4) !== 'PNG' || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The PNG's decompressed image data (IDAT chunks inflated): equal for equal pixels, whatever the metadata. */
export function pngPixels(png: Buffer): Buffer {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return inflateSync(Buffer.concat(chunks));
}

export function wellFormedXml(text: string): true | string {
  const result = XMLValidator.validate(text);
  return result === true ? true : `${result.err.msg} at line ${result.err.line}`;
}

export interface PlacedText {
  readonly text: string;
  /** The text's box on the page, in points from the top-left corner (glyph widths estimated). */
  readonly box: { x: number; y: number; width: number; height: number };
  /** The clip rectangle in force when it was drawn (the drawing's frame), in the same coordinates. */
  readonly clip?: { x: number; y: number; width: number; height: number };
}

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` applied first, then `n` (the order of PDF's `cm`: the new matrix is m × CTM). */
function compose(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function boxOf(points: readonly (readonly [number, number])[], m: Matrix, pageHeight: number): PlacedText['box'] {
  const xs = points.map(([x, y]) => m[0] * x + m[2] * y + m[4]);
  const ys = points.map(([x, y]) => pageHeight - (m[1] * x + m[3] * y + m[5]));
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/**
 * Every text of an uncompressed PDF, page by page, with where it lands on the page: the content streams are read
 * operator by operator, following q/Q, cm, re+W (clip), Tf and Tm, as a PDF reader places them.
 */
export function pdfPlacedText(pdf: Buffer, pageHeight: number): PlacedText[][] {
  const source = pdf.toString('latin1');
  const pages: PlacedText[][] = [];
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const placed: PlacedText[] = [];
    let state = { ctm: IDENTITY, clip: undefined as PlacedText['clip'] };
    const stack: (typeof state)[] = [];
    let operands: string[] = [];
    let pendingRect: PlacedText['box'] | undefined;
    let textMatrix = IDENTITY;
    let fontSize = 0;
    for (const token of (stream[1] ?? '').matchAll(/\[[^\]]*\]|<[0-9a-fA-F]*>|\/[^\s/[\]<>()]+|[^\s[\]<>/]+/g)) {
      const t = token[0];
      const n = operands.map(Number);
      switch (t) {
        case 'q':
          stack.push(state);
          break;
        case 'Q':
          state = stack.pop() ?? state;
          break;
        case 'cm':
          state = { ...state, ctm: compose(n as unknown as Matrix, state.ctm) };
          break;
        case 're':
          pendingRect = boxOf(
            [
              [n[0]!, n[1]!],
              [n[0]! + n[2]!, n[1]! + n[3]!],
            ],
            state.ctm,
            pageHeight,
          );
          break;
        case 'W':
          if (pendingRect) state = { ...state, clip: pendingRect };
          break;
        case 'Tf':
          fontSize = Number(operands[1]);
          break;
        case 'Tm':
          textMatrix = n as unknown as Matrix;
          break;
        case 'TJ':
        case 'Tj': {
          const hexes = [...(operands[0] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? '');
          const text = hexes.map(winAnsi).join('');
          const width = text.length * fontSize * 0.5;
          const box = boxOf(
            [
              [0, 0],
              [width, fontSize * 0.7],
            ],
            compose(textMatrix, state.ctm),
            pageHeight,
          );
          placed.push(state.clip ? { text, box, clip: state.clip } : { text, box });
          break;
        }
        default:
          // Numbers, names, strings and arrays are operands; anything else is an operator this reader ignores.
          if (/^[-+.\d]|^[/<[]/.test(t)) {
            operands.push(t);
            continue;
          }
      }
      operands = [];
    }
    pages.push(placed);
  }
  return pages;
}

export function overlaps(a: PlacedText['box'], b: PlacedText['box']): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
