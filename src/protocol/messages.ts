/**
 * The host ↔ webview protocol: every message both sides exchange, as typed descriptors with namespaced
 * names, plus the run-time validator the host applies to everything the webview sends.
 *
 * Pure TypeScript on purpose (no DOM, no Node, no vscode): the extension host and the webview bundle both
 * import this file, so the compiler checks both ends against one definition.
 */
import type { Finding } from '../engine/findings';
import type { GraphDelta, TopologyGraph } from '../engine/model/graph';
import type { GraphDiff } from '../engine/model/graphDiff';
import type { MetricsSeries } from '../engine/metrics/history';
import type { MetricsById } from '../engine/metrics/metricsModel';
import { ACTION_IDS, type ActionId } from '../engine/actions/catalog';

/** A message name plus a phantom parameter type; `create()` and `is()` infer the params from it. */
export interface MessageType<TName extends string, TParams> {
  readonly name: TName;
  /** Never set at run time; only carries `TParams` for type inference. */
  readonly params?: TParams;
}

export interface Message<TName extends string, TParams> {
  readonly type: TName;
  readonly params: TParams;
}

export type MessageOf<T> = T extends MessageType<infer N, infer P> ? Message<N, P> : never;

function messageType<TParams>(): <TName extends string>(name: TName) => MessageType<TName, TParams> {
  return (name) => ({ name });
}

export function createMessage<N extends string, P>(type: MessageType<N, P>, params: P): Message<N, P> {
  return { type: type.name, params };
}

export function isMessage<N extends string, P>(message: { readonly type: string }, type: MessageType<N, P>): message is Message<N, P> {
  return message.type === type.name;
}

export type GraphMode = 'manifests' | 'cluster' | 'history';

/** One stored snapshot on the timeline. */
export interface TimelineEntry {
  readonly id: number;
  readonly takenAt: number;
  readonly trigger: string;
  readonly nodes: number;
  readonly edges: number;
}

/** Where the view stands in time: `null` is live. `compare` is what the shown graph is compared with. */
export interface TimelineState {
  readonly entries: readonly TimelineEntry[];
  readonly current: number | null;
  readonly compare: { readonly from: number | null; readonly to: number | null } | null;
}

/** The comparison shape lives in the engine, which computes it; both ends of the protocol name it from here. */
export type { GraphDiff } from '../engine/model/graphDiff';

/** Formats the webview can produce itself; exporters that need no canvas (SVG, PDF) live in the engine. */
export type WebviewExportFormat = 'png' | 'positions';
export const WEBVIEW_EXPORT_FORMATS: readonly WebviewExportFormat[] = ['png', 'positions'];

// ── Webview → host ─────────────────────────────────────
export const ViewReady = messageType<Record<string, never>>()('view/ready');
export const ViewSelect = messageType<{ readonly id: string }>()('view/select');
export const ViewOpenSource = messageType<{ readonly id: string }>()('view/openSource');
export const ViewError = messageType<{ readonly message: string }>()('view/error');
/** Show a snapshot (`id`) or the live cluster (`null`). */
export const TimelineSelect = messageType<{ readonly id: number | null }>()('timeline/select');
/** Compare two moments (`null` is now); both `null` ends the comparison. */
export const TimelineCompare = messageType<{ readonly from: number | null; readonly to: number | null }>()('timeline/compare');
export const TimelineRequest = messageType<Record<string, never>>()('timeline/request');
/** The user asked to export what the view shows (the host runs the export command). */
export const ViewRequestExport = messageType<Record<string, never>>()('view/requestExport');
/** Open the recorded history of one object (cluster views). */
export const ViewShowHistory = messageType<{ readonly id: string }>()('view/showHistory');
/** Open the logs of a Pod, a workload or a Service (all of its Pods); the host checks the kind. */
export const ViewShowLogs = messageType<{ readonly id: string }>()('view/showLogs');
/**
 * Run an action (View YAML, Scale, Delete…) on an object of a live cluster; the host confirms and checks again. With
 * `ids` (a multi-selection, `id` among them), the action runs on all of them: the bulk actions (Delete…, Copy Name).
 */
