/**
 * Draws the scene onto a PDFKit page in model coordinates (the caller sets the transform), with the same
 * shapes, colours, dashes and text placement as the SVG export. Only elements that touch `area` are
 * written, so a tile page of a large diagram stays small.
 */
import type { Point } from '../viewModel/layoutTypes.js';
import { GROUP_VISUAL } from '../visual/theme.js';
import { NODE_METRICS, shapePath } from '../visual/nodeGeometry.js';
import type { NodeShape } from '../visual/kinds.js';
import { LEGEND } from './legend.js';
import type { LegendItem } from './scene.js';
import type { Rect, Scene, SceneEdge, SceneGroup, SceneNode, SceneStub } from './scene.js';
import type { Paint } from './palette.js';
import { intersects } from './pdfPlan.js';
import { labelLines } from './svg.js';
import { pdfText } from './pdfText.js';
import { STUB } from './stubMetrics.js';
import { ElementIndex } from './pdfIndex.js';

type Doc = PDFKit.PDFDocument;

export const PDF_FONT = 'Helvetica';
export const PDF_FONT_BOLD = 'Helvetica-Bold';

export function drawScene(doc: Doc, scene: Scene, area: Rect): void {
  const index = sceneIndex(scene);
  for (const g of scene.groups) if (intersects(groupBox(g), area)) drawGroup(doc, g, scene);
  for (const e of index.edges.within(area)) drawEdge(doc, e);
  doc.font(PDF_FONT).fontSize(NODE_METRICS.fontSize);
  for (const n of index.nodes.within(area)) drawNode(doc, n, scene);
  doc.fontSize(STUB.fontSize);
  for (const s of index.stubs.within(area)) drawStub(doc, s, scene);
  if (intersects(scene.legend, area)) drawLegend(doc, scene);
}

interface SceneIndex {
  readonly nodes: ElementIndex<SceneNode>;
  readonly edges: ElementIndex<SceneEdge>;
  readonly stubs: ElementIndex<SceneStub>;
}

const INDEXES = new WeakMap<Scene, SceneIndex>();

/** The scene's drawn nodes, edges and stubs by place, built on the first page that asks. */
export function sceneIndex(scene: Scene): SceneIndex {
  let index = INDEXES.get(scene);
  if (index === undefined) {
    const drawn = scene.edges.filter((e) => e.crossCutting !== true);
    index = {
      nodes: new ElementIndex(scene.nodes, nodeBox, scene.bounds),
      edges: new ElementIndex(drawn, edgeBox, scene.bounds),
      stubs: new ElementIndex(scene.stubs, stubBox, scene.bounds),
    };
    INDEXES.set(scene, index);
  }
  return index;
}

/** A cross-cutting relation as the SVG draws it: a short line with an arrow, and the far ends in small text. */
function drawStub(doc: Doc, s: SceneStub, scene: Scene): void {
  setStroke(doc, s.paint, 1.2, s.dash);
  doc.moveTo(s.from.x, s.from.y).lineTo(s.to.x, s.to.y).stroke();
  doc.undash();
  setFill(doc, s.paint);
  doc.polygon(...s.head.map((p): [number, number] => [p.x, p.y])).fill();
  setFill(doc, scene.palette.muted);
  const text = pdfText(s.label);
  const width = doc.widthOfString(text);
  const x = s.anchor === 'start' ? s.labelAt.x : s.anchor === 'end' ? s.labelAt.x - width : s.labelAt.x - width / 2;
  doc.text(text, x, s.labelAt.y, { lineBreak: false, baseline: 'alphabetic' });
}

function stubBox(s: SceneStub): Rect {
  return remembered(s, computeStubBox);
}

