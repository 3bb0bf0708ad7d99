import { DeltaCoalescer } from '../../engine/graph/coalescer.js';
import { TopologyEngine } from '../../engine/graph/engine.js';
import type { GraphDelta, TopologyGraph } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError, type ApiClient } from './apiClient.js';
import { customResourceNames, discover, type Discovery } from './discovery.js';
import { describeHidden } from './hiddenReport.js';
import { Informer, type InformerOptions, type InformerState } from './informer.js';
import { typeKey, type ResourceType } from './resources.js';

export interface KindStatus {
  readonly type: ResourceType;
  /** One entry per informer: the whole cluster (`*`) or one namespace. */
  readonly scopes: ReadonlyMap<string, InformerState>;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SessionOptions {
  /** Watch only these namespaces (namespaced kinds); empty: the whole cluster, falling back per namespace on 403. */
  readonly namespaces?: readonly string[];
  /** The context's namespace: tried when a cluster-wide list is forbidden. */
  readonly contextNamespace?: string;
  readonly flushIntervalMs?: number;
  readonly informer?: InformerOptions;
  onDelta(delta: GraphDelta): void;
  onStatus(): void;
}

export interface ObjectChangeEvent {
  readonly type: 'upsert' | 'delete';
  readonly id: string;
  readonly object: KubeObject;
  readonly before: KubeObject | undefined;
  readonly live: boolean;
}

const ALL = '*';

/**
 * One cluster connection: discovery, informers for every watched kind, the engine they feed, and coalesced
 * deltas out (at most one per flush interval, latest state wins). Disposing it stops every watch and timer.
 */
export class ClusterSession {
  readonly engine = new TopologyEngine();
  private readonly coalescer = new DeltaCoalescer();
  private readonly informers = new Map<string, Informer>();
  private readonly states = new Map<string, KindStatus>();
  /** Namespaced kinds whose cluster-wide list was refused, by typeKey: watched per namespace instead. */
  private readonly refused = new Map<string, ResourceType>();
  /** The Namespaces listed so far (kept here: reading them from the engine would scan every object per refused kind). */
  private readonly namespaces = new Set<string>();
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setInterval> | undefined;
  private rediscoverTimer: ReturnType<typeof setTimeout> | undefined;
  discovery: Discovery | undefined;
  connection: ConnectionState = 'connecting';
  lastError: ApiError | undefined;

  /** Where object changes go (history recording); none while this window only reads history. */
  private objectListener: ((change: ObjectChangeEvent) => void) | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly options: SessionOptions,
  ) {}

  /**
   * Hands every object change, as it reaches the engine, to `listener` (history recording), from now on; undefined
   * stops it. Set before `start` to see the first lists too, whose changes have `live` false: the cluster as found.
   */
  recordObjects(listener: ((change: ObjectChangeEvent) => void) | undefined): void {
    this.objectListener = listener;
  }

  /** The connection's API client (log streams use it, so they authenticate as the session does). */
  get api(): ApiClient {
    return this.client;
  }

  get disposed(): boolean {
    return this.abort.signal.aborted;
  }

  /** Discovers and starts watching; rejects only when the cluster cannot be reached or refuses us. */
  async start(): Promise<void> {
    await this.rediscover();
    this.timer = setInterval(() => this.flush(), this.options.flushIntervalMs ?? 100);
  }

  dispose(): void {
    if (this.disposed) return;
    this.abort.abort();
    clearInterval(this.timer);
    clearTimeout(this.rediscoverTimer);
    for (const informer of this.informers.values()) informer.dispose();
    this.informers.clear();
  }

  /** The graph as it is now; the receiver of later deltas starts from it. */
  snapshot(): TopologyGraph {
    // Changes still pending go out first: the reset below would drop them, and other receivers of the deltas
    // (the Resources tree) would never hear of them.
    this.flush();
    const graph = this.engine.graph();
    this.coalescer.reset(
      graph.nodes.map((node) => node.id),
      graph.edges.map((edge) => edge.id),
    );
    return graph;
  }

  kinds(): KindStatus[] {
    return [...this.states.values()].sort((a, b) => a.type.kind.localeCompare(b.type.kind));
  }