export const ViewAction = messageType<{ readonly action: ActionId; readonly id: string; readonly ids?: readonly string[] }>()(
  'view/action',
);
/** The objects whose recent use the view draws (the details panel's sparklines); the host answers with `metrics/history`. */
export const MetricsWatch = messageType<{ readonly ids: readonly string[] }>()('metrics/watch');
export const ViewExportResult = messageType<{
  readonly requestId: string;
  readonly format: WebviewExportFormat;
  /** A `data:image/png;base64,…` URL for png; JSON text for positions; empty when `error` is set. */
  readonly data: string;
  readonly error?: string;
}>()('view/exportResult');

export type WebviewMessage =
  | MessageOf<typeof ViewReady>
  | MessageOf<typeof ViewSelect>
  | MessageOf<typeof ViewOpenSource>
  | MessageOf<typeof ViewError>
  | MessageOf<typeof ViewExportResult>
  | MessageOf<typeof TimelineSelect>
  | MessageOf<typeof TimelineCompare>
  | MessageOf<typeof TimelineRequest>
  | MessageOf<typeof ViewRequestExport>
  | MessageOf<typeof ViewShowHistory>
  | MessageOf<typeof ViewShowLogs>
  | MessageOf<typeof ViewAction>
  | MessageOf<typeof MetricsWatch>;

// ── Host → webview ─────────────────────────────────────
export const GraphInit = messageType<{
  readonly title: string;
  readonly mode: GraphMode;
  readonly graph: TopologyGraph;
  /** Everything to report (errors, warnings, notes), counted and grouped by the view as by the CLI. */
  readonly findings: readonly Finding[];
  /** Set when the graph is a comparison of two moments. */
  readonly diff?: GraphDiff;
  /**
   * The display language's translations (`vscode.l10n.bundle`: English message → translated message), absent for
   * English. The view configures @vscode/l10n with them before it draws the init's text.
   */
  readonly l10n?: Readonly<Record<string, string>>;
  /** The display language (`vscode.env.language`, e.g. `de`, `zh-cn`): the page's `lang`. */
  readonly language?: string;
}>()('graph/init');
export const TimelineStateMessage = messageType<TimelineState>()('timeline/state');
export const GraphDeltaMessage = messageType<{ readonly delta: GraphDelta }>()('graph/delta');
/** Findings after the source changed (they are recomputed from the whole graph, not per delta). */
export const GraphMetaMessage = messageType<{ readonly findings: readonly Finding[] }>()('graph/meta');
/** Select and centre an object; with `neighbourhood`, also turn on focus mode around it. */
export const ViewFocus = messageType<{ readonly id: string; readonly neighbourhood?: boolean }>()('view/focus');
export const ViewStatus = messageType<{ readonly connection?: string; readonly message?: string }>()('view/status');
export const ViewExport = messageType<{ readonly requestId: string; readonly format: WebviewExportFormat; readonly scale?: number }>()(
  'view/export',
);

/**
 * CPU and memory from metrics.k8s.io, by graph node id (Pods, their controllers, Namespaces, Nodes), sent after every
 * poll. Not `live`: `message` says why there are none and what to do (install metrics-server, ask for access).
 */
export interface MetricsUpdate {
  readonly state: 'live' | 'off' | 'unavailable';
  readonly figures: MetricsById;
  /** Milliseconds since the epoch of the poll (live only). */
  readonly time?: number;
  readonly message?: string;
}
export const METRICS_STATES: readonly MetricsUpdate['state'][] = ['live', 'off', 'unavailable'];
export const MetricsUpdateMessage = messageType<MetricsUpdate>()('metrics/update');
/**
 * The last polls of the objects the view watches (`metrics/watch`), sent after each poll and on request. Only those
 * objects: every object's history would be tens of numbers per Pod of the cluster, every poll.
 */
export const MetricsHistoryMessage = messageType<{ readonly series: Readonly<Record<string, MetricsSeries>> }>()('metrics/history');

/** One action on the selected object, as the cluster answered "may I?" (a denied one is shown disabled, with why). */
export interface NodeActionState {
  readonly action: ActionId;
  readonly title: string;
  readonly allowed: boolean;
  readonly reason?: string;
}
/** The actions of the selected object of a live cluster (none in history or manifest views). */
export const NodeActionsMessage = messageType<{ readonly id: string; readonly actions: readonly NodeActionState[] }>()('node/actions');

