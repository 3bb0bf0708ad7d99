import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { AccessControl } from './auth.js';
import { Faults, seededRandom, uuidFactory } from './faults.js';
import { createHandler } from './handlers.js';
import { buildKubeconfig } from './kubeconfig.js';
import { crdToResourceType, ResourceRegistry, splitApiVersion, storageKey } from './registry.js';
import { PodLogs, type LogCut } from './podLogs.js';
import { ObjectStore, objectKey } from './store.js';
import { tlsMaterial } from './tls.js';
import type { TlsMaterial } from './tls.js';
import type {
  FakeApiServerOptions,
  FaultSpec,
  IdentityOptions,
  KubeObject,
  KubeconfigOptions,
  RequestRecord,
  ResourceType,
} from './types.js';
import { builtInsOf } from './versions.js';
import { WatchHub } from './watch.js';

export type * from './types.js';

/**
 * Starts a fake kube-apiserver on 127.0.0.1 (HTTPS when `options.tls`). Call `stop()` when done.
 *
 *   const server = await startFakeApiServer({ tls: true, identities: [{ token: 't', allow: () => true }] });
 *   const config = new KubeConfig();
 *   config.loadFromString(server.kubeconfigYaml({ token: 't' }));
 *   server.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } });
 */
export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const tls = options.tls ? await tlsMaterial() : undefined;
  const server = new FakeApiServer(options, tls);
  await server.bringUp();
  return server;
}

/**
 * A Kubernetes API server for tests: real HTTP(S), an in-memory store, list/watch semantics where
 * clients depend on them, and a control API (plain methods) to change state and inject faults.
 */