  openInformers(): number {
    return [...this.informers.values()].filter((informer) => !informer.disposed).length;
  }

  /** What the user cannot see, in words, what matters most first (Pods, Deployments, Services before CRDs). */
  hidden(): string[] {
    return describeHidden(this.kinds(), this.namespaceSources());
  }

  private async rediscover(): Promise<void> {
    const custom = await customResourceNames(this.client, this.abort.signal);
    const discovery = await discover(this.client, custom, this.abort.signal);
    if (this.disposed) return;
    this.discovery = discovery;
    this.connection = 'connected';
    const wanted = new Set(discovery.watched.map(typeKey));
    for (const [key, informer] of this.informers) {
      const type = informer.type;
      if (wanted.has(typeKey(type))) continue;
      informer.dispose();
      this.informers.delete(key);
      this.states.delete(typeKey(type));
      this.refused.delete(typeKey(type));
    }
    for (const type of discovery.watched) {
      if (this.states.has(typeKey(type))) continue;
      this.states.set(typeKey(type), { type, scopes: new Map() });
      const namespaces = type.namespaced && this.options.namespaces?.length ? this.options.namespaces : [undefined];
      for (const namespace of namespaces) this.startInformer(type, namespace);
    }
    this.options.onStatus();
  }

  private startInformer(type: ResourceType, namespace: string | undefined): void {
    const key = `${typeKey(type)}@${namespace ?? ALL}`;
    if (this.informers.has(key) || this.disposed) return;
    const informer = new Informer(
      this.client,
      type,
      namespace,
      {
        upsert: (object) => this.apply('upsert', object, type),
        upsertPage: (objects) => this.applyPage(objects, type),
        remove: (object) => this.apply('delete', object, type),
        state: (state) => this.onInformerState(type, namespace, state),
      },
      this.options.informer,
    );
    this.informers.set(key, informer);
    informer.start();
  }

  private onInformerState(type: ResourceType, namespace: string | undefined, state: InformerState): void {
    const status = this.states.get(typeKey(type));
    if (!status) return;
    (status.scopes as Map<string, InformerState>).set(namespace ?? ALL, state);
    if (state.phase === 'forbidden' && namespace === undefined && type.namespaced) this.fallBackToNamespaces(type);
    if (state.phase === 'failing' && state.kind !== 'forbidden')
      this.connection = state.retryInMs !== undefined ? 'reconnecting' : 'offline';
    if (state.phase === 'live' && this.connection !== 'connected') this.connection = this.anyFailing() ? 'reconnecting' : 'connected';
    // A kind refused everywhere so far may become readable in a namespace listed later: hidden no more.
    if (state.phase === 'forbidden' || (state.phase === 'live' && namespace !== undefined)) {
      this.coalescer.push(this.engine.setHiddenKinds(this.hiddenKinds()));
    }
    this.options.onStatus();
  }

  /**
   * A cluster-wide list was forbidden: watch the kind in every namespace we know of, one by one (RBAC often allows
   * that). The set follows the Namespace list: a namespace listed later gets the refused kinds too (see onNamespace).
   */
  private fallBackToNamespaces(type: ResourceType): void {
    this.refused.set(typeKey(type), type);
    for (const namespace of this.fallbackNamespaces()) this.startInformer(type, namespace);
  }

  /** The namespaces the listed Namespaces name; where the Namespace list is forbidden, the configured ones alone. */
  private fallbackNamespaces(): string[] {
    const { configured } = this.namespaceSources();
    const namespaces = new Set<string>(configured);
    for (const namespace of this.namespaces) namespaces.add(namespace);
    if (namespaces.size === 0) namespaces.add('default');
    return [...namespaces].sort();
  }

  /** The kubeconfig's namespace and `kubilitics.watchNamespaces`, and whether the Namespace list is refused. */
  private namespaceSources(): { configured: string[]; namespaceListForbidden: boolean; contextNamespace?: string } {
    const configured = [...(this.options.namespaces ?? []), ...(this.options.contextNamespace ? [this.options.contextNamespace] : [])];
    const namespaceStatus = [...this.states.values()].find((status) => status.type.kind === 'Namespace' && status.type.group === '');
    const namespaceListForbidden = namespaceStatus?.scopes.get(ALL)?.phase === 'forbidden';
    const context = this.options.contextNamespace;
    return { configured, namespaceListForbidden, ...(context ? { contextNamespace: context } : {}) };
  }

