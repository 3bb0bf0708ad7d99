/**
 * The topology engine: Kubernetes objects in, a typed graph out, kept up to date one event at a time
 * (`apply` returns the delta a view needs). This folder's entry point; the other files are its parts.
 *
 * Words the folder uses:
 * - **producer**: an object whose fields point at others (a Pod naming its ConfigMap, a Service's selector).
 *   Each relation family in relations/ reads a producer and returns its **claims**.
 * - **claim**: what a producer says it is related to, before anything is looked up: a reference to one named
 *   object (`RefClaim`) or a label selector over many (`SelectorClaim`). Claims of a producer are replaced
 *   whole when it changes.
 * - **draft**: one producer's contribution to one edge (type, direction, `via` text, optional or not), made from
 *   a claim once its target is known. Several producers can draft the same edge (draftTable.ts).
 * - **materialize**: merge an edge's drafts and resolve its ends into the edge as drawn: present, broken
 *   (missing, not permitted, uid mismatch) or skipped (an optional reference to an absent object). A full build
 *   records drafts only and materializes every edge once at the end (`materializeAll`).
 * - **slot**: a row number in one of the columnar tables (edges, drafts): typed arrays indexed by slot instead of
 *   one object per edge; freed slots are reused (`SlotPool`). Object ids become small numbers the same way
 *   (idTable.ts).
 * - **held object**: an object the engine has been given and not yet told is deleted (heldObjects.ts); a
 *   **placeholder** node stands for an object that is referenced but not held.
 */
import type { GraphDelta, SourceLocation, TopologyGraph } from '../model/graph.js';
import { isEmptyDelta } from '../model/graph.js';
import type { KubeObject, ObjectRecord } from '../model/object.js';
import { ScopeTable, admitObject, isCrd } from '../model/scope.js';
import { claimsInto } from '../relations/registry.js';
import type { Claims, SelectorClaim } from '../relations/types.js';
import { DeltaTracker, diffGraphs, foldDeltas, sortGraph } from './delta.js';
import { GraphState } from './graphState.js';
import { IdTable } from './idTable.js';
import { HeldObjects } from './heldObjects.js';
import { HeldResolveContext } from './resolve.js';
import { selectableOf } from './selectableIndex.js';
import { holdPage, reevaluatePair, resolvePage, type PageParts } from './pageApply.js';
import { SelectorClaims } from './selectorClaims.js';
import { Watchers, namespaceLabelsChanged } from './watchers.js';
import { keepShapesOf } from './shapes.js';
import { duplicateWarning, precedes } from './duplicates.js';
import type { EngineWarning } from './engineWarning.js';

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

const EMPTY_DELTA: GraphDelta = { addedNodes: [], changedNodes: [], removedNodes: [], addedEdges: [], changedEdges: [], removedEdges: [] };

