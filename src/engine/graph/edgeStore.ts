import type { BrokenReason, TopologyEdge, TopologyNode } from '../model/graph.js';
import type { RefClaim, SelectorClaim } from '../relations/types.js';
import type { DeltaTracker } from './delta.js';
import { placeholderNode } from './nodes.js';
import { resolveRef, type ResolveContext } from './resolve.js';

/**
 * One producer's contribution to an edge; several may merge into one edge. Kept small (a cluster holds hundreds
 * of thousands): type, via and endpoints are read from the claim.
 */
export type EdgeDraft =
  /** A reference, resolved (missing, not permitted, …) when materialized against `claim.target`. */
  | { readonly id: string; readonly producer: string; readonly claim: RefClaim; readonly selected?: undefined }
  /** A selector match of the object `selected`. */
  | { readonly id: string; readonly producer: string; readonly claim: SelectorClaim; readonly selected: string };

export function draftEndpoints(draft: EdgeDraft): readonly [source: string, target: string] {
  if (draft.selected !== undefined) return [draft.producer, draft.selected];
  return draft.claim.reverse ? [draft.claim.target, draft.producer] : [draft.producer, draft.claim.target];
}

const BROKEN_PRIORITY: readonly BrokenReason[] = ['not-permitted', 'missing', 'uid-mismatch'];

/**
 * Nodes and edges as drawn: edges merged from producers' drafts, placeholder nodes for absent endpoints.
 * Every write goes through here so the delta tracker sees it.
 */
export class GraphState {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges = new Map<string, TopologyEdge>();
  private readonly draftsByEdge = new Map<string, EdgeDraft[]>();
  private readonly edgesByProducer = new Map<string, readonly EdgeDraft[]>();
  private readonly degree = new Map<string, number>();
  tracker: DeltaTracker | undefined;

  constructor(
    private readonly context: ResolveContext,
    private readonly realNode: (id: string) => TopologyNode | undefined,
  ) {}

  /** Replaces everything `producer` contributes. */
  setDrafts(producer: string, drafts: readonly EdgeDraft[]): void {
    const touched = new Set<string>();
    for (const old of this.edgesByProducer.get(producer) ?? []) {
      touched.add(old.id);
      const list = this.draftsByEdge.get(old.id);
      if (!list) continue;
      const kept = list.filter((draft) => draft.producer !== producer);
      if (kept.length) this.draftsByEdge.set(old.id, kept);
      else this.draftsByEdge.delete(old.id);
    }
    this.addDrafts(producer, drafts);
    for (const draft of drafts) touched.add(draft.id);
    for (const edge of touched) this.materialize(edge);
  }

  /** The bulk path of a full build: record drafts, materialize every edge once at the end with `materializeAll`. */
  addDrafts(producer: string, drafts: readonly EdgeDraft[]): void {
    if (drafts.length) this.edgesByProducer.set(producer, drafts);
    else this.edgesByProducer.delete(producer);
    for (const draft of drafts) {
      const list = this.draftsByEdge.get(draft.id);
      if (list) list.push(draft);
      else this.draftsByEdge.set(draft.id, [draft]);
    }
  }

  materializeAll(): void {
    for (const edge of this.draftsByEdge.keys()) this.materialize(edge);
  }

  /** Replaces what `producer`'s selectors contribute towards the one object `selected`; touches only those edges. */
  replaceSelected(producer: string, selected: string, replacement: readonly EdgeDraft[]): void {
    const current = this.edgesByProducer.get(producer) ?? [];
    const previous = current.filter((draft) => draft.selected === selected);
    if (previous.length === 0 && replacement.length === 0) return;
    if (sameDrafts(previous, replacement)) return;
    const kept = previous.length ? current.filter((draft) => draft.selected !== selected) : [...current];
    const touched = new Set<string>();
    for (const old of previous) {
      touched.add(old.id);
      const list = this.draftsByEdge.get(old.id)?.filter((draft) => draft !== old);
      if (list?.length) this.draftsByEdge.set(old.id, list);
      else this.draftsByEdge.delete(old.id);
    }
    for (const draft of replacement) {
      touched.add(draft.id);
      kept.push(draft);
      const list = this.draftsByEdge.get(draft.id);
      if (list) list.push(draft);
      else this.draftsByEdge.set(draft.id, [draft]);
    }
    if (kept.length) this.edgesByProducer.set(producer, kept);
    else this.edgesByProducer.delete(producer);
    for (const edge of touched) this.materialize(edge);
  }

