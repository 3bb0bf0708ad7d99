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
import type { GraphDelta, TopologyGraph } from '../model/graph.js';
import { isEmptyDelta } from '../model/graph.js';
import type { KubeObject, ObjectRecord } from '../model/object.js';
import { admitObject, isCrd } from '../model/scope.js';
import { DeltaTracker, diffGraphs, foldDeltas, sortGraph } from './delta.js';
import type { EngineWarning } from './engineWarning.js';
import type { InputObject, ObjectEvent } from './engineInput.js';
import { EngineTables } from './engineTables.js';
import { holdPage, resolvePage } from './pageApply.js';
import { keepShapesOf } from './shapes.js';

export type { InputObject, ObjectEvent } from './engineInput.js';

export interface EngineOptions {
  /** Namespace for namespaced objects that name none (manifests). */
  readonly defaultNamespace?: string;
}

const EMPTY_DELTA: GraphDelta = { addedNodes: [], changedNodes: [], removedNodes: [], addedEdges: [], changedEdges: [], removedEdges: [] };

/** Objects in, a typed graph out; `apply` updates it incrementally and returns what changed. */
export class TopologyEngine {
  readonly warnings: EngineWarning[] = [];
  private readonly defaultNamespace: string;
  private hiddenKinds: ReadonlySet<string> = new Set();
  private tables: EngineTables;
  private cachedGraph: WeakRef<TopologyGraph> | undefined;

  constructor(options: EngineOptions = {}) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.tables = new EngineTables(this.warnings, this.defaultNamespace, this.hiddenKinds);
  }

  /** A full build from scratch. */
  static build(objects: Iterable<InputObject>, options?: EngineOptions): TopologyEngine {
    const engine = new TopologyEngine(options);
    engine.tables.load([...objects]);
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
    const graph = sortGraph(this.tables.state.allNodes(), this.tables.state.allEdges());
    this.cachedGraph = new WeakRef(graph);
    return graph;
  }

  record(id: string): ObjectRecord | undefined {
    return this.tables.held.at(this.tables.ids.lookup(id));
  }

  objects(): IterableIterator<ObjectRecord> {
    return this.tables.held.live();
  }

  get size(): number {
    return this.tables.held.size;
  }

  /** Ids the engine holds numbers for: objects, placeholders and edge endpoints. Zero once every object is gone. */
  get heldIds(): number {
    return this.tables.ids.size;
  }

  /** The id an object has (or would have) here, without admitting it. */
  idOf(object: KubeObject, defaultNamespace = this.defaultNamespace): string | undefined {
    const admitted = admitObject(object, this.tables.scopes, defaultNamespace);
    return 'record' in admitted ? admitted.record.id : undefined;
  }

  /** The id a reference resolves to (scope from the built-ins and the CRDs seen). */
  refId(group: string, kind: string, namespace: string, name: string): string {
    return this.tables.scopes.refId(group, kind, namespace, name);
  }

  apply(event: ObjectEvent): GraphDelta {
    if (isCrd(event.object)) {
      const { scopes } = this.tables;
      const changed = event.type === 'upsert' ? scopes.learn(event.object) : scopes.forget(event.object);
      if (changed) return this.rebuildWith(event);
    }
    const record = this.tables.admit(event);
    if (!record) return EMPTY_DELTA;
    return this.tracked(() => this.tables.applyRecord(event.type === 'upsert' ? record : undefined, record.id));
  }

  /**
   * A page of a list as one change: every object is held first, then each one's claims and selectors are read once
   * against the whole page, and every edge the page feeds is drawn once at the end, in one delta. The graph is the one
   * `apply` gives for the same events in order (test/engine/graph/batch.test.ts). Pages with a CRD go one by one: a
   * CRD may change a kind's scope, and so every id.
   */
  applyBatch(events: readonly ObjectEvent[]): GraphDelta {
    if (events.some((event) => isCrd(event.object))) return foldDeltas(events.map((event) => this.apply(event)));
    const parts = this.tables.pageParts();
    return this.tracked(() => resolvePage(parts, holdPage(parts, events)), false);
  }

  /** Runs `change` with a delta tracker on the graph and returns what it changed (by id if `sorted`). */
  private tracked(change: () => void, sorted = true): GraphDelta {
    const tracker = new DeltaTracker();
    const { state } = this.tables;
    state.tracker = tracker;
    try {
      change();
    } finally {
      state.tracker = undefined;
    }
    const delta = tracker.finish(state, sorted);
    if (!isEmptyDelta(delta)) this.cachedGraph = undefined;
    return delta;
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
    return [...this.tables.held.live()].map((record) => ({
      object: record.object,
      ...(record.source ? { source: record.source } : {}),
      ...(record.valueLines ? { valueLines: record.valueLines } : {}),
    }));
  }

  /** Rebuilds from `inputs` (after `configure`, if given) and reports the difference from the graph before. */
  private rebuildFrom(inputs: readonly InputObject[], configure?: () => void): GraphDelta {
    const before = this.graph();
    configure?.();
    this.cachedGraph = undefined;
    this.tables = new EngineTables(this.warnings, this.defaultNamespace, this.hiddenKinds);
    this.tables.load(inputs);
    return diffGraphs(before, this.graph());
  }
}

// An engine and a delta tracker kept for the module's life: see keepShapesOf.
keepShapesOf(new TopologyEngine(), new DeltaTracker());