function computeStubBox(s: SceneStub): Rect {
  const x = Math.min(s.from.x, s.to.x, s.labelBox.x);
  const y = Math.min(s.from.y, s.to.y, s.labelBox.y);
  const right = Math.max(s.from.x, s.to.x, s.labelBox.x + s.labelBox.width);
  const bottom = Math.max(s.from.y, s.to.y, s.labelBox.y + s.labelBox.height);
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * Boxes by scene element, worked out once: every tile page of a large PDF asks for the box of every node, edge and
 * stub (at 5,000 objects, computing them again per page was a third of the PDF's time).
 */
const BOXES = new WeakMap<object, Rect>();

function remembered<T extends object>(element: T, box: (element: T) => Rect): Rect {
  let known = BOXES.get(element);
  if (known === undefined) {
    known = box(element);
    BOXES.set(element, known);
  }
  return known;
}

export function nodeBox(n: SceneNode): Rect {
  return remembered(n, () => ({ x: n.x - n.width / 2 - 3, y: n.y - n.height / 2 - 3, width: n.width + 6, height: n.height + 6 }));
}

export function groupBox(g: SceneGroup): Rect {
  return { x: g.box.x, y: g.box.y - 22, width: g.box.width, height: g.box.height + 22 };
}

export function edgeBox(e: SceneEdge): Rect {
  return remembered(e, computeEdgeBox);
}

function computeEdgeBox(e: SceneEdge): Rect {
  const points = [e.from, e.to, ...(e.control ? [e.control] : []), ...(e.points ?? []), ...e.head];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x: x - 2, y: y - 2, width: Math.max(...xs) - x + 4, height: Math.max(...ys) - y + 4 };
}

function setFill(doc: Doc, p: Paint): void {
  doc.fillColor(p.color, p.opacity);
}

function setStroke(doc: Doc, p: Paint, width: number, dash: readonly number[]): void {
  doc.strokeColor(p.color, p.opacity).lineWidth(width);
  if (dash.length === 0) doc.undash();
  else doc.dash([...dash] as unknown as number, {});
}

function shapeAt(doc: Doc, shape: NodeShape, n: Pick<SceneNode, 'x' | 'y' | 'width' | 'height'>, by = 0): void {
  const w = n.width + 2 * by;
  const h = n.height + 2 * by;
  doc
    .save()
    .translate(n.x - w / 2, n.y - h / 2)
    .path(shapePath(shape, w, h));
}

function drawGroup(doc: Doc, g: SceneGroup, scene: Scene): void {
  const colours = scene.palette;
  const { x, y, width, height } = g.box;
  doc.roundedRect(x, y, width, height, 8);
  setFill(doc, { color: colours.paint(GROUP_VISUAL.fill).color, opacity: GROUP_VISUAL.fillOpacity });
  setStroke(doc, { color: colours.paint(GROUP_VISUAL.border).color, opacity: GROUP_VISUAL.borderOpacity }, 1, []);
  doc.fillAndStroke();
  doc.font(PDF_FONT_BOLD).fontSize(13);
  setFill(doc, colours.paint(GROUP_VISUAL.label));
  centredText(doc, g.label, x + width / 2, y - 6);
}

function drawEdge(doc: Doc, e: SceneEdge): void {
  setStroke(doc, e.paint, e.width, e.dash);
  doc.moveTo(e.from.x, e.from.y);
  const c = e.control;
  if (e.points !== undefined) for (const p of e.points.slice(1)) doc.lineTo(p.x, p.y);
  else if (c === undefined) doc.lineTo(e.to.x, e.to.y);
  else {
    // Quadratic → cubic: PDF has only cubic curves (PDFKit's quadraticCurveTo is an approximation).
    const c1 = { x: e.from.x + (2 / 3) * (c.x - e.from.x), y: e.from.y + (2 / 3) * (c.y - e.from.y) };
    const c2 = { x: e.to.x + (2 / 3) * (c.x - e.to.x), y: e.to.y + (2 / 3) * (c.y - e.to.y) };
    doc.bezierCurveTo(c1.x, c1.y, c2.x, c2.y, e.to.x, e.to.y);
  }
  doc.stroke();
  if (e.head.length > 0) {
    polygon(doc, e.head);
    setFill(doc, e.paint);
    doc.fill();
  }
}

function polygon(doc: Doc, points: readonly Point[]): void {
  const [first, ...rest] = points;
  if (first === undefined) return;
  doc.moveTo(first.x, first.y);
  for (const p of rest) doc.lineTo(p.x, p.y);
  doc.closePath();
}

function drawNode(doc: Doc, n: SceneNode, scene: Scene): void {
  if (n.borderStyle === 'double') {
    const third = n.borderWidth / 3;
    shapeAt(doc, n.shape, n);
    setFill(doc, n.fill);
    doc.fill().restore();
    for (const by of [third, -third]) {
      shapeAt(doc, n.shape, n, by);
      setStroke(doc, n.border, third, []);
      doc.stroke().restore();
    }
  } else {
    shapeAt(doc, n.shape, n);
    setFill(doc, n.fill);
    setStroke(doc, n.border, n.borderWidth, n.borderStyle === 'dashed' ? [5, 3] : []);
    doc.fillAndStroke().restore();
  }
  setFill(doc, scene.palette.foreground);
  for (const line of labelLines(n)) centredText(doc, line.text, n.x, line.y);
}

/** Text centred on `x` with its baseline on `y`, in the current font. */
export function centredText(doc: Doc, text: string, x: number, y: number): void {
  const safe = pdfText(text);
  doc.text(safe, x - doc.widthOfString(safe) / 2, y, { lineBreak: false, baseline: 'alphabetic' });
}

export function drawLegend(doc: Doc, scene: Scene): void {
  const legend = scene.legend;
  doc.roundedRect(legend.x, legend.y, legend.width, legend.height, 6);
  setStroke(doc, { color: scene.palette.muted.color, opacity: 0.35 }, 1, []);
  doc.stroke();
  for (const column of legend.columns) {
    doc.font(PDF_FONT_BOLD).fontSize(LEGEND.titleSize);
    setFill(doc, scene.palette.foreground);
    doc.text(pdfText(column.title), column.x, column.y, { lineBreak: false, baseline: 'alphabetic' });
    doc.font(PDF_FONT).fontSize(LEGEND.fontSize);
    for (const item of column.items) drawLegendItem(doc, item, scene);
  }
}

function drawLegendItem(doc: Doc, item: LegendItem, scene: Scene): void {
  const s = item.sample;
  const box = { x: item.x + LEGEND.sampleWidth / 2, y: item.y, width: LEGEND.sampleWidth - 4, height: LEGEND.sampleHeight - 2 };
  switch (s.kind) {
    case 'shape':
      shapeAt(doc, s.shape, box);
      setFill(doc, s.fill);
      setStroke(doc, s.border, 1.5, s.dashed ? [4, 2] : []);
      doc.fillAndStroke().restore();
      break;
    case 'status':
      doc.circle(item.x + 8, item.y, 5.5);
      setStroke(doc, s.color, 3, []);
      doc.stroke();
      break;
    case 'double':
      for (const by of [1.5, -1.5]) {
        shapeAt(doc, 'round-rectangle', box, by);
        setStroke(doc, s.color, 1.5, []);
        doc.stroke().restore();
      }
      break;
    case 'edge':
      setStroke(doc, s.paint, s.width, s.dash);
      doc
        .moveTo(item.x + 1, item.y)
        .lineTo(item.x + 26, item.y)
        .stroke();
      polygon(doc, [
        { x: item.x + 25, y: item.y - 4 },
        { x: item.x + 33, y: item.y },
        { x: item.x + 25, y: item.y + 4 },
      ]);
      setFill(doc, s.paint);
      doc.fill();
      break;
    case 'note':
      break;
  }
  setFill(doc, scene.palette.foreground);
  doc.text(pdfText(item.label), item.x + LEGEND.labelOffset, item.y + 4, { lineBreak: false, baseline: 'alphabetic' });
}
