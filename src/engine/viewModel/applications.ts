/**
 * Applications (issue 15): which application each object belongs to, for the application level.
 *
 * What names an application, in order:
 * 1. `app.kubernetes.io/part-of`: the recommended label for "the higher-level application this is part of".
 * 2. `app.kubernetes.io/instance`: an installation (Helm 3 charts set it to the release name). Where objects with
 *    the same instance in a namespace all name one `part-of`, the instance is read as that application, so a chart
 *    that labels only some objects `part-of` still draws as one application.
 * 3. Helm 2's `release` label, only beside `heritage: Helm|Tiller` (the pair charts set together): alone,
 *    `release` is a free word (canary, stable) that says nothing about an installation.
 * Not used: `helm.sh/chart` names a chart and its version, which every release of that chart shares, so two
 * installations would read as one; the plain `app` label is a selector convention that names a component (one
 * per microservice in online-boutique, `app: redis` for master and replica in guestbook), which is what the
 * workload level already shows, and nothing says it means the same thing across a cluster.
 *
 * Objects without those labels join an application only through the graph, never by name: the controller chain
 * (a Pod of a labelled Deployment's ReplicaSet), then what the object serves (a Service selecting the app's Pods,
 * an HPA scaling its Deployment, an Ingress routing to its Service, an Event about one of its objects), else who
 * uses it (a ConfigMap, Secret, PVC or ServiceAccount used only by the app). Every tie must lead to the same
 * application in the object's own namespace; one tie elsewhere (a Secret shared with another app) keeps it out.
 * An application spanning namespaces is one group per namespace: a group never straddles namespace boxes.
 */
import type { EdgeType, TopologyEdge, TopologyNode } from '../model/graph.js';
import type { GraphStore } from './graphStore.js';

/** Prefix of an application's summary node: `app:<namespace>/<application>` ('' namespace: cluster-scoped). */
export const APP_NODE_PREFIX = 'app:';

const HELM_HERITAGE = new Set(['Helm', 'Tiller']);
const ROLE_KINDS = new Set(['Role', 'ClusterRole']);

/** Relations along which an unlabelled source joins its target's application: it serves or describes the target. */
const SERVES_TARGET: ReadonlySet<EdgeType> = new Set<EdgeType>(['selects', 'routes', 'scales', 'applies-to', 'event', 'binds']);
/** Relations along which an unlabelled target joins its source's application: the source uses or owns it. */
const USED_BY_SOURCE: ReadonlySet<EdgeType> = new Set<EdgeType>([
  'owns',
  'mounts',
  'env',
  'pulls',
  'uses',
  'claims',
  'token',
  'runs-as',
  'governed-by',
  'endpoint',
  'provisions',
  'binds',
]);

/** Rounds of joining by relation: an Ingress joins after the Service it routes to, which joins after its Pods. */
const MAX_JOIN_ROUNDS = 4;

export function appGroupId(namespace: string, app: string): string {
  return `${APP_NODE_PREFIX}${namespace}/${app}`;
}

export function isAppGroup(id: string): boolean {
  return id.startsWith(APP_NODE_PREFIX);
}