export type HostMessage =
  | MessageOf<typeof GraphInit>
  | MessageOf<typeof GraphDeltaMessage>
  | MessageOf<typeof GraphMetaMessage>
  | MessageOf<typeof TimelineStateMessage>
  | MessageOf<typeof ViewFocus>
  | MessageOf<typeof ViewStatus>
  | MessageOf<typeof ViewExport>
  | MessageOf<typeof MetricsUpdateMessage>
  | MessageOf<typeof NodeActionsMessage>
  | MessageOf<typeof MetricsHistoryMessage>;

// ── Validation ───────────────────────────────────────
export type ParseResult<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

/** Bounds on what the webview may send; generous for real use, small enough to stop a runaway payload. */
export const LIMITS = {
  id: 1024,
  message: 8192,
  requestId: 128,
  /** A BCP 47 language tag as VS Code names display languages (`en`, `pt-br`, `zh-hant`). */
  language: 64,
  /** Objects one view watches at once: the details panel shows a handful. */
  watchedIds: 16,
  /** Objects one bulk action runs on: a multi-selection made by clicking, so hundreds at most. */
  actionIds: 500,
  exportData: 64 * 1024 * 1024,
} as const;

type Params = Readonly<Record<string, unknown>>;
/** Returns why the params are invalid, or undefined when they are fine. */
type ParamsCheck = (params: Params) => string | undefined;

function isRecord(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Params, required: readonly string[], optional: readonly string[] = []): string | undefined {
  for (const key of required) if (!Object.hasOwn(value, key)) return `missing field '${key}'`;
  const known = new Set([...required, ...optional]);
  for (const key of Object.keys(value)) if (!known.has(key)) return `unexpected field '${key}'`;
  return undefined;
}

function checkString(value: Params, key: string, max: number, allowEmpty = false): string | undefined {
  const v = value[key];
  if (typeof v !== 'string') return `'${key}' must be a string`;
  if (!allowEmpty && v.length === 0) return `'${key}' must not be empty`;
  if (v.length > max) return `'${key}' is longer than ${max} characters`;
  return undefined;
}

function firstError(...checks: readonly (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const error = check();
    if (error !== undefined) return error;
  }
  return undefined;
}

const idParams: ParamsCheck = (p) =>
  firstError(
    () => checkKeys(p, ['id']),
    () => checkString(p, 'id', LIMITS.id),
  );

const exportResultParams: ParamsCheck = (p) =>
  firstError(
    () => checkKeys(p, ['requestId', 'format', 'data'], ['error']),
    () => checkString(p, 'requestId', LIMITS.requestId),
    () =>
      WEBVIEW_EXPORT_FORMATS.includes(p['format'] as WebviewExportFormat)
        ? undefined
        : `'format' must be one of ${WEBVIEW_EXPORT_FORMATS.join(', ')}`,
    () => checkString(p, 'data', LIMITS.exportData, true),
    () => (p['error'] === undefined ? undefined : checkString(p, 'error', LIMITS.message)),
  );

const WEBVIEW_CHECKS: Readonly<Record<WebviewMessage['type'], ParamsCheck>> = {
  'view/ready': (p) => checkKeys(p, []),
  'view/select': idParams,
  'view/openSource': idParams,
  'view/error': (p) =>
    firstError(
      () => checkKeys(p, ['message']),
      () => checkString(p, 'message', LIMITS.message),
    ),
  'view/exportResult': exportResultParams,
  'timeline/select': (p) =>
    firstError(
      () => checkKeys(p, ['id']),
      () => checkSnapshotId(p, 'id'),
    ),
  'timeline/compare': (p) =>
    firstError(
      () => checkKeys(p, ['from', 'to']),
      () => checkSnapshotId(p, 'from'),
      () => checkSnapshotId(p, 'to'),
    ),
  'timeline/request': (p) => checkKeys(p, []),
  'view/requestExport': (p) => checkKeys(p, []),
  'view/showHistory': idParams,
  'view/showLogs': idParams,
  'view/action': (p) =>
    firstError(
      () => checkKeys(p, ['action', 'id'], ['ids']),
      () => (ACTION_IDS.includes(p['action'] as ActionId) ? undefined : "'action' is not a known action"),
      () => checkString(p, 'id', LIMITS.id),
      () => (p['ids'] === undefined ? undefined : checkIds(p['ids'], 1, LIMITS.actionIds)),
    ),
  'metrics/watch': (p) =>
    firstError(
      () => checkKeys(p, ['ids']),
      () => checkIds(p['ids'], 0, LIMITS.watchedIds),
    ),
};

