import type { GraphDelta, SourceLocation, TopologyGraph } from '../model/graph.js';
import { isEmptyDelta } from '../model/graph.js';
import type { KubeObject, ObjectRecord } from '../model/object.js';
import { ScopeTable, admitObject, isCrd } from '../model/scope.js';
import { parseId } from '../model/kinds.js';
import { claimsOf } from '../relations/registry.js';
import type { Claims, SelectorClaim } from '../relations/types.js';
import { DeltaTracker, diffGraphs, sortGraph } from './delta.js';
import { GraphState } from './graphState.js';
import { IdTable } from './idTable.js';
import { nodeOf } from './nodes.js';
import type { ResolveContext } from './resolve.js';
import { SelectableIndex, selectableOf } from './selectableIndex.js';
import { SelectorRegistry } from './selectorRegistry.js';
import { Watchers } from './watchers.js';

export interface InputObject {
  readonly object: KubeObject;
  readonly source?: SourceLocation;
  readonly valueLines?: ReadonlyMap<string, number>;
}

export interface ObjectEvent extends InputObject {
  readonly type: 'upsert' | 'delete';
}

export interface EngineOptions {
  /** Namespace for namespaced objects that name none (manifests). */
  readonly defaultNamespace?: string;
}

export interface EngineWarning {
  readonly message: string;
  readonly source?: SourceLocation;
}

const EMPTY_DELTA: GraphDelta = { addedNodes: [], changedNodes: [], removedNodes: [], addedEdges: [], changedEdges: [], removedEdges: [] };

/** Objects in, a typed graph out; `apply` updates it incrementally and returns what changed. */
export class TopologyEngine {
  readonly warnings: EngineWarning[] = [];
  private readonly defaultNamespace: string;
  private scopes = new ScopeTable();
  private ids = new IdTable();
  private records = new Map<string, ObjectRecord>();
  private recordsByNumber: (ObjectRecord | undefined)[] = [];
  private index = new SelectableIndex();
  private registry = new SelectorRegistry();
  private claims = new Map<string, Claims>();
  private watchers = new Watchers();
  private grants = new Map<string, Map<string, ObjectRecord>>();
  private hiddenKinds: ReadonlySet<string> = new Set();
  private state = this.newState();
  private cachedGraph: WeakRef<TopologyGraph> | undefined;

