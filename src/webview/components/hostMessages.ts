/** What each host message does to the view: one small function per message type. */
import * as l10n from '@vscode/l10n';
import type { CanvasController } from '../canvas/canvasController';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import type { Host } from '../host';
import type { HostMessage, Message, MetricsUpdate, NodeActionState, TimelineState } from '../../protocol/messages';
import type { MetricsSeries } from '../../engine/metrics/history';
import { ViewExportResult, createMessage } from '../../protocol/messages';
import type { GraphMeta, HostStatus } from './graphMeta';
import { revealOptions } from './reveal';
import { applyDisplayLanguage } from '../displayLanguage';
import { expectedPlaceholders } from '../../engine/findings';

export interface MessageContext {
  readonly host: Host;
  readonly store: GraphStore;
  readonly controller: CanvasController | null;
  /** What is shown now: a graph/init of another title (another context) is another cluster. */
  readonly meta: GraphMeta | null;
  setMeta(meta: GraphMeta): void;
  /** Replaces the findings, keeping title and mode. */
  updateMeta(meta: Pick<GraphMeta, 'findings'>): void;
  setGraphVersion(version: number): void;
  setStatus(status: HostStatus): void;
  setTimeline(timeline: TimelineState): void;
  /** null: none yet (a new graph: figures of the previous one, perhaps another cluster, must not linger). */
  setMetrics(metrics: MetricsUpdate | null): void;
  /** The last polls of the objects the view watches; emptied with a new graph, as the figures are. */
  setMetricsHistory(series: Readonly<Record<string, MetricsSeries>>): void;
  /** The actions offered on the selected object (cluster views); null on a new graph. */
  setObjectActions(actions: { readonly id: string; readonly actions: readonly NodeActionState[] } | null): void;
  /** What the user chose to see now: exported with the positions, so an export shows exactly this. */
  readonly viewOptions: ViewOptions;
  updateView(change: (view: ViewOptions) => ViewOptions): void;
  /** Selects `id` and centres the canvas on it once it is drawn. */
  reveal(id: string): void;
}

type Params<T extends HostMessage['type']> = Extract<HostMessage, Message<T, unknown>>['params'];

function focus(ctx: MessageContext, { id, neighbourhood }: Params<'view/focus'>): void {
  const node = ctx.store.nodes.get(id);
  if (node !== undefined) {
    ctx.updateView((v) => {
      const revealed = revealOptions(v, node, ctx.store);
      return neighbourhood === true ? { ...revealed, focus: { id, hops: v.focus?.hops ?? 1 } } : revealed;
    });
  }
  ctx.reveal(id);
}

function exportView(ctx: MessageContext, { requestId, format, scale }: Params<'view/export'>): void {
  const c = ctx.controller;
  const result =
    c === null
      ? { requestId, format, data: '', error: l10n.t('The view is not ready') }
      : { requestId, format, data: format === 'png' ? c.exportPng(scale) : c.positionsJson(ctx.viewOptions) };
  ctx.host.post(createMessage(ViewExportResult, result));
}

export function handleHostMessage(message: HostMessage, ctx: MessageContext): void {
  switch (message.type) {
    case 'graph/init': {
      applyDisplayLanguage(message.params);
      const another = ctx.meta !== null && ctx.meta.title !== message.params.title;
      ctx.store.reset(message.params.graph);
      ctx.store.setExpected(expectedPlaceholders(message.params.findings));
      const { l10n: _translations, language: _language, ...meta } = message.params;
      ctx.setMeta(meta);
      // Focus on an object of another context would show an empty view: it goes, unless this graph has that id too.
      if (another) ctx.updateView((v) => (v.focus !== null && !ctx.store.nodes.has(v.focus.id) ? { ...v, focus: null } : v));
      // The host sends the current figures right after init, when it has any.
      ctx.setMetrics(null);
      ctx.setMetricsHistory({});
      ctx.setObjectActions(null);
      ctx.setGraphVersion(ctx.store.version);
      return;
    }
    case 'graph/delta':
      ctx.store.applyDelta(message.params.delta);
      ctx.setGraphVersion(ctx.store.version);
      return;
    case 'timeline/state':
      ctx.setTimeline(message.params);
      return;
    case 'graph/meta':
      ctx.updateMeta(message.params);
      // Findings decide which placeholders are drawn as made elsewhere rather than broken.
      if (ctx.store.setExpected(expectedPlaceholders(message.params.findings))) ctx.setGraphVersion(ctx.store.version);
      return;
    case 'view/focus':
      focus(ctx, message.params);
      return;
    case 'view/status':
      ctx.setStatus({ ...message.params });
      return;
    case 'view/export':
      exportView(ctx, message.params);
      return;
    case 'metrics/update':
      ctx.setMetrics(message.params);
      return;
    case 'metrics/history':
      ctx.setMetricsHistory(message.params.series);
      return;
    case 'node/actions':
      ctx.setObjectActions(message.params);
      return;
  }
}