  /** A Namespace appeared or went: the kinds refused cluster-wide are watched in it, or stop being watched there. */
  private onNamespace(type: 'upsert' | 'delete', name: string): void {
    if (type === 'upsert') this.namespaces.add(name);
    else this.namespaces.delete(name);
    if (this.refused.size === 0) return;
    if (type === 'upsert') {
      for (const refused of this.refused.values()) this.startInformer(refused, name);
      return;
    }
    if (this.namespaceSources().configured.includes(name)) return;
    for (const refused of this.refused.values()) {
      const key = `${typeKey(refused)}@${name}`;
      this.informers.get(key)?.disposeAndForget();
      this.informers.delete(key);
      (this.states.get(typeKey(refused))?.scopes as Map<string, InformerState> | undefined)?.delete(name);
    }
    this.options.onStatus();
  }

  /** Kinds the user can read nowhere: references to them are unknown, not broken. */
  private hiddenKinds(): Set<string> {
    const hidden = new Set<string>();
    for (const status of this.states.values()) {
      const states = [...status.scopes.values()];
      const clusterWide = status.scopes.get(ALL)?.phase === 'forbidden';
      const fallbackPending = status.type.namespaced && clusterWide && states.length === 1;
      if (states.length > 0 && !fallbackPending && states.every((state) => state.phase === 'forbidden')) {
        hidden.add(`${status.type.group || 'core'}/${status.type.kind}`);
      }
    }
    return hidden;
  }

  private anyFailing(): boolean {
    return [...this.states.values()].some((status) => [...status.scopes.values()].some((state) => state.phase === 'failing'));
  }

  private apply(type: 'upsert' | 'delete', object: KubeObject, resource: ResourceType): void {
    if (this.disposed) return;
    const change = this.changeBefore(object);
    this.coalescer.push(this.engine.apply({ type, object }));
    this.afterChange(type, object, resource, change);
  }

  /** A page of a list: one engine batch and one delta; then, per object, what a single change would tell. */
  private applyPage(objects: readonly KubeObject[], resource: ResourceType): void {
    if (this.disposed || objects.length === 0) return;
    const changes = objects.map((object) => this.changeBefore(object));
    this.coalescer.push(this.engine.applyBatch(objects.map((object) => ({ type: 'upsert', object }))));
    objects.forEach((object, index) => this.afterChange('upsert', object, resource, changes[index]));
  }

  /** The id and the object before a change, for the object listener (nothing without one). */
  private changeBefore(object: KubeObject): { id: string; before: KubeObject | undefined } | undefined {
    const id = this.objectListener ? this.engine.idOf(object) : undefined;
    return id ? { id, before: this.engine.record(id)?.object } : undefined;
  }

  private afterChange(
    type: 'upsert' | 'delete',
    object: KubeObject,
    resource: ResourceType,
    change: { id: string; before: KubeObject | undefined } | undefined,
  ): void {
    if (resource.kind === 'Namespace' && resource.group === '' && object.metadata?.name) this.onNamespace(type, object.metadata.name);
    const listener = this.objectListener;
    if (change && listener) {
      const live = [...(this.states.get(typeKey(resource))?.scopes.values() ?? [])].every((state) => state.phase === 'live');
      listener({ type, id: change.id, object, before: change.before, live });
    }
    // A new CRD adds kinds; a new APIService may add a group (metrics-server installed after connecting).
    if (object.kind === 'CustomResourceDefinition' || object.kind === 'APIService') this.scheduleRediscovery();
  }

  private scheduleRediscovery(): void {
    clearTimeout(this.rediscoverTimer);
    this.rediscoverTimer = setTimeout(() => {
      this.rediscover().catch((error: unknown) => {
        this.lastError = error instanceof ApiError ? error : new ApiError('bad-response', String(error));
        this.options.onStatus();
      });
    }, 1000);
  }

  private flush(): void {
    const delta = this.coalescer.flush();
    if (delta) this.options.onDelta(delta);
  }
}