  /** Re-resolves `producer`'s references to `referenced` (it appeared, disappeared or changed). */
  rematerializeReferencing(producer: string, referenced: string): void {
    for (const draft of this.edgesByProducer.get(producer) ?? []) {
      if (draft.selected === undefined && draft.claim.target === referenced) this.materialize(draft.id);
    }
  }

  /** Re-reads an object's node; for an id without an object, keeps a placeholder while edges touch it. */
  refreshNode(id: string): void {
    const before = this.nodes.get(id);
    const node = this.realNode(id) ?? ((this.degree.get(id) ?? 0) > 0 ? (before?.missing || before?.synthetic ? before : placeholderNode(id)) : undefined);
    if (before === node) return;
    this.tracker?.noteNode(id, before);
    if (node) this.nodes.set(id, node);
    else this.nodes.delete(id);
  }

  private materialize(edgeId: string): void {
    const merged = this.merge(this.draftsByEdge.get(edgeId));
    const before = this.edges.get(edgeId);
    if (!merged && !before) return;
    this.tracker?.noteEdge(edgeId, before);
    if (!merged) {
      this.edges.delete(edgeId);
      this.adjustDegree(before!, -1);
      return;
    }
    this.edges.set(edgeId, merged);
    if (!before) this.adjustDegree(merged, 1);
  }

  private merge(drafts: readonly EdgeDraft[] | undefined): TopologyEdge | undefined {
    if (!drafts) return undefined;
    let first: EdgeDraft | undefined;
    const via: string[] = [];
    let controller = false;
    let broken: BrokenReason[] | undefined;
    let referrer: string | undefined;
    for (const draft of drafts) {
      const outcome = draft.selected === undefined ? resolveRef(draft.claim, draft.claim.target, this.context) : 'ok';
      if (outcome === 'skip') continue;
      first ??= draft;
      if (!via.includes(draft.claim.via)) via.push(draft.claim.via);
      controller ||= draft.selected === undefined && draft.claim.controller === true;
      if (outcome === 'ok') continue;
      (broken ??= []).push(outcome);
      const from = draft.producer;
      if (referrer === undefined || from < referrer) referrer = from;
    }
    if (!first) return undefined;
    const reason = broken && BROKEN_PRIORITY.find((candidate) => broken.includes(candidate));
    const [source, target] = draftEndpoints(first);
    return {
      id: first.id, source, target, type: first.claim.type, via: via.length > 1 ? via.sort() : via,
      ...(controller ? { controller } : {}),
      ...(reason ? { broken: reason, referrer: referrer! } : {}),
    };
  }

  private adjustDegree(edge: TopologyEdge, change: 1 | -1): void {
    this.bump(edge.source, change);
    if (edge.target !== edge.source) this.bump(edge.target, change);
  }

  private bump(id: string, change: 1 | -1): void {
    const degree = (this.degree.get(id) ?? 0) + change;
    if (degree > 0) this.degree.set(id, degree);
    else this.degree.delete(id);
    if (degree === 0 || (change === 1 && degree === 1 && !this.nodes.has(id))) this.refreshNode(id);
  }
}

function sameDrafts(a: readonly EdgeDraft[], b: readonly EdgeDraft[]): boolean {
  return a.length === b.length && a.every((draft, index) => draft.id === b[index]!.id && draft.claim === b[index]!.claim);
}