/** Objects in, a typed graph out; `apply` updates it incrementally and returns what changed. */
export class TopologyEngine {
  readonly warnings: EngineWarning[] = [];
  private readonly defaultNamespace: string;
  private scopes = new ScopeTable();
  private relationContext = { scopes: this.scopes };
  private ids = new IdTable();
  private held = new HeldObjects(this.ids);
  private selectors = new SelectorClaims(this.ids);
  private watchers = new Watchers();
  private hiddenKinds: ReadonlySet<string> = new Set();
  private state = this.newState();
  private cachedGraph: WeakRef<TopologyGraph> | undefined;
  /** Claims are read once, as they are made: one pair of arrays serves every object (selectors are copied to keep). */
  private readonly scratchClaims: Claims = { refs: [], selectors: [] };

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
    return this.held.at(this.ids.lookup(id));
  }

  objects(): IterableIterator<ObjectRecord> {
    return this.held.live();
  }

  get size(): number {
    return this.held.size;
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
    const record = this.admit(event);
    if (!record) return EMPTY_DELTA;
    return this.tracked(() => this.applyRecord(event.type === 'upsert' ? record : undefined, record.id));
  }

  /**
   * A page of a list as one change: every object is held first, then each one's claims and selectors are read once
   * against the whole page, and every edge the page feeds is drawn once at the end, in one delta. The graph is the one
   * `apply` gives for the same events in order (test/engine/graph/batch.test.ts). Pages with a CRD go one by one: a
   * CRD may change a kind's scope, and so every id.
   */
  applyBatch(events: readonly ObjectEvent[]): GraphDelta {
    if (events.some((event) => isCrd(event.object))) return foldDeltas(events.map((event) => this.apply(event)));
    const parts = this.pageParts();
    return this.tracked(() => resolvePage(parts, holdPage(parts, events)), false);
  }

  /** Runs `change` with a delta tracker on the graph and returns what it changed (by id if `sorted`). */
  private tracked(change: () => void, sorted = true): GraphDelta {
    const tracker = new DeltaTracker();
    this.state.tracker = tracker;
    try {
      change();
    } finally {
      this.state.tracker = undefined;
    }
    const delta = tracker.finish(this.state, sorted);
    if (!isEmptyDelta(delta)) this.cachedGraph = undefined;
    return delta;
  }

  /** An object as a record, or undefined with a warning saying why it cannot be held. */
  private admit(input: InputObject): ObjectRecord | undefined {
    const admitted = admitObject(input.object, this.scopes, this.defaultNamespace, input.source, input.valueLines);
    if ('record' in admitted) return admitted.record;
    this.warnings.push({ message: admitted.problem, ...(input.source ? { source: input.source } : {}) });
    return undefined;
  }

  private pageParts(): PageParts<ObjectEvent> {
    return {
      admit: (input) => this.admit(input),
      scopes: this.scopes,
      ids: this.ids,
      held: this.held,
      selectors: this.selectors,
      watchers: this.watchers,
      state: this.state,
      contributeOf: (id, touched) => this.contributeOf(id, touched),
    };
  }

  /** `recomputeSource` without drawing: the edges it feeds join `touched`. */
  private contributeOf(id: string, touched: Set<number>): void {
    const producer = this.ids.lookup(id);
    if (producer !== undefined) this.contributeAt(producer, touched);
  }

  private applyRecord(next: ObjectRecord | undefined, id: string): void {
    const previous = this.record(id);
    if (previous) this.held.remove(previous);
    if (next) this.held.add(next, this.scopes);
    this.state.refreshNode(id);
    this.recomputeSource(id);
    const candidates = new Set<string>();
    for (const version of [previous, next]) {
      const selectable = version && selectableOf(version);
      if (selectable) this.selectors.candidates(selectable.cls, selectable.item, candidates);
    }
    candidates.delete(id);
    for (const source of candidates) reevaluatePair(this.pageParts(), source, id);
    const self = this.ids.lookup(id);
    for (const producer of this.state.referencing(id)) if (producer !== self) this.state.rematerializeReferencing(producer, id);
    const kind = (next ?? previous)?.kind;
    if (kind === 'Namespace' && namespaceLabelsChanged(previous, next))
      for (const source of this.watchers.namespaceDependent()) this.recomputeSource(source);
    if (kind === 'ReferenceGrant')
      for (const source of this.watchers.grantDependent((next ?? previous)!.namespace)) this.recomputeSource(source);
  }

  /**
   * Indexed loops: this runs once per build, so its loops are compiled on the fly (on-stack replacement), where a
   * `for…of` still allocates an iterator result per object.
   */
  private load(inputs: readonly InputObject[]): void {
    this.scopes = new ScopeTable();
    this.relationContext = { scopes: this.scopes };
    for (let position = 0; position < inputs.length; position++) this.scopes.learn(inputs[position]!.object);
    this.ids.reserve(Math.ceil(inputs.length * 1.1));
    this.state.reserve(inputs.length);
    for (let position = 0; position < inputs.length; position++) {
      const input = inputs[position]!;
      const record = this.admit(input);
      if (!record) continue;
      // One hash of the id serves both the duplicate check and the index (the id is new nearly always).
      const id = this.ids.acquire(record.id);
      const existing = this.held.at(id);
      if (existing) this.warnings.push(duplicateWarning(existing, record));
      if (!existing || !precedes(existing, record)) {
        if (existing) this.held.remove(existing);
        this.held.addAt(id, record, this.scopes);
        // References now, while the object is still in the cache (a duplicate's drafts are replaced: `materializeAll`
        // closes what they left). Selectors wait until every object is indexed.
        this.contributeAt(id, existing ? new Set() : undefined, false);
      }
      this.ids.release(id);
    }
    for (let id = 0; id < this.held.end; id++) if (this.held.at(id)) this.state.refreshNodeAt(id);
    this.selectors.forEach((producer, selectors) => this.matchSelectors(producer, selectors));
    this.state.materializeAll();
  }

  /**
   * Kinds (`group/Kind`) the reader is not allowed to see (RBAC): references to absent objects of these kinds are
   * not drawn as broken. Changing the set re-resolves everything and reports the difference.
   */
  setHiddenKinds(kinds: ReadonlySet<string>): GraphDelta {
    if (kinds.size === this.hiddenKinds.size && [...kinds].every((kind) => this.hiddenKinds.has(kind))) return EMPTY_DELTA;
    return this.rebuildFrom(this.inputsHeld(), () => (this.hiddenKinds = new Set(kinds)));
  }

  /** A CRD changed a kind's scope, so ids may change: rebuild from the same objects and report the difference. */
  private rebuildWith(event: ObjectEvent): GraphDelta {
    const inputs = this.inputsHeld().filter(
      (input) => !(isCrd(input.object) && input.object.metadata?.name === event.object.metadata?.name),
    );
    if (event.type === 'upsert') inputs.push(event);
    return this.rebuildFrom(inputs);
  }

  /** The objects held now, as inputs for a rebuild, with their source positions. */
  private inputsHeld(): InputObject[] {
    return [...this.held.live()].map((record) => ({
      object: record.object,
      ...(record.source ? { source: record.source } : {}),
      ...(record.valueLines ? { valueLines: record.valueLines } : {}),
    }));
  }

  /** Rebuilds from `inputs` (after `configure`, if given) and reports the difference from the graph before. */
  private rebuildFrom(inputs: readonly InputObject[], configure?: () => void): GraphDelta {
    const before = this.graph();
    configure?.();
    this.reset();
    this.load(inputs);
    return diffGraphs(before, this.graph());
  }

  private reset(): void {
    this.cachedGraph = undefined;
    this.ids = new IdTable();
    this.held = new HeldObjects(this.ids);
    this.selectors = new SelectorClaims(this.ids);
    this.watchers = new Watchers();
    this.state = this.newState();
  }

  /** Recomputes every edge `id` produces, from its claims. */
  private recomputeSource(id: string): void {
    // Without a number, the id has neither a record nor claims nor drafts: nothing to recompute.
    const producer = this.ids.lookup(id);
    if (producer === undefined) return;
    const touched = new Set<number>();
    this.contributeAt(producer, touched);
    this.state.materialize(touched);
  }

  /**
   * Replaces the claims of `producer` (registered for later events) and the edge drafts they make. Without `touched`
   * (a full build) the drafts are only recorded: `materializeAll` draws every edge once at the end, and a full build
   * matches selectors (`select: false`) once every object is indexed.
   */
  private contributeAt(producer: number, touched?: Set<number>, select = true): void {
    if (touched) {
      // An update: first take back what the producer watched and drew. (A full build starts from nothing.)
      this.watchers.unwatch(this.ids.name(producer));
      this.state.clearProducer(producer, touched);
    }
    const record = this.held.at(producer);
    const claims = record ? claimsInto(this.scratchClaims, record, this.relationContext) : undefined;
    if (record && claims) {
      this.watchers.watch(record.id, claims);
      for (const claim of claims.refs) this.state.addRef(producer, claim, touched);
      if (select) this.matchSelectors(producer, claims.selectors, touched);
    }
    this.selectors.replace(producer, claims?.selectors.length ? [...claims.selectors] : undefined);
  }

  private matchSelectors(producer: number, selectors: readonly SelectorClaim[], touched?: Set<number>): void {
    for (const claim of selectors) {
      for (const selected of this.held.index.match(claim, producer)) this.state.addSelected(producer, claim, selected, touched);
    }
  }

  private newState(): GraphState {
    return new GraphState(this.ids, new HeldResolveContext(this.held, this.hiddenKinds), this.held);
  }
}

// An engine and a delta tracker kept for the module's life: see keepShapesOf.
keepShapesOf(new TopologyEngine(), new DeltaTracker());
