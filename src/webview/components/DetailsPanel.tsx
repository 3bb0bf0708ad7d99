/**
 * Details of the selected object: identity, status, labels, relations (as links), insights, source. Shown only while
 * something is selected; beside the canvas in a wide panel, over it in a narrow one (main.css).
 */
import * as l10n from '@vscode/l10n';
import type { JSX } from 'preact';
import { appOfGroup } from '../../engine/viewModel/applications';
import type { TopologyNode } from '../../engine/model/graph';
import { isLogKind } from '../../engine/logs/targets';
import { kindVisual } from '../../engine/visual/kinds';
import { STATUS_TONE } from '../../engine/visual/status';
import type { ViewGraph, ViewNode } from '../../engine/viewModel/viewGraph';
import { GROUP_PREFIX, POD_AGGREGATE_PREFIX } from '../../engine/viewModel/viewGraph';
import type { GraphStore } from '../../engine/viewModel/graphStore';
import { nameFromId } from '../../engine/viewModel/graphStore';
import { shownStatus } from '../../engine/viewModel/eventFolds';
import type { ViewOptions } from '../../engine/viewModel/viewOptions';
import { CLUSTER_SCOPE_LABEL, toggle } from '../../engine/viewModel/viewOptions';
import type { Finding } from '../../engine/findings';
import { cssColor, statusColor } from './cssColor';
import { MetricsSection, metricsIdOf } from './MetricsSection';
import { RecentEvents } from './RecentEvents';
import type { MetricsUpdate, NodeActionState } from '../../protocol/messages';
import type { ActionId } from '../../engine/actions/catalog';
import { ObjectActions } from './ObjectActions';
import { Insights, Relations } from './DetailsRelations';
import type { MetricsSeries } from '../../engine/metrics/history';
import { figuresOfDrawn } from '../../engine/metrics/aggregate';

export interface DetailsPanelProps {
  readonly store: GraphStore;
  readonly graphVersion: number;
  readonly view: ViewGraph;
  readonly selection: string | null;
  /** Every finding; the panel shows those about the selected object. */
  readonly findings: readonly Finding[];
  /** Cluster views: the last metrics.k8s.io poll (null elsewhere, or before the first). */
  readonly metrics?: MetricsUpdate | null;
  /** The last polls of the objects the panel shows (metrics/history), by id. */
  readonly metricsHistory?: Readonly<Record<string, MetricsSeries>>;
  readonly options: ViewOptions;
  readonly onSelect: (id: string) => void;
  readonly onView: (change: (view: ViewOptions) => ViewOptions) => void;
  readonly onActivate: (id: string) => void;
  readonly onOpenSource: (id: string) => void;
  /** Set in cluster views: opens the object's recorded history. */
  readonly onShowHistory?: (id: string) => void;
  /** Set in cluster views: opens the logs of a Pod, a workload or a Service. */
  readonly onShowLogs?: (id: string) => void;
  /** Cluster views: the actions the host offers on the selected object (node/actions), and how to run one. */
  readonly objectActions?: { readonly id: string; readonly actions: readonly NodeActionState[] } | null;
  readonly onAction?: (action: ActionId, id: string) => void;
  /** The × button and Escape: clears the selection, which hides the panel. */
  readonly onClose: () => void;
}

/** The Kubernetes field, named as in the API whatever the display language. */
const NAMESPACE_FIELD = 'Namespace';

export function DetailsPanel(props: DetailsPanelProps): JSX.Element {
  const { store, view, selection } = props;
  const node = selection === null ? undefined : store.nodes.get(selection);
  const viewNode = selection === null ? undefined : view.nodes.find((n) => n.id === selection);
  let body: JSX.Element;
  if (node !== undefined) body = <NodeDetails {...props} node={node} />;
  else if (viewNode?.aggregate !== undefined) body = <AggregateDetails {...props} node={viewNode} />;
  else if (selection?.startsWith(GROUP_PREFIX) === true) body = <GroupDetails {...props} id={selection} />;
  else body = <p class="empty">{l10n.t('This object is not in the view any more.')}</p>;
  return (
    <aside
      class="details"
      aria-label={l10n.t('Details')}
      data-testid="details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <button
        type="button"
        class="icon details-close"
        aria-label={l10n.t('Close details')}
        title={l10n.t('Close (Escape)')}
        onClick={props.onClose}
      >
        ×
      </button>
      {body}
    </aside>
  );
}

/** `label`: what the second line says instead of the kind (an application drawn in its main workload's colours). */
interface HeaderProps {
  readonly kind: string;
  readonly name: string;
  readonly missing: boolean;
  /** A missing placeholder whose absence is expected (made outside the files). */
  readonly expected?: boolean;
  readonly label?: string;
}

