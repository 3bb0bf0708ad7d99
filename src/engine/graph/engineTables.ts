import type { ObjectRecord } from '../model/object.js';
import { ScopeTable, admitObject } from '../model/scope.js';
import { claimsInto } from '../relations/registry.js';
import type { Claims, SelectorClaim } from '../relations/types.js';
import { duplicateWarning, precedes } from './duplicates.js';
import type { InputObject, ObjectEvent } from './engineInput.js';
import type { EngineWarning } from './engineWarning.js';
import { GraphState } from './graphState.js';
import { HeldObjects } from './heldObjects.js';
import { IdTable } from './idTable.js';
import { reevaluatePair, type PageParts } from './pageApply.js';
import { HeldResolveContext } from './resolve.js';
import { selectableOf } from './selectableIndex.js';
import { SelectorClaims } from './selectorClaims.js';
import { Watchers, namespaceLabelsChanged } from './watchers.js';

/**
 * The engine's tables (ids, held objects, selector claims, watchers, drafts and edges) for one scope table and one
 * set of hidden kinds, and how objects enter them: a full load, one object's change, a page's parts, a producer's
 * claims re-read. engine.ts keeps the graph, the deltas and the rebuilds, and replaces its tables whole when a CRD
 * changes a kind's scope or the hidden kinds change.
 */
export class EngineTables {
  scopes = new ScopeTable();
  private relationContext = { scopes: this.scopes };
  readonly ids = new IdTable();
  readonly held = new HeldObjects(this.ids);
  private readonly selectors = new SelectorClaims(this.ids);
  private readonly watchers = new Watchers();
  readonly state: GraphState;
  /** Claims are read once, as they are made: one pair of arrays serves every object (selectors are copied to keep). */
  private readonly scratchClaims: Claims = { refs: [], selectors: [] };

  constructor(
    private readonly warnings: EngineWarning[],
    private readonly defaultNamespace: string,
    hiddenKinds: ReadonlySet<string>,
  ) {
    this.state = new GraphState(this.ids, new HeldResolveContext(this.held, hiddenKinds), this.held);
  }

  /** An object as a record, or undefined with a warning saying why it cannot be held. */
  admit(input: InputObject): ObjectRecord | undefined {
    const admitted = admitObject(
      input.object,
      this.scopes,
      input.defaultNamespace ?? this.defaultNamespace,
      input.source,
      input.valueLines,
    );
    if ('record' in admitted) return admitted.record;
    this.warnings.push({ message: admitted.problem, ...(input.source ? { source: input.source } : {}) });
    return undefined;
  }

  pageParts(): PageParts<ObjectEvent> {
    return {
      admit: (input) => this.admit(input),
      scopes: this.scopes,
      ids: this.ids,
      held: this.held,
      selectors: this.selectors,
      watchers: this.watchers,
      state: this.state,
      contributeAt: (producer, touched, takeBack) => this.contributeAt(producer, touched, true, takeBack),
    };
  }

  applyRecord(next: ObjectRecord | undefined, id: string): void {
    const previous = this.held.at(this.ids.lookup(id));
    if (previous) this.held.remove(previous);
    if (next) this.held.add(next, this.scopes);
    this.state.refreshNode(id);
    this.recomputeSource(id);
    // Without a number, the id is neither held nor drawn, and nothing selects or references it.
    const self = this.ids.lookup(id);
    if (self !== undefined) this.revisitSelectorsAndReferrers(self, previous, next);
    const kind = (next ?? previous)?.kind;
    if (kind === 'Namespace' && namespaceLabelsChanged(previous, next))
      for (const source of this.watchers.namespaceDependent()) this.recomputeSource(source);
    if (kind === 'ReferenceGrant')
      for (const source of this.watchers.grantDependent((next ?? previous)!.namespace)) this.recomputeSource(source);
  }

  /** Selectors that may pick either version of object `self`, and references naming it, re-decided for it alone. */
  private revisitSelectorsAndReferrers(self: number, previous: ObjectRecord | undefined, next: ObjectRecord | undefined): void {
    const candidates = new Set<number>();
    for (const version of [previous, next]) {
      const selectable = version && selectableOf(version);
      if (selectable) this.selectors.candidates(selectable.cls, selectable.item, candidates);
    }
    candidates.delete(self);
    for (const source of candidates) reevaluatePair(this.pageParts(), source, self);
    const touched = new Set<number>();
    this.state.touchReferencing(self, new Set([self]), touched);
    this.state.materialize(touched);
  }

  /**
   * Indexed loops: this runs once per build, so its loops are compiled on the fly (on-stack replacement), where a
   * `for…of` still allocates an iterator result per object.
   */
  load(inputs: readonly InputObject[]): void {
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
   * matches selectors (`select: false`) once every object is indexed. `takeBack` is false where the producer watched
   * and drafted nothing before (a full build; an object a page holds that was not held before).
   */
  private contributeAt(producer: number, touched?: Set<number>, select = true, takeBack = touched !== undefined): void {
    if (takeBack && touched) {
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
}
