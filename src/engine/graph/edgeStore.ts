import type { BrokenReason, EdgeType, TopologyEdge, TopologyNode } from '../model/graph.js';
import type { RefClaim } from '../relations/types.js';
import type { DeltaTracker } from './delta.js';
import { placeholderNode } from './nodes.js';
import { resolveRef, type ResolveContext } from './resolve.js';

/** One producer's contribution to an edge; several may merge into one edge. */
export interface EdgeDraft {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: EdgeType;
  readonly via: string;
  readonly controller?: boolean;
  /** Reference drafts: the claim and the id it names, resolved (missing, not permitted, …) when materialized. */
  readonly claim?: RefClaim;
  readonly referenced?: string;
  /** Selector drafts: the object the selector matched. */
  readonly selected?: string;
}

export type DraftsByEdge = Map<string, EdgeDraft[]>;

const BROKEN_PRIORITY: readonly BrokenReason[] = ['not-permitted', 'missing', 'uid-mismatch'];

/**
 * Nodes and edges as drawn: edges merged from producers' drafts, placeholder nodes for absent endpoints.
 * Every write goes through here so the delta tracker sees it.
 */
export class GraphState {
  readonly nodes = new Map<string, TopologyNode>();
  readonly edges = new Map<string, TopologyEdge>();
  private readonly producers = new Map<string, Set<string>>();
  private readonly drafts = new Map<string, DraftsByEdge>();
  private readonly degree = new Map<string, number>();
  tracker: DeltaTracker | undefined;

  constructor(
    private readonly context: ResolveContext,
    private readonly realNode: (id: string) => TopologyNode | undefined,
  ) {}

  /** Replaces everything `producer` contributes. */
  setDrafts(producer: string, drafts: DraftsByEdge): void {
    const old = this.drafts.get(producer);
    if (drafts.size > 0) this.drafts.set(producer, drafts);
    else this.drafts.delete(producer);
    const touched = new Set<string>(drafts.keys());
    for (const edge of old?.keys() ?? []) touched.add(edge);
    for (const edge of touched) {
      const producers = this.producers.get(edge);
      if (drafts.has(edge)) {
        if (producers) producers.add(producer);
        else this.producers.set(edge, new Set([producer]));
      } else if (producers) {
        producers.delete(producer);
        if (producers.size === 0) this.producers.delete(edge);
      }
      this.materialize(edge);
    }
  }

  /** Replaces what `producer`'s selectors contribute towards the one object `selected`. */
  replaceSelected(producer: string, selected: string, replacement: readonly EdgeDraft[]): void {
    const current = this.drafts.get(producer) ?? new Map<string, EdgeDraft[]>();
    const next: DraftsByEdge = new Map(current);
    for (const [edge, drafts] of current) {
      if (!drafts.some((draft) => draft.selected === selected)) continue;
      const kept = drafts.filter((draft) => draft.selected !== selected);
      if (kept.length) next.set(edge, kept);
      else next.delete(edge);
    }
    for (const draft of replacement) next.set(draft.id, [...(next.get(draft.id) ?? []), draft]);
    this.setDrafts(producer, next);
  }

  /** Re-resolves `producer`'s references to `referenced` (it appeared, disappeared or changed). */
  rematerializeReferencing(producer: string, referenced: string): void {
    for (const [edge, drafts] of this.drafts.get(producer) ?? []) {
      if (drafts.some((draft) => draft.referenced === referenced)) this.materialize(edge);
    }
  }

  /** Re-reads an object's node; for an id without an object, keeps a placeholder while edges touch it. */
  refreshNode(id: string): void {
    const before = this.nodes.get(id);
    const node = this.realNode(id) ?? ((this.degree.get(id) ?? 0) > 0 ? placeholderNode(id) : undefined);
    if (before === node) return;
    this.tracker?.noteNode(id, before);
    if (node) this.nodes.set(id, node);
    else this.nodes.delete(id);
  }

  private materialize(edgeId: string): void {
    const merged = this.merge(edgeId);
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

  private merge(edgeId: string): TopologyEdge | undefined {
    let first: EdgeDraft | undefined;
    const via = new Set<string>();
    let controller = false;
    const broken = new Set<BrokenReason>();
    let referrer: string | undefined;
    for (const producer of this.producers.get(edgeId) ?? []) {
      for (const draft of this.drafts.get(producer)?.get(edgeId) ?? []) {
        const outcome = draft.claim ? resolveRef(draft.claim, draft.referenced!, this.context) : 'ok';
        if (outcome === 'skip') continue;
        first ??= draft;
        via.add(draft.via);
        controller ||= draft.controller === true;
        if (outcome === 'ok') continue;
        broken.add(outcome);
        const from = draft.claim?.reverse ? draft.target : draft.source;
        if (referrer === undefined || from < referrer) referrer = from;
      }
    }
    if (!first) return undefined;
    const reason = BROKEN_PRIORITY.find((candidate) => broken.has(candidate));
    return {
      id: edgeId, source: first.source, target: first.target, type: first.type, via: [...via].sort(),
      ...(controller ? { controller } : {}),
      ...(reason ? { broken: reason, referrer: referrer! } : {}),
    };
  }

  private adjustDegree(edge: TopologyEdge, change: 1 | -1): void {
    for (const id of [edge.source, edge.target]) {
      const degree = (this.degree.get(id) ?? 0) + change;
      if (degree > 0) this.degree.set(id, degree);
      else this.degree.delete(id);
      if (!this.nodes.has(id) || degree === 0) this.refreshNode(id);
    }
  }
}
