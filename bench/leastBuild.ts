import type { InputObject } from '../src/engine/graph/engine.js';
import { keepShapesOf } from '../src/engine/graph/shapes.js';

/**
 * The least build: the graph the engine draws for the synthetic cluster (the same node ids and the same edges,
 * test/bench/leastBuild.test.ts checks it), in one pass written for that cluster alone. It knows only the relations
 * the cluster has and matchLabels selectors, and keeps nothing for later events: no claims, drafts or indexes to
 * update, no broken or optional references. What it costs is a floor under any full build of the same graph in
 * JavaScript: id strings, their table, node objects, edges and selector matching.
 */
export interface LeastGraph {
  readonly nodes: readonly LeastNode[];
  readonly edgeCount: number;
  /** `source|type|target` of every edge, for the test (made on demand: no part of the build). */
  edgeKeys(): string[];
}

interface LeastNode {
  readonly id: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly status: string;
  readonly missing?: boolean;
}

// A replica of the old build over untyped objects: its field walks read whatever is there.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

interface PendingSelector {
  readonly producer: number;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly type: string;
  /** Also selects workloads whose pod template matches (Services, PDBs and NetworkPolicies do; workloads do not). */
  readonly templates: boolean;
}

const EDGE_TYPES = ['owns', 'selects', 'applies-to', 'endpoint', 'event', 'scales', 'binds', 'env', 'mounts', 'uses', 'runs-on', 'runs-as'];
const TYPE_CODES = new Map(EDGE_TYPES.map((type, code) => [type, code]));
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

export function leastBuild(inputs: readonly InputObject[]): LeastGraph {
  const builder = new LeastBuilder(inputs.length);
  for (let position = 0; position < inputs.length; position++) builder.add(inputs[position]!.object as Loose);
  return builder.finish();
}

class LeastBuilder {
  private readonly numbers = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly nodes: LeastNode[] = [];
  /** Each source's edges as a list threaded through `nextOut`, for the duplicate check (as the engine's edge table). */
  private readonly firstOut: Int32Array;
  private readonly nextOut: Int32Array;
  private readonly sources: Int32Array;
  private readonly targets: Int32Array;
  private readonly types: Uint8Array;
  private readonly vias: string[] = [];
  private edgeCount = 0;
  private readonly pods = new Map<string, number[]>();
  private readonly templates = new Map<string, number[]>();
  private readonly selectors: PendingSelector[] = [];

  constructor(objects: number) {
    this.firstOut = new Int32Array(Math.ceil(objects * 1.5)).fill(-1);
    this.nextOut = new Int32Array(objects * 5);
    this.sources = new Int32Array(objects * 5);
    this.targets = new Int32Array(objects * 5);
    this.types = new Uint8Array(objects * 5);
  }

  add(object: Loose): void {
    const metadata = object['metadata'];
    const kind: string = object['kind'];
    const namespace: string = metadata.namespace ?? '';
    const group = groupOf(object['apiVersion']);
    const number = this.intern(`${group}/${kind}/${namespace}/${metadata.name}`);
    const labels = metadata.labels ?? {};
    this.nodes[number] = { id: this.ids[number]!, kind, namespace, name: metadata.name, labels, status: statusOf(kind, object) };
    let controlled = false;
    for (const owner of metadata.ownerReferences ?? []) {
      controlled ||= owner.controller === true;
      this.edge(this.intern(`${groupOf(owner.apiVersion)}/${owner.kind}/${namespace}/${owner.name}`), 'owns', number, 'controller');
    }
    this.relations(object, kind, namespace, number, labels, controlled);
  }

  private relations(
    object: Loose,
    kind: string,
    namespace: string,
    number: number,
    labels: Record<string, string>,
    controlled: boolean,
  ): void {
    const spec = object['spec'];
    if (kind === 'Pod') {
      this.podSpec(number, namespace, spec);
      this.index(this.pods, namespace, number, labels);
    } else if (WORKLOADS.has(kind)) {
      this.podSpec(number, namespace, spec.template.spec);
      if (!controlled) this.index(this.templates, namespace, number, spec.template.metadata?.labels ?? {});
      this.selectors.push({ producer: number, namespace, labels: spec.selector.matchLabels, type: 'selects', templates: false });
    } else if (kind === 'Service' || kind === 'PodDisruptionBudget') {
      const selector = kind === 'Service' ? spec.selector : spec.selector?.matchLabels;
      if (selector) this.selectors.push({ producer: number, namespace, labels: selector, type: 'selects', templates: true });
    } else if (kind === 'NetworkPolicy') {
      this.selectors.push({ producer: number, namespace, labels: spec.podSelector.matchLabels ?? {}, type: 'applies-to', templates: true });
    } else {
      this.references(object, kind, namespace, number, labels);
    }
  }

  private references(object: Loose, kind: string, namespace: string, number: number, labels: Record<string, string>): void {
    if (kind === 'EndpointSlice') {
      const service = labels['kubernetes.io/service-name'];
      if (service) this.edge(this.intern(`core/Service/${namespace}/${service}`), 'endpoint', number, 'kubernetes.io/service-name');
      for (const endpoint of object['endpoints'] ?? []) {
        const target = endpoint.targetRef;
        if (target?.kind === 'Pod')
          this.edge(number, 'endpoint', this.intern(`core/Pod/${target.namespace ?? namespace}/${target.name}`), 'targetRef');
      }
    } else if (kind === 'Event') {
      const about = object['involvedObject'];
      this.edge(
        number,
        'event',
        this.intern(`${groupOf(about.apiVersion)}/${about.kind}/${about.namespace ?? ''}/${about.name}`),
        object['reason'],
      );
    } else if (kind === 'HorizontalPodAutoscaler') {
      const target = object['spec'].scaleTargetRef;
      this.edge(
        number,
        'scales',
        this.intern(`${groupOf(target.apiVersion)}/${target.kind}/${namespace}/${target.name}`),
        'scaleTargetRef',
      );
    } else if (kind === 'RoleBinding') {
      const role = object['roleRef'];
      this.edge(
        number,
        'binds',
        this.intern(`rbac.authorization.k8s.io/${role.kind}/${role.kind === 'Role' ? namespace : ''}/${role.name}`),
        'roleRef',
      );
      for (const subject of object['subjects'] ?? []) {
        if (subject.kind === 'ServiceAccount')
          this.edge(number, 'binds', this.intern(`core/ServiceAccount/${subject.namespace ?? namespace}/${subject.name}`), 'subject');
      }
    }
  }

