import { DeltaCoalescer } from '../../engine/graph/coalescer.js';
import { TopologyEngine } from '../../engine/graph/engine.js';
import type { GraphDelta, TopologyGraph } from '../../engine/model/graph.js';
import type { KubeObject } from '../../engine/model/object.js';
import { ApiError, type ApiClient } from './apiClient.js';
import { customResourceNames, discover, type Discovery } from './discovery.js';
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
  private readonly abort = new AbortController();
  private timer: ReturnType<typeof setInterval> | undefined;
  private rediscoverTimer: ReturnType<typeof setTimeout> | undefined;
  discovery: Discovery | undefined;
  connection: ConnectionState = 'connecting';
  lastError: ApiError | undefined;

  /** Where object changes go (history recording); none while this window only reads history. */
  private objectListener: ((change: ObjectChangeEvent) => void) | undefined;

  constructor(private readonly client: ApiClient, private readonly options: SessionOptions) {}

  /**
   * Hands every object change, as it reaches the engine, to `listener` (history recording), from now on; undefined
   * stops it. Set before `start` to see the first lists too, whose changes have `live` false: the cluster as found.
   */
  recordObjects(listener: ((change: ObjectChangeEvent) => void) | undefined): void {
    this.objectListener = listener;
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
    this.coalescer.reset(graph.nodes.map((node) => node.id), graph.edges.map((edge) => edge.id));
    return graph;
  }

  kinds(): KindStatus[] {
    return [...this.states.values()].sort((a, b) => a.type.kind.localeCompare(b.type.kind));
  }

  openInformers(): number {
    return [...this.informers.values()].filter((informer) => !informer.disposed).length;
  }

  /** What the user cannot see, in words: kinds forbidden cluster-wide or in some namespaces. */
  hidden(): string[] {
    const result: string[] = [];
    for (const status of this.kinds()) {
      const scopes = [...status.scopes];
      const forbidden = scopes.filter(([scope, state]) => scope !== ALL && state.phase === 'forbidden').map(([scope]) => scope);
      const readable = scopes.filter(([scope, state]) => scope !== ALL && state.phase !== 'forbidden').map(([scope]) => scope);
      const clusterWideForbidden = status.scopes.get(ALL)?.phase === 'forbidden';
      if (!clusterWideForbidden && forbidden.length === 0) continue;
      const parts: string[] = [];
      if (clusterWideForbidden) parts.push(readable.length ? `cluster-wide list forbidden, shown for ${readable.join(', ')}` : 'forbidden');
      if (forbidden.length) parts.push(`forbidden in ${forbidden.join(', ')}`);
      result.push(`${status.type.resource}: ${parts.join('; ')}`);
    }
    return result;
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
    const informer = new Informer(this.client, type, namespace, {
      upsert: (object) => this.apply('upsert', object, type),
      remove: (object) => this.apply('delete', object, type),
      state: (state) => this.onInformerState(type, namespace, state),
    }, this.options.informer);
    this.informers.set(key, informer);
    informer.start();
  }

  private onInformerState(type: ResourceType, namespace: string | undefined, state: InformerState): void {
    const status = this.states.get(typeKey(type));
    if (!status) return;
    (status.scopes as Map<string, InformerState>).set(namespace ?? ALL, state);
    if (state.phase === 'forbidden' && namespace === undefined && type.namespaced) this.fallBackToNamespaces(type);
    if (state.phase === 'failing' && state.kind !== 'forbidden') this.connection = state.retryInMs !== undefined ? 'reconnecting' : 'offline';
    if (state.phase === 'live' && this.connection !== 'connected') this.connection = this.anyFailing() ? 'reconnecting' : 'connected';
    if (state.phase === 'forbidden') this.coalescer.push(this.engine.setHiddenKinds(this.hiddenKinds()));
    this.options.onStatus();
  }

  /** A cluster-wide list was forbidden: try the namespaces we know of, one by one (RBAC often allows that). */
  private fallBackToNamespaces(type: ResourceType): void {
    const namespaces = new Set<string>(this.options.namespaces ?? []);
    if (this.options.contextNamespace) namespaces.add(this.options.contextNamespace);
    for (const record of this.engine.objects()) if (record.kind === 'Namespace') namespaces.add(record.name);
    if (namespaces.size === 0) namespaces.add('default');
    for (const namespace of [...namespaces].sort()) this.startInformer(type, namespace);
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
    const listener = this.objectListener;
    const id = listener ? this.engine.idOf(object) : undefined;
    const before = id ? this.engine.record(id)?.object : undefined;
    this.coalescer.push(this.engine.apply({ type, object }));
    if (id && listener) {
      const live = [...(this.states.get(typeKey(resource))?.scopes.values() ?? [])].every((state) => state.phase === 'live');
      listener({ type, id, object, before, live });
    }
    if (object.kind === 'CustomResourceDefinition') this.scheduleRediscovery();
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