/** A bounded list of bounded, non-empty ids. */
function checkIds(ids: unknown, min: number, max: number): string | undefined {
  if (!Array.isArray(ids) || ids.length < min || ids.length > max) return `'ids' must be an array of ${min} to ${max}`;
  return ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= LIMITS.id) ? undefined : "'ids' must be ids";
}

function checkSnapshotId(value: Params, key: string): string | undefined {
  const v = value[key];
  return v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) ? undefined : `'${key}' must be a snapshot id or null`;
}

/**
 * Validates a message received from the webview. The webview runs untrusted-ish content (names and labels
 * from a cluster), so the host checks every field before acting on it.
 */
export function parseWebviewMessage(value: unknown): ParseResult<WebviewMessage> {
  if (!isRecord(value)) return { ok: false, reason: 'message must be an object' };
  const keys = checkKeys(value, ['type', 'params']);
  if (keys !== undefined) return { ok: false, reason: keys };
  const type = value['type'];
  if (typeof type !== 'string') return { ok: false, reason: "'type' must be a string" };
  if (!Object.hasOwn(WEBVIEW_CHECKS, type)) return { ok: false, reason: `unknown message type '${type.slice(0, 64)}'` };
  const params = value['params'];
  if (!isRecord(params)) return { ok: false, reason: `${type}: 'params' must be an object` };
  const error = WEBVIEW_CHECKS[type as WebviewMessage['type']](params);
  if (error !== undefined) return { ok: false, reason: `${type}: ${error}` };
  // Every field was checked above, so the cast only restates what the checks proved.
  return { ok: true, message: value as unknown as WebviewMessage };
}

const HOST_CHECKS: Readonly<Record<HostMessage['type'], ParamsCheck>> = {
  'graph/init': (p) =>
    firstError(
      () => checkKeys(p, ['title', 'mode', 'graph', 'findings'], ['diff', 'l10n', 'language']),
      () => (typeof p['title'] === 'string' ? undefined : "'title' must be a string"),
      () => (p['mode'] === 'manifests' || p['mode'] === 'cluster' || p['mode'] === 'history' ? undefined : "'mode' is invalid"),
      () => (isGraphShaped(p['graph']) ? undefined : "'graph' must have nodes and edges arrays"),
      () => findingsError(p['findings']),
      () => (p['l10n'] === undefined ? undefined : bundleError(p['l10n'])),
      () => (p['language'] === undefined ? undefined : checkString(p, 'language', LIMITS.language)),
    ),
  'graph/delta': (p) => (isDeltaShaped(p['delta']) ? undefined : "'delta' is malformed"),
  'timeline/state': (p) => (Array.isArray(p['entries']) ? undefined : "'entries' must be an array"),
  'graph/meta': (p) =>
    firstError(
      () => checkKeys(p, ['findings']),
      () => findingsError(p['findings']),
    ),
  'view/focus': (p) =>
    firstError(
      () => checkString(p, 'id', LIMITS.id),
      () => (p['neighbourhood'] === undefined || typeof p['neighbourhood'] === 'boolean' ? undefined : "'neighbourhood' must be a boolean"),
    ),
  'view/status': (p) =>
    firstError(
      () => checkKeys(p, [], ['connection', 'message']),
      () => (p['connection'] === undefined ? undefined : checkString(p, 'connection', LIMITS.message, true)),
      () => (p['message'] === undefined ? undefined : checkString(p, 'message', LIMITS.message, true)),
    ),
  'view/export': (p) =>
    firstError(
      () => checkString(p, 'requestId', LIMITS.requestId),
      () => (WEBVIEW_EXPORT_FORMATS.includes(p['format'] as WebviewExportFormat) ? undefined : "'format' is invalid"),
    ),
  'node/actions': (p) =>
    firstError(
      () => checkKeys(p, ['id', 'actions']),
      () => checkString(p, 'id', LIMITS.id),
      () => (Array.isArray(p['actions']) ? undefined : "'actions' must be an array"),
    ),
  'metrics/update': (p) =>
    firstError(
      () => checkKeys(p, ['state', 'figures'], ['time', 'message']),
      () => (METRICS_STATES.includes(p['state'] as MetricsUpdate['state']) ? undefined : "'state' is invalid"),
      () => (p['time'] === undefined || typeof p['time'] === 'number' ? undefined : "'time' must be a number"),
      () => (p['message'] === undefined ? undefined : checkString(p, 'message', LIMITS.message, true)),
      () => figuresError(p['figures']),
    ),
  'metrics/history': (p) =>
    firstError(
      () => checkKeys(p, ['series']),
      () => seriesError(p['series']),
    ),
};