  private podSpec(number: number, namespace: string, spec: Loose): void {
    for (const volume of spec['volumes'] ?? []) {
      if (volume.configMap)
        this.edge(number, 'mounts', this.intern(`core/ConfigMap/${namespace}/${volume.configMap.name}`), `volume ${volume.name}`);
      if (volume.secret)
        this.edge(number, 'mounts', this.intern(`core/Secret/${namespace}/${volume.secret.secretName}`), `volume ${volume.name}`);
      for (const source of volume.projected?.sources ?? []) {
        if (source.configMap)
          this.edge(
            number,
            'mounts',
            this.intern(`core/ConfigMap/${namespace}/${source.configMap.name}`),
            `projected volume ${volume.name}`,
          );
      }
    }
    for (const container of spec['containers']) {
      for (const variable of container.env ?? []) {
        const secret = variable.valueFrom?.secretKeyRef;
        if (secret)
          this.edge(number, 'env', this.intern(`core/Secret/${namespace}/${secret.name}`), `env ${variable.name} (${container.name})`);
      }
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef)
          this.edge(number, 'env', this.intern(`core/ConfigMap/${namespace}/${source.configMapRef.name}`), `envFrom (${container.name})`);
      }
    }
    this.edge(
      number,
      'runs-as',
      this.intern(`core/ServiceAccount/${namespace}/${spec['serviceAccountName'] ?? 'default'}`),
      'service account',
    );
    if (spec['nodeName']) this.edge(number, 'runs-on', this.intern(`core/Node//${spec['nodeName']}`), 'node');
  }

  private index(index: Map<string, number[]>, namespace: string, number: number, labels: Record<string, string>): void {
    for (const key in labels) {
      const label = `${namespace}\0${key}=${labels[key]}`;
      const members = index.get(label);
      if (members) members.push(number);
      else index.set(label, [number]);
    }
    const all = index.get(namespace);
    if (all) all.push(number);
    else index.set(namespace, [number]);
  }

  finish(): LeastGraph {
    for (const selector of this.selectors) {
      for (const selected of matching(this.pods, selector)) this.edge(selector.producer, selector.type, selected, 'selector');
      if (!selector.templates) continue;
      for (const selected of matching(this.templates, selector)) this.edge(selector.producer, selector.type, selected, 'selector');
    }
    for (let number = 0; number < this.ids.length; number++) {
      this.nodes[number] ??= { id: this.ids[number]!, labels: {}, status: 'Missing', missing: true };
    }
    return { nodes: this.nodes, edgeCount: this.edgeCount, edgeKeys: () => this.edgeKeys() };
  }

  private edgeKeys(): string[] {
    const keys: string[] = [];
    for (let edge = 0; edge < this.edgeCount; edge++) {
      keys.push(`${this.ids[this.sources[edge]!]}|${EDGE_TYPES[this.types[edge]!]}|${this.ids[this.targets[edge]!]}`);
    }
    return keys;
  }

  private intern(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.ids.length;
      this.numbers.set(id, number);
      this.ids.push(id);
    }
    return number;
  }

  private edge(source: number, type: string, target: number, via: string): void {
    const code = TYPE_CODES.get(type)!;
    for (let edge = this.firstOut[source]!; edge !== -1; edge = this.nextOut[edge]!) {
      if (this.targets[edge] === target && this.types[edge] === code) return;
    }
    this.nextOut[this.edgeCount] = this.firstOut[source]!;
    this.firstOut[source] = this.edgeCount;
    this.sources[this.edgeCount] = source;
    this.targets[this.edgeCount] = target;
    this.types[this.edgeCount] = code;
    this.vias[this.edgeCount] = via;
    this.edgeCount++;
  }
}

// As the engine does (see keepShapesOf): without it every build after the first would relearn the builder's shapes.
keepShapesOf(new LeastBuilder(0));

/** Members carrying every label of the selector (an empty selector: all in the namespace), from the rarest list up. */
function matching(index: Map<string, number[]>, selector: PendingSelector): readonly number[] {
  const lists: number[][] = [];
  for (const key in selector.labels) lists.push(index.get(`${selector.namespace}\0${key}=${selector.labels[key]}`) ?? []);
  if (lists.length === 0) return index.get(selector.namespace) ?? [];
  lists.sort((a, b) => a.length - b.length);
  return lists.slice(1).reduce((picked, members) => picked.filter((member) => members.includes(member)), lists[0]!);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? 'core' : apiVersion.slice(0, slash);
}

function statusOf(kind: string, object: Loose): string {
  if (kind === 'Pod') return object['status']?.phase ?? 'Unknown';
  if (WORKLOADS.has(kind)) return (object['status']?.readyReplicas ?? 0) >= (object['spec']?.replicas ?? 1) ? 'Ready' : 'Degraded';
  return 'Unknown';
}