/** The namespace and application an `app:` group stands for. */
export function appOfGroup(id: string): { readonly namespace: string; readonly app: string } | undefined {
  if (!isAppGroup(id)) return undefined;
  const rest = id.slice(APP_NODE_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : { namespace: rest.slice(0, slash), app: rest.slice(slash + 1) };
}

const cache = new WeakMap<GraphStore, { version: number; groups: ReadonlyMap<string, string> }>();

/** Object id → its application group id, for every object that belongs to one. Memoised on the store's version. */
export function applicationGroups(store: GraphStore): ReadonlyMap<string, string> {
  const cached = cache.get(store);
  if (cached?.version === store.version) return cached.groups;
  const groups = labelledGroups(store);
  // Only the objects still without an application are looked at again: at 100K objects most are labelled.
  let pending = [...store.nodes.values()].filter((n) => !groups.has(n.id) && n.kind !== 'Namespace');
  joinByOwners(store, groups, pending);
  for (let round = 0; round < MAX_JOIN_ROUNDS && pending.length > 0; round++) {
    pending = pending.filter((n) => !groups.has(n.id));
    const joined = joinByRelations(store, groups, pending);
    if (joined.size === 0) break;
    for (const [id, group] of joined) groups.set(id, group);
    joinByOwners(store, groups, pending);
  }
  cache.set(store, { version: store.version, groups });
  return groups;
}

function labelledGroups(store: GraphStore): Map<string, string> {
  const instanceApps = instancePartOf(store);
  const groups = new Map<string, string>();
  // One string per group, shared by its members: cheaper to hash and compare than one new string per object.
  const interned = new Map<string, string>();
  for (const node of store.nodes.values()) {
    // A Namespace object belongs with what it contains, whatever its labels say.
    if (node.kind === 'Namespace') continue;
    const installation = installationOf(node);
    const app =
      node.partOf ?? (installation === undefined ? undefined : (instanceApps.get(`${node.namespace}/${installation}`) ?? installation));
    if (app === undefined) continue;
    const id = appGroupId(node.namespace, app);
    let group = interned.get(id);
    if (group === undefined) interned.set(id, (group = id));
    groups.set(node.id, group);
  }
  return groups;
}

function installationOf(node: TopologyNode): string | undefined {
  if (node.instance !== undefined) return node.instance;
  const release = node.labels['release'];
  return release !== undefined && release !== '' && HELM_HERITAGE.has(node.labels['heritage'] ?? '') ? release : undefined;
}

/** `namespace/instance` → the one `part-of` its objects name; instances naming none or several are left out. */
function instancePartOf(store: GraphStore): Map<string, string> {
  const seen = new Map<string, string | null>();
  for (const node of store.nodes.values()) {
    const installation = installationOf(node);
    if (node.partOf === undefined || installation === undefined) continue;
    const key = `${node.namespace}/${installation}`;
    const previous = seen.get(key);
    seen.set(key, previous === undefined || previous === node.partOf ? node.partOf : null);
  }
  const result = new Map<string, string>();
  for (const [key, app] of seen) if (app !== null) result.set(key, app);
  return result;
}

/** Unlabelled objects take their controller's application, up the chain (Pod → ReplicaSet → Deployment). */
function joinByOwners(store: GraphStore, groups: Map<string, string>, pending: readonly TopologyNode[]): void {
  for (const node of pending) {
    if (groups.has(node.id) || node.controller === undefined) continue;
    const chain: string[] = [node.id];
    let owner: string | undefined = node.controller;
    let found: string | undefined;
    while (owner !== undefined && chain.length <= 8 && !chain.includes(owner)) {
      found = groups.get(owner);
      if (found !== undefined) break;
      chain.push(owner);
      owner = store.nodes.get(owner)?.controller;
    }
    if (found === undefined) continue;
    for (const id of chain) {
      const member = store.nodes.get(id);
      if (member !== undefined && appOfGroup(found)?.namespace === member.namespace) groups.set(id, found);
    }
  }
}

/** One round: each unassigned object whose ties (as of the last round) all lead to one application joins it. */
function joinByRelations(store: GraphStore, groups: ReadonlyMap<string, string>, pending: readonly TopologyNode[]): Map<string, string> {
  const joined = new Map<string, string>();
  for (const node of pending) {
    if (groups.has(node.id)) continue;
    const served = store.outgoing(node.id).filter((e) => serves(e, store));
    // What an object serves decides before who uses it: a Service belongs to the Pods it selects, not its clients.
    const ties = served.length > 0 ? served.map((e) => e.target) : usersOf(store, node);
    const group = onlyGroup(ties, groups);
    if (group !== undefined && appOfGroup(group)?.namespace === node.namespace) joined.set(node.id, group);
  }
  return joined;
}

/** A binding serves the subjects it grants rights to; the Role it names follows the binding, not the reverse. */
function serves(edge: TopologyEdge, store: GraphStore): boolean {
  return SERVES_TARGET.has(edge.type) && (edge.type !== 'binds' || !ROLE_KINDS.has(store.nodes.get(edge.target)?.kind ?? ''));
}

function usersOf(store: GraphStore, node: TopologyNode): string[] {
  const users: string[] = [];
  for (const edge of store.incoming(node.id)) if (usedBy(edge, node)) users.push(edge.source);
  return users;
}

/** A binding uses the Role it grants; a ServiceAccount it names is the subject, not something it owns. */
function usedBy(edge: TopologyEdge, target: TopologyNode): boolean {
  return USED_BY_SOURCE.has(edge.type) && (edge.type !== 'binds' || ROLE_KINDS.has(target.kind));
}

function onlyGroup(ids: readonly string[], groups: ReadonlyMap<string, string>): string | undefined {
  let only: string | undefined;
  for (const id of ids) {
    const group = groups.get(id);
    if (group === undefined || (only !== undefined && group !== only)) return undefined;
    only = group;
  }
  return only;
}