/** Each series has aligned arrays: the sparkline indexes them together. */
function seriesError(value: unknown): string | undefined {
  if (!isRecord(value)) return "'series' must be an object";
  const numbers = (list: unknown, nullable: boolean): boolean =>
    Array.isArray(list) && list.every((v) => typeof v === 'number' || (nullable && v === null));
  for (const [id, series] of Object.entries(value)) {
    const ok =
      isRecord(series) &&
      numbers(series['times'], false) &&
      numbers(series['cpu'], true) &&
      numbers(series['memory'], true) &&
      (series['cpu'] as unknown[]).length === (series['times'] as unknown[]).length &&
      (series['memory'] as unknown[]).length === (series['times'] as unknown[]).length;
    if (!ok) return `'series[${id.slice(0, 64)}]' needs times, cpu and memory arrays of one length`;
  }
  return undefined;
}

/** Every figure has numeric CPU and memory use: the panel does arithmetic on them. */
function figuresError(value: unknown): string | undefined {
  if (!isRecord(value)) return "'figures' must be an object";
  const isMeasure = (m: unknown): boolean =>
    isRecord(m) &&
    typeof m['used'] === 'number' &&
    ['request', 'limit', 'allocatable'].every((key) => m[key] === undefined || typeof m[key] === 'number');
  for (const [id, figure] of Object.entries(value)) {
    if (!isRecord(figure) || !isMeasure(figure['cpu']) || !isMeasure(figure['memory']) || typeof figure['pods'] !== 'number')
      return `'figures[${id.slice(0, 64)}]' needs cpu and memory measures and a pod count`;
  }
  return undefined;
}

/** A translation bundle maps each English message to its translation: anything else would show as `[object Object]`. */
function bundleError(value: unknown): string | undefined {
  if (!isRecord(value)) return "'l10n' must be an object";
  return Object.values(value).every((message) => typeof message === 'string') ? undefined : "'l10n' must map messages to strings";
}

const SEVERITIES: readonly unknown[] = ['error', 'warning', 'info'];

/** The view counts findings by severity and groups them by kind: both must be there on every one. */
function findingsError(value: unknown): string | undefined {
  if (!Array.isArray(value)) return "'findings' must be an array";
  const bad = value.findIndex(
    (f) =>
      !isRecord(f) ||
      !SEVERITIES.includes(f['severity']) ||
      typeof f['kind'] !== 'string' ||
      typeof f['message'] !== 'string' ||
      !Array.isArray(f['objects']),
  );
  return bad === -1 ? undefined : `'findings[${bad}]' needs a severity, a kind, a message and objects`;
}

function isGraphShaped(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value['nodes']) && Array.isArray(value['edges']);
}

function isDeltaShaped(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const lists = ['addedNodes', 'changedNodes', 'removedNodes', 'addedEdges', 'changedEdges', 'removedEdges'];
  return lists.every((key) => Array.isArray(value[key]));
}

/**
 * Shape check for messages from the host. The host is trusted and already typed, so this only guards
 * the webview against protocol drift (an old webview meeting a newer host) rather than hostile input.
 */
export function parseHostMessage(value: unknown): ParseResult<HostMessage> {
  if (!isRecord(value) || typeof value['type'] !== 'string') return { ok: false, reason: 'not a message' };
  const type = value['type'];
  if (!Object.hasOwn(HOST_CHECKS, type)) return { ok: false, reason: `unknown message type '${type.slice(0, 64)}'` };
  const params = value['params'];
  if (!isRecord(params)) return { ok: false, reason: `${type}: 'params' must be an object` };
  const error = HOST_CHECKS[type as HostMessage['type']](params);
  if (error !== undefined) return { ok: false, reason: `${type}: ${error}` };
  return { ok: true, message: value as unknown as HostMessage };
}