export class FakeApiServer {
  private readonly registry: ResourceRegistry;
  private readonly store: ObjectStore;
  private readonly access: AccessControl;
  private readonly faults: Faults;
  private readonly watches: WatchHub;
  private readonly podLogs = new PodLogs();
  private readonly log: RequestRecord[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly handler: ReturnType<typeof createHandler>;
  private server: Server | undefined;
  private port: number;

  /** Use startFakeApiServer; the constructor does not listen. */
  constructor(
    options: FakeApiServerOptions,
    private readonly tls: TlsMaterial | undefined,
  ) {
    const random = options.seed === undefined ? undefined : seededRandom(options.seed);
    this.registry = new ResourceRegistry(options.discovery ? builtInsOf(options.discovery) : undefined);
    this.store = new ObjectStore({
      historyLimit: options.historyLimit ?? 1000,
      newUid: uuidFactory(random),
      now: options.now ?? (() => new Date()),
    });
    this.access = new AccessControl(options.identities ?? []);
    this.faults = new Faults(options.seed);
    this.watches = new WatchHub(this.store, {
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
      ...(options.defaultWatchTimeoutSeconds !== undefined ? { defaultTimeoutSeconds: options.defaultWatchTimeoutSeconds } : {}),
    });
    this.port = options.port ?? 0;
    this.handler = createHandler({
      registry: this.registry,
      store: this.store,
      access: this.access,
      faults: this.faults,
      watches: this.watches,
      podLogs: this.podLogs,
      log: this.log,
      address: () => `127.0.0.1:${this.port}`,
    });
  }

  get url(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** The CA certificate (PEM) that signed the server certificate; undefined for plain HTTP. */
  get caPem(): string | undefined {
    return this.tls?.caPem;
  }

  kubeconfigYaml(options: KubeconfigOptions = {}): string {
    return buildKubeconfig(this.url, this.tls, options);
  }

  // ---- objects -------------------------------------------------------------------------------

  /** Stores a new object; stamps uid, resourceVersion, creationTimestamp. Throws if it exists. */
  create(object: KubeObject): KubeObject {
    return this.write(object, 'create');
  }

  /** Replaces an existing object (keeps uid and creationTimestamp). Throws if missing. */
  update(object: KubeObject): KubeObject {
    return this.write(object, 'update');
  }

  /** Creates or replaces. */
  upsert(object: KubeObject): KubeObject {
    return this.write(object, 'upsert');
  }

  /** Deletes by apiVersion/kind/metadata.namespace/name; returns the deleted object, if any. */
  delete(ref: KubeObject): KubeObject | undefined {
    const { type, key } = this.locate(ref);
    const resource = storageKey(type);
    const deleted = this.store.remove(resource, key);
    if (deleted && type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition') this.unregisterCrd(deleted);
    return deleted ? structuredClone(deleted) : undefined;
  }

  get(ref: KubeObject): KubeObject | undefined {
    const { type, key } = this.locate(ref);
    const found = this.store.get(storageKey(type), key);
    return found ? structuredClone(found) : undefined;
  }

  /** The current global resourceVersion, as a list would report it. */
  resourceVersion(): string {
    return String(this.store.currentRv());
  }

  // ---- pod logs ------------------------------------------------------------------------------

  /**
   * Sets what `pods/{pod}/log?container={container}` answers, one entry a line, stamped now (the last one without a
   * newline when `unterminated`).
   */
  setPodLog(namespace: string, pod: string, container: string, lines: readonly string[], unterminated = false): void {
    this.podLogs.set(namespace, pod, container, lines, unterminated);
  }

  /** Adds lines to a container's log; requests following it (`follow=true`) get them at once. */
  appendPodLog(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    this.podLogs.append(namespace, pod, container, lines);
  }

  /** How many `follow=true` log requests are open. */
  followingLogs(): number {
    return this.podLogs.following();
  }

  /**
   * Fault: appends one line to a container's log, of which every request following it gets only the first half
   * before the response is cut (`destroy`: the connection drops; `end`: the response ends cleanly). Returns how many
   * requests were cut; a resumed request gets the whole line.
   */
  cutPodLogMidLine(namespace: string, pod: string, container: string, text: string, how: LogCut = 'destroy'): number {
    return this.podLogs.cutMidLine(namespace, pod, container, text, how);
  }

  /** Open server-side connections that carried a `pods/{name}/log` request (counted on the server's sockets). */
  openLogSockets(): number {
    return this.podLogs.openSockets();
  }

  // ---- faults and access ----------------------------------------------------------------------

  /** The next `count` requests matching `spec` (default: any list or watch) fail with spec.status. */
  failNext(count: number, spec: FaultSpec): void {
    this.faults.failNext(count, spec);
  }

  /** Matching requests fail with this probability, drawn from the seeded generator. 0 turns it off. */
  setFailureRate(probability: number, spec: FaultSpec): void {
    this.faults.setFailureRate(probability, spec);
  }

  /** Delays every response (including discovery and the start of watches). */
  setLatency(ms: number, jitterMs = 0): void {
    this.faults.setLatency(ms, jitterMs);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Denies a resource (`secrets` or `deployments.apps`) to every identity; open watches keep running, as with RBAC. */
  forbid(resource: string): void {
    this.access.forbid(resource);
  }

  /** Undoes forbid(); the identity's own allow callback decides again. */
  allow(resource: string): void {
    this.access.allowResource(resource);
  }

  addIdentity(identity: IdentityOptions): void {
    this.access.addIdentity(identity);
  }

  /** The token gets 401 from now on. */
  expireToken(token: string): void {
    this.access.expireToken(token);
  }

  /** Drops all watch history; any resourceVersion clients hold now gets 410 Expired. */
  expireHistory(): void {
    this.store.expireHistory();
  }

  /** Destroys every open watch connection abruptly; returns how many there were. */
  dropWatches(): number {
    return this.watches.dropAll();
  }

  /** Sends a BOOKMARK to every watch that allowed them, without waiting for the interval. */
  sendBookmarks(): void {
    this.watches.sendBookmarks();
  }

  openWatches(): number {
    return this.watches.count();
  }

  /** Every request so far, oldest first (live records: status fills in as responses start). */
  requests(): readonly RequestRecord[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  // ---- listener lifecycle ---------------------------------------------------------------------

  /** Closes the listener and every connection; the store, faults and identities survive. */
  async takeDown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.podLogs.endAll();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.sockets.forEach((socket) => socket.destroy());
    await closed;
  }

  /** Listens again on the same port (the first call picks the port). */
  async bringUp(): Promise<void> {
    if (this.server) return;
    const server = this.tls
      ? createHttpsServer({ key: this.tls.keyPem, cert: this.tls.certPem }, this.handler)
      : createHttpServer(this.handler);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /** Simulates an apiserver restart: connections refused for `downtimeMs`, then the same URL again. */
  async restart(downtimeMs = 0): Promise<void> {
    await this.takeDown();
    if (downtimeMs > 0) await new Promise((resolve) => setTimeout(resolve, downtimeMs));
    await this.bringUp();
  }

  async stop(): Promise<void> {
    await this.takeDown();
  }

  // ---- internals ------------------------------------------------------------------------------

  private locate(ref: KubeObject): { type: ResourceType; key: string } {
    const { group } = splitApiVersion(ref.apiVersion ?? '');
    const type = this.registry.byKind(group, ref.kind ?? '');
    if (!type || !type.stored) throw new Error(`fake API server: no resource for ${ref.apiVersion} ${ref.kind}`);
    const name = ref.metadata?.name;
    if (!name) throw new Error(`fake API server: ${ref.kind} without metadata.name`);
    const namespace = type.namespaced ? (ref.metadata?.namespace ?? 'default') : undefined;
    return { type, key: objectKey(namespace, name) };
  }

  private write(input: KubeObject, mode: 'create' | 'update' | 'upsert'): KubeObject {
    const { type, key } = this.locate(input);
    const object = structuredClone(input);
    const metadata = (object.metadata ??= {});
    if (type.namespaced) metadata.namespace ??= 'default';
    else delete metadata.namespace;
    const isCrd = type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition';
    const crdType = isCrd ? crdToResourceType(object) : undefined;
    if (isCrd && !crdType) throw new Error(`fake API server: CustomResourceDefinition ${metadata.name} has an incomplete spec`);
    if (crdType) object['status'] = establishedStatus(object, crdType);
    const stored = this.store.write(storageKey(type), key, object, mode);
    // Registering after the write mirrors the real order: the CRD exists, then its API is served.
    if (crdType) this.registry.register(crdType);
    return structuredClone(stored);
  }

  /** Deleting a CRD deletes its objects (watchers see DELETED) and ends watches on it, then unserves it. */
  private unregisterCrd(crd: KubeObject): void {
    const type = crdToResourceType(crd);
    if (!type) return;
    const resource = storageKey(type);
    for (const object of this.store.list(resource)) {
      this.store.remove(resource, objectKey(object.metadata?.namespace, object.metadata?.name ?? ''));
    }
    this.watches.endResource(resource);
    this.registry.unregister(type.group, type.name);
  }
}

function establishedStatus(crd: KubeObject, type: ResourceType): Record<string, unknown> {
  const names = (crd['spec'] as { names?: unknown } | undefined)?.names ?? {};
  const conditions = ['NamesAccepted', 'Established'].map((kind) => ({
    type: kind,
    status: 'True',
    reason: kind === 'Established' ? 'InitialNamesAccepted' : 'NoConflicts',
  }));
  return { conditions, acceptedNames: names, storedVersions: [type.versions[0]] };
}
