/** Shared shapes of the fake Kubernetes API server (test-only code). */

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  generation?: number;
  [key: string]: unknown;
}

/** A Kubernetes object as JSON; only the fields the server itself reads are typed. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

/** One resource type, shaped like an entry of APIResourceList.resources plus its group/version. */
export interface ResourceType {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
  name: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Names after the slash, e.g. `status` for `pods/status`; discovery lists them like the real server. */
  subresources?: string[];
  /** False for virtual resources such as SelfSubjectAccessReview that are never stored. */
  stored: boolean;
  /** True for resources served because a CustomResourceDefinition exists. */
  custom?: boolean;
  /**
   * The `group/resource` whose objects this one serves, when a kind is served by two groups (Ingress in `extensions`
   * and `networking.k8s.io`, Event in core and `events.k8s.io`): one stored object, visible through both.
   */
  storage?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

/** Decides whether an identity may do `verb` on `resource` (plural name) in `namespace` (undefined = cluster scope). */
export type AllowFn = (verb: string, resource: string, namespace: string | undefined, group: string) => boolean;

export interface IdentityOptions {
  token: string;
  /** User name shown in Forbidden messages; defaults to `user-<token>`. */
  user?: string;
  allow: AllowFn;
}

/** What one HTTP request looked like, so tests can assert on client behaviour. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  /** Kubernetes verb: get, list, watch, create; `discovery` for discovery and /version. */
  verb: string;
  group?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  /** True when the response carried PartialObjectMetadata(List) instead of full objects. */
  metadataOnly: boolean;
  user?: string;
  /** HTTP status sent; undefined while the response has not started (e.g. latency). */
  status?: number;
}

export interface FakeApiServerOptions {
  /** Serve HTTPS with a freshly generated CA (default false: plain HTTP). */
  tls?: boolean;
  identities?: IdentityOptions[];
  /** Events kept per resource for watches; older resourceVersions get 410 Gone. Default 1000. */
  historyLimit?: number;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK. Default 60000. */
  bookmarkIntervalMs?: number;
  /** Server-side cap on watch duration when the client gives no timeoutSeconds. Default: none. */
  defaultWatchTimeoutSeconds?: number;
  /** Makes uids and random faults reproducible. Without it uids come from crypto.randomUUID. */
  seed?: number;
  /** Source of creationTimestamp; defaults to the wall clock. */
  now?: () => Date;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /**
   * Answer discovery as this Kubernetes release does: which groups and versions exist, which is preferred, and
   * which kinds each serves (see versions.ts). Default: the built-ins of a v1.31 server.
   */
  discovery?: DiscoveryProfile;
}

export type DiscoveryProfile = '1.16' | '1.18' | '1.22' | 'current';

export interface KubeconfigOptions {
  token?: string;
  namespace?: string;
  /**
   * How the client should trust the server (HTTPS only): `ca` embeds the right CA (default),
   * `none` embeds nothing, `wrong-ca` embeds an unrelated CA, `insecure` sets insecure-skip-tls-verify.
   */
  trust?: 'ca' | 'none' | 'wrong-ca' | 'insecure';
}

export type FaultStatus = 429 | 500 | 503;

export interface FaultSpec {
  status: FaultStatus;
  retryAfterSeconds?: number;
  /** Which requests fail: matched against the path; default all resource requests. */
  path?: RegExp | string;
  /** Restrict to list, watch or get; default list and watch. */
  verbs?: string[];
}