function Header({ kind, name, missing, expected = false, label }: HeaderProps): JSX.Element {
  const visual = kindVisual(kind, missing, expected);
  return (
    <header class="details-header">
      <span class="tag" style={{ borderColor: cssColor(visual.color), color: cssColor(visual.color) }}>
        {visual.abbreviation}
      </span>
      <div>
        <h2 class="details-name">{name}</h2>
        <div class="details-kind">{label ?? kind}</div>
      </div>
    </header>
  );
}

function StatusLine({ node }: { node: Pick<TopologyNode, 'status' | 'detail'> }): JSX.Element {
  return (
    <div class="status-line">
      <span class="status-dot" style={{ borderColor: statusColor(node.status) }} aria-hidden="true" />
      <span>{node.status}</span>
      {node.detail !== undefined && <span class="muted">{` · ${node.detail}`}</span>}
    </div>
  );
}

function NodeDetails(props: DetailsPanelProps & { node: TopologyNode }): JSX.Element {
  const { node, store, onSelect } = props;
  const shownAs = props.view.representative.get(node.id);
  const labels = Object.entries(node.labels).sort(([a], [b]) => (a < b ? -1 : 1));
  const insights = props.findings.filter((i) => i.objects.includes(node.id));
  const collapsedPod = node.kind === 'Pod' && node.controller !== undefined && shownAs?.startsWith(POD_AGGREGATE_PREFIX);
  const expected = store.isExpected(node.id);
  return (
    <div class="details-body">
      <Header kind={node.kind} name={node.name} missing={node.missing === true} expected={expected} />
      <dl class="facts">
        <dt>{NAMESPACE_FIELD}</dt>
        <dd>{node.namespace === '' ? CLUSTER_SCOPE_LABEL : node.namespace}</dd>
        <dt>{l10n.t('Status')}</dt>
        <dd>
          {/* As drawn: an object a recent Warning Event is about reads Degraded here too. */}
          <StatusLine node={{ status: shownStatus(store, node), detail: node.detail }} />
        </dd>
      </dl>
      {node.missing === true && !expected && (
        <p class="notice error">{l10n.t('Referenced but not found: nothing in the input defines this object.')}</p>
      )}
      {expected && <p class="notice">{l10n.t('Not in the files, as expected: it is made outside them (see the note below).')}</p>}
      {shownAs === undefined && <p class="notice">{l10n.t('Hidden by the current filters.')}</p>}
      <NodeActions {...props} collapsedPod={collapsedPod === true} />
      {props.onAction !== undefined && props.objectActions?.id === node.id && !node.missing && (
        <ObjectActions id={node.id} actions={props.objectActions.actions} onAction={props.onAction} />
      )}
      {node.source !== undefined && (
        <p class="source" title={node.source.file}>
          {`${basename(node.source.file)}:${node.source.line}`}
        </p>
      )}
      {!node.missing && (
        <MetricsSection metrics={props.metrics ?? null} id={node.id} kind={node.kind} history={props.metricsHistory?.[node.id]} />
      )}
      {insights.length > 0 && <Insights insights={insights} />}
      {node.kind !== 'Event' && <RecentEvents store={store} ids={[node.id]} onSelect={onSelect} />}
      <Relations title={l10n.t('Outgoing')} edges={store.outgoing(node.id)} store={store} from={node.id} onSelect={onSelect} />
      <Relations title={l10n.t('Incoming')} edges={store.incoming(node.id)} store={store} from={node.id} onSelect={onSelect} />
      {labels.length > 0 && (
        <section>
          <h3>{l10n.t('Labels')}</h3>
          <ul class="labels">
            {labels.map(([k, v]) => (
              <li key={k}>
                <code>{`${k}=${v}`}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function NodeActions(props: DetailsPanelProps & { node: TopologyNode; collapsedPod: boolean }): JSX.Element {
  const { node, onView, options } = props;
  const owner = node.kind === 'Pod' ? node.controller : undefined;
  const toggleOwner = (): void => onView((v) => ({ ...v, expandedOwners: toggle(v.expandedOwners, owner ?? '') }));
  return (
    <div class="actions">
      {node.source !== undefined && (
        <button type="button" class="primary" onClick={() => props.onOpenSource(node.id)} title={node.source.file}>
          {l10n.t('Go to YAML')}
        </button>
      )}
      <button type="button" onClick={() => onView((v) => ({ ...v, focus: { id: node.id, hops: v.focus?.hops ?? 1 } }))}>
        {l10n.t('Focus neighbourhood')}
      </button>
      {props.onShowLogs !== undefined && !node.missing && isLogKind(node.kind) && (
        <button type="button" onClick={() => props.onShowLogs?.(node.id)} title={l10n.t('Stream the logs of its Pods in a terminal')}>
          {l10n.t('Logs')}
        </button>
      )}
      {props.onShowHistory !== undefined && !node.missing && (
        <button type="button" onClick={() => props.onShowHistory?.(node.id)}>
          {l10n.t('History')}
        </button>
      )}
      {owner !== undefined && props.collapsedPod && (
        <button type="button" onClick={toggleOwner}>
          {l10n.t('Show pods one by one')}
        </button>
      )}
      {owner !== undefined && options.expandedOwners.includes(owner) && (
        <button type="button" onClick={toggleOwner}>
          {l10n.t('Collapse pods')}
        </button>
      )}
    </div>
  );
}

/** A folded namespace holds thousands of objects: the panel lists this many, failing ones first. */
const MEMBER_LIST_LIMIT = 200;

function AggregateDetails(props: DetailsPanelProps & { node: ViewNode }): JSX.Element {
  const { node, store } = props;
  const listed = listedMembers(store, node.members);
  // An application is drawn in its main workload's colours: the header says what it is, and where.
  const app = appOfGroup(node.id);
  return (
    <div class="details-body">
      <Header
        kind={node.kind}
        name={node.name}
        missing={false}
        {...(app === undefined
          ? {}
          : { label: app.namespace === '' ? l10n.t('Application in cluster scope') : l10n.t('Application in {0}', app.namespace) })}
      />
      <StatusLine node={node} />
      {node.summary !== undefined && (
        <p data-testid="group-summary">
          {l10n.t(
            '{0} objects · {1} failing · {2} broken references · most: {3}',
            node.summary.objects,
            node.summary.failing,
            node.summary.broken,
            node.summary.topKinds.map((k) => `${k.count} ${k.kind}`).join(', '),
          )}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={() => props.onActivate(node.id)}>
          {foldButtonText(node)}
        </button>
      </div>
      {node.aggregate !== 'events' && <FoldUsage {...props} node={node} />}
      {node.aggregate === 'pods' && <RecentEvents store={store} ids={node.members} onSelect={props.onSelect} />}
      <section>
        <h3>{l10n.t('Members ({0})', node.members.length)}</h3>
        <ul class="relations">
          {listed.map((id) => {
            const member = store.nodes.get(id);
            return (
              <li key={id}>
                <span class="status-dot" style={{ borderColor: statusColor(member?.status ?? 'Unknown') }} aria-hidden="true" />
                <button type="button" class="link" onClick={() => props.onSelect(id)}>
                  {`${member?.kind ?? ''} ${member?.name ?? nameFromId(id)}`.trim()}
                </button>
                <span class="via">{member?.status ?? ''}</span>
              </li>
            );
          })}
        </ul>
        {listed.length < node.members.length && (
          <p>{l10n.t('… and {0} more: open the group to see them', node.members.length - listed.length)}</p>
        )}
      </section>
    </div>
  );
}

/** A fold's usage: the sum of its Pods, as the overlay colours it (engine/metrics/aggregate.ts). */
function FoldUsage(props: DetailsPanelProps & { node: ViewNode }): JSX.Element | null {
  const metrics = props.metrics ?? null;
  const figures = metrics?.state === 'live' ? figuresOfDrawn(props.node, metrics.figures) : undefined;
  if (figures === undefined) return null;
  const history = props.metricsHistory?.[metricsIdOf(props.node.id)];
  return <MetricsSection metrics={metrics} id={props.node.id} kind={props.node.kind} figures={figures} history={history} />;
}

function foldButtonText(node: ViewNode): string {
  if (node.aggregate === 'events') return l10n.t('Show events one by one');
  if (node.aggregate !== 'pods') return l10n.t('Open group');
  return node.tag === 'PODS' ? l10n.t('Show pods one by one') : l10n.t('Show what it runs one by one');
}

/** Failing members first (they are why a group is red), then the rest in order, up to the limit. */
function listedMembers(store: DetailsPanelProps['store'], members: readonly string[]): string[] {
  if (members.length <= MEMBER_LIST_LIMIT) return [...members];
  const failing = members.filter((id) => STATUS_TONE[store.nodes.get(id)?.status ?? 'Unknown'] === 'bad');
  const first = new Set(failing);
  const rest = members.filter((id) => !first.has(id));
  return [...failing, ...rest].slice(0, MEMBER_LIST_LIMIT);
}

function GroupDetails(props: DetailsPanelProps & { id: string }): JSX.Element {
  const namespace = props.id.slice(GROUP_PREFIX.length);
  const count = props.view.nodes.filter((n) => n.parent === props.id).length;
  return (
    <div class="details-body">
      <Header kind="Namespace" name={namespace === '' ? CLUSTER_SCOPE_LABEL : namespace} missing={false} />
      <p>{count === 1 ? l10n.t('1 object shown') : l10n.t('{0} objects shown', count)}</p>
      {namespace !== '' && (
        <MetricsSection
          metrics={props.metrics ?? null}
          id={`core/Namespace//${namespace}`}
          kind="Namespace"
          history={props.metricsHistory?.[`core/Namespace//${namespace}`]}
        />
      )}
      {namespace !== '' && (
        <div class="actions">
          <button type="button" onClick={() => props.onActivate(props.id)}>
            {l10n.t('Collapse namespace')}
          </button>
        </div>
      )}
    </div>
  );
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
