/**
 * A small JSON-patch-like diff of two Kubernetes objects, and its readable text. Paths are segment lists (not
 * "a.b" strings) because label keys contain dots and slashes. Each change keeps the old value too, so one history
 * row reads on its own, without replaying the rows before it.
 */

export type PathSegment = string | number;
export type ObjectPath = readonly PathSegment[];

/** `+` added at path, `-` removed (old value kept), `~` replaced: [op, path, new, old]. */
export type DiffOp =
  readonly ['+', ObjectPath, unknown] | readonly ['-', ObjectPath, unknown] | readonly ['~', ObjectPath, unknown, unknown];

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Fields that change on every write and are recorded elsewhere (the row's resource_version column). */
const IGNORED: readonly (readonly string[])[] = [
  ['metadata', 'resourceVersion'],
  ['metadata', 'managedFields'],
];

const ignored = (path: readonly PathSegment[]): boolean =>
  IGNORED.some((skip) => skip.length === path.length && skip.every((segment, index) => segment === path[index]));

/** The changes that turn `before` into `after`. Arrays are compared index by index, then by tail. */
export function diffObjects(before: unknown, after: unknown, path: PathSegment[] = []): DiffOp[] {
  if (ignored(path)) return [];
  if (isRecord(before) && isRecord(after)) return diffRecords(before, after, path);
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  if (sameJson(before, after)) return [];
  if (before === undefined) return [['+', [...path], after]];
  if (after === undefined) return [['-', [...path], before]];
  return [['~', [...path], after, before]];
}

function diffRecords(before: Json, after: Json, path: PathSegment[]): DiffOp[] {
  const ops: DiffOp[] = [];
  for (const key of Object.keys(before)) {
    ops.push(...diffObjects(before[key], Object.hasOwn(after, key) ? after[key] : undefined, [...path, key]));
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) ops.push(...diffObjects(undefined, after[key], [...path, key]));
  }
  return ops;
}

function diffArrays(before: readonly unknown[], after: readonly unknown[], path: PathSegment[]): DiffOp[] {
  const ops: DiffOp[] = [];
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) ops.push(...diffObjects(before[i], after[i], [...path, i]));
  for (let i = common; i < after.length; i++) ops.push(['+', [...path, i], after[i]]);
  for (let i = common; i < before.length; i++) ops.push(['-', [...path, i], before[i]]);
  return ops;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `spec.template.metadata.labels["app.kubernetes.io/name"]`, `spec.containers[0].image`. */
export function formatPath(path: ObjectPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text || '(object)';
}

const PLAIN = /^[\w.\-/:@]+$/;
const MAX_VALUE = 120;

/** Short text for a value: bare words stay bare, everything else is JSON, long values are cut. */
export function formatValue(value: unknown): string {
  const text = typeof value === 'string' && PLAIN.test(value) ? value : (JSON.stringify(value) ?? 'undefined');
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Leaf paths and values of an added or removed subtree, so "+ labels.app: web" reads like the other lines. */
function leaves(value: unknown, path: PathSegment[]): [PathSegment[], unknown][] {
  const entries = isRecord(value) ? Object.entries(value) : Array.isArray(value) ? value.map((item, i) => [i, item] as const) : undefined;
  if (!entries || entries.length === 0) return [[path, value]];
  return entries.flatMap(([key, item]) => leaves(item, [...path, key]));
}

/** One line per change: `spec.replicas: 2 → 3`, `+ metadata.labels.tier: web`, `- spec.nodeName: node-1`. */
export function renderDiff(ops: readonly DiffOp[]): string[] {
  const lines: string[] = [];
  for (const op of ops) {
    if (op[0] === '~') lines.push(`${formatPath(op[1])}: ${formatValue(op[3])} → ${formatValue(op[2])}`);
    else for (const [path, value] of leaves(op[2], [...op[1]])) lines.push(`${op[0]} ${formatPath(path)}: ${formatValue(value)}`);
  }
  return lines;
}

/** Runtime check for ops read back from the database (a damaged row must not crash the history view). */
export function isDiffOpList(value: unknown): value is DiffOp[] {
  return (
    Array.isArray(value) &&
    value.every(
      (op) =>
        Array.isArray(op) &&
        (op[0] === '+' || op[0] === '-' || op[0] === '~') &&
        Array.isArray(op[1]) &&
        (op[1] as unknown[]).every((segment) => typeof segment === 'string' || typeof segment === 'number'),
    )
  );
}