  constructor(options: EngineOptions = {}) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
  }

  /** A full build from scratch. */
  static build(objects: Iterable<InputObject>, options?: EngineOptions): TopologyEngine {
    const engine = new TopologyEngine(options);
    engine.load([...objects]);
    return engine;
  }

  /**
   * The whole graph, sorted. Reused until the next change while anyone still holds it: opening a view, a snapshot
   * and the insights often ask together, and at 100,000 objects each copy costs over half a second. Held weakly, so
   * a quiet cluster does not keep a second copy of its graph alive for nothing.
   */
  graph(): TopologyGraph {
    const cached = this.cachedGraph?.deref();
    if (cached) return cached;
    const graph = sortGraph(this.state.allNodes(), this.state.allEdges());
    this.cachedGraph = new WeakRef(graph);
    return graph;
  }

  record(id: string): ObjectRecord | undefined {
    return this.records.get(id);
  }

  objects(): IterableIterator<ObjectRecord> {
    return this.records.values();
  }

  get size(): number {
    return this.records.size;
  }

  /** Ids the engine holds numbers for: objects, placeholders and edge endpoints. Zero once every object is gone. */
  get heldIds(): number {
    return this.ids.size;
  }

  /** The id an object has (or would have) here, without admitting it. */
  idOf(object: KubeObject): string | undefined {
    const admitted = admitObject(object, this.scopes, this.defaultNamespace);
    return 'record' in admitted ? admitted.record.id : undefined;
  }

  /** The id a reference resolves to (scope from the built-ins and the CRDs seen). */
  refId(group: string, kind: string, namespace: string, name: string): string {
    return this.scopes.refId(group, kind, namespace, name);
  }

  apply(event: ObjectEvent): GraphDelta {
    if (isCrd(event.object)) {
      const changed = event.type === 'upsert' ? this.scopes.learn(event.object) : this.scopes.forget(event.object);
      if (changed) return this.rebuildWith(event);
    }
    const admitted = admitObject(event.object, this.scopes, this.defaultNamespace, event.source, event.valueLines);
    if ('problem' in admitted) {
      this.warnings.push({ message: admitted.problem, ...(event.source ? { source: event.source } : {}) });
      return EMPTY_DELTA;
    }
    const tracker = new DeltaTracker();
    this.state.tracker = tracker;
    try {
      this.applyRecord(event.type === 'upsert' ? admitted.record : undefined, admitted.record.id);
    } finally {
      this.state.tracker = undefined;
    }
    const delta = tracker.finish(this.state);
    if (!isEmptyDelta(delta)) this.cachedGraph = undefined;
    return delta;
  }

  private applyRecord(next: ObjectRecord | undefined, id: string): void {
    const previous = this.records.get(id);
    if (previous) this.unindex(previous);
    if (next) this.indexRecord(next);
    this.state.refreshNode(id);
    this.recomputeSource(id);
    const candidates = new Set<string>();
    for (const version of [previous, next]) {
      const selectable = version && selectableOf(version);
      if (selectable) this.registry.candidates(selectable.cls, selectable.item, candidates);
    }
    candidates.delete(id);
    for (const source of candidates) this.reevaluatePair(source, id);
    const self = this.ids.lookup(id);
    for (const producer of this.state.referencing(id)) if (producer !== self) this.state.rematerializeReferencing(producer, id);
    const kind = (next ?? previous)?.kind;
    if (kind === 'Namespace') for (const source of this.watchers.namespaceDependent()) this.recomputeSource(source);
    if (kind === 'ReferenceGrant') for (const source of this.watchers.grantDependent((next ?? previous)!.namespace)) this.recomputeSource(source);
  }

  private load(inputs: readonly InputObject[]): void {
    this.scopes = ScopeTable.fromObjects(inputs.map((input) => input.object));
    for (const input of inputs) {
      const admitted = admitObject(input.object, this.scopes, this.defaultNamespace, input.source, input.valueLines);
      if ('problem' in admitted) {
        this.warnings.push({ message: admitted.problem, ...(input.source ? { source: input.source } : {}) });
        continue;
      }
      const existing = this.records.get(admitted.record.id);
      if (existing) {
        this.warnings.push(duplicateWarning(existing, admitted.record));
        if (precedes(existing, admitted.record)) continue;
        this.unindex(existing);
      }
      this.indexRecord(admitted.record);
    }
    for (const id of this.records.keys()) this.state.refreshNode(id);
    for (const id of this.records.keys()) this.contribute(id);
    this.state.materializeAll();
  }

  /**
   * Kinds (`group/Kind`) the reader is not allowed to see (RBAC): references to absent objects of these kinds are
   * not drawn as broken. Changing the set re-resolves everything and reports the difference.
   */
  setHiddenKinds(kinds: ReadonlySet<string>): GraphDelta {
    if (kinds.size === this.hiddenKinds.size && [...kinds].every((kind) => this.hiddenKinds.has(kind))) return EMPTY_DELTA;
    const before = this.graph();
    const inputs = [...this.records.values()].map((record) => ({ object: record.object, ...(record.source ? { source: record.source } : {}) }));
    this.reset();
    this.hiddenKinds = new Set(kinds);
    this.load(inputs);
    return diffGraphs(before, this.graph());
  }

  /** A CRD changed a kind's scope, so ids may change: rebuild from the same objects and report the difference. */
  private rebuildWith(event: ObjectEvent): GraphDelta {
    const before = this.graph();
    const inputs = [...this.records.values()]
      .filter((record) => !(isCrd(record.object) && record.name === event.object.metadata?.name))
      .map((record) => ({ object: record.object, ...(record.source ? { source: record.source } : {}), ...(record.valueLines ? { valueLines: record.valueLines } : {}) }));
    if (event.type === 'upsert') inputs.push(event);
    this.reset();
    this.load(inputs);
    return diffGraphs(before, this.graph());
  }

  private reset(): void {
    this.cachedGraph = undefined;
    this.ids = new IdTable();
    this.records = new Map();
    this.recordsByNumber = [];
    this.index = new SelectableIndex();
    this.registry = new SelectorRegistry();
    this.claims = new Map();
    this.watchers = new Watchers();
    this.grants = new Map();
    this.state = this.newState();
  }

  private indexRecord(record: ObjectRecord): void {
    this.records.set(record.id, record);
    this.recordsByNumber[this.ids.acquire(record.id)] = record;
    this.index.add(record);
    if (record.kind === 'ReferenceGrant') {
      let grants = this.grants.get(record.namespace);
      if (!grants) this.grants.set(record.namespace, (grants = new Map()));
      grants.set(record.id, record);
    }
  }

  private unindex(record: ObjectRecord): void {
    this.records.delete(record.id);
    const id = this.ids.lookup(record.id)!;
    this.recordsByNumber[id] = undefined;
    this.ids.release(id);
    this.index.remove(record);
    this.grants.get(record.namespace)?.delete(record.id);
  }

  /** Recomputes every edge `id` produces, from its claims. */
  private recomputeSource(id: string): void {
    const touched = new Set<number>();
    this.contribute(id, touched);
    this.state.materialize(touched);
  }

  /**
   * Replaces the claims of `id` (registered for later events) and the edge drafts they make. Without `touched`
   * (a full build) the drafts are only recorded: `materializeAll` draws every edge once at the end.
   */
  private contribute(id: string, touched?: Set<number>): void {
    const old = this.claims.get(id);
    if (old) {
      this.watchers.unwatch(id, old);
      this.registry.unregister(id, old.selectors);
      this.claims.delete(id);
    }
    const producer = this.ids.lookup(id);
    if (producer !== undefined && touched) this.state.clearProducer(producer, touched);
    const record = this.records.get(id);
    if (!record || producer === undefined) return;
    const claims = claimsOf(record, { scopes: this.scopes });
    this.claims.set(id, claims);
    this.watchers.watch(id, claims);
    this.registry.register(id, claims.selectors);
    for (const claim of claims.refs) this.state.addRef(producer, claim, touched);
    for (const claim of claims.selectors) {
      // Selected objects are records, so their ids are held.
      for (const item of this.index.match(claim, id)) this.state.addSelected(producer, claim, this.ids.lookup(item.id)!, touched);
    }
  }

  /** Re-decides whether `source`'s selectors pick the one object `selected`. */
  private reevaluatePair(source: string, selected: string): void {
    const claims = this.claims.get(source);
    if (!claims) return;
    const record = this.records.get(selected);
    const selectable = record && selectableOf(record);
    const accepted: SelectorClaim[] = [];
    for (const claim of claims.selectors) {
      if (!selectable || claim.targetClass !== selectable.cls || !this.index.accepts(claim, selectable.item)) continue;
      accepted.push(claim);
    }
    this.state.replaceSelected(this.ids.lookup(source)!, selected, accepted);
  }

  private newState(): GraphState {
    const context: ResolveContext = {
      record: (id) => this.records.get(id),
      grantsIn: (namespace) => this.grants.get(namespace)?.values() ?? [],
      labelsOfNamespace: (namespace) => this.index.labelsOfNamespace(namespace),
      isHidden: (id) => this.hiddenKinds.size > 0 && this.hiddenKinds.has(kindKeyOf(id)),
    };
    return new GraphState(this.ids, context, (id) => this.recordsByNumber[id], (record) => nodeOf(record, this.scopes));
  }
}

function kindKeyOf(id: string): string {
  const { group, kind } = parseId(id);
  return `${group}/${kind}`;
}

function precedes(a: ObjectRecord, b: ObjectRecord): boolean {
  const key = (record: ObjectRecord): string =>
    record.source ? `${record.source.file}\u0000${String(record.source.line).padStart(9, '0')}` : JSON.stringify(record.object);
  return key(a) <= key(b);
}

function duplicateWarning(existing: ObjectRecord, duplicate: ObjectRecord): EngineWarning {
  const where = (record: ObjectRecord): string => (record.source ? `${record.source.file}:${record.source.line}` : 'input');
  const [kept, dropped] = precedes(existing, duplicate) ? [existing, duplicate] : [duplicate, existing];
  return {
    message: `duplicate ${kept.kind} ${kept.namespace ? `${kept.namespace}/` : ''}${kept.name}: ${where(dropped)} repeats ${where(kept)}; using the first`,
    ...(dropped.source ? { source: dropped.source } : {}),
  };
}
