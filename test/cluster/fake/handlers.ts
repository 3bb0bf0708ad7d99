import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessControl, Identity } from './auth.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.js';
import type { Faults } from './faults.js';
import { presenter } from './present.js';
import type { ResourceRegistry } from './registry.js';
import { resourceKey, storageKey } from './registry.js';
import type { Route } from './routes.js';
import { negotiate, parseRoute } from './routes.js';
import * as status from './status.js';
import type { PodLogs } from './podLogs.js';
import type { ObjectStore } from './store.js';
import { objectKey } from './store.js';
import type { KubeObject, RequestRecord } from './types.js';
import type { WatchHub } from './watch.js';

export interface HandlerContext {
  registry: ResourceRegistry;
  store: ObjectStore;
  access: AccessControl;
  faults: Faults;
  watches: WatchHub;
  podLogs: PodLogs;
  log: RequestRecord[];
  /** host:port, for APIVersions.serverAddressByClientCIDRs. */
  address: () => string;
}

type ResourceRoute = Extract<Route, { kind: 'resource' }>;

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: RequestRecord;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The verb kube-apiserver's RequestInfo would derive for this method and route. */
function verbOf(method: string, route: Route, query: URLSearchParams): string {
  if (route.kind === 'podLog') return method === 'GET' ? 'get' : method.toLowerCase();
  if (route.kind !== 'resource') return 'discovery';
  if (method === 'POST') return 'create';
  if (method !== 'GET') return method.toLowerCase();
  if (route.name !== undefined) return 'get';
  return ['true', '1'].includes(query.get('watch') ?? '') ? 'watch' : 'list';
}

function newRecord(req: IncomingMessage, url: URL, route: Route, verb: string): RequestRecord {
  const record: RequestRecord = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    accept: req.headers.accept ?? '',
    verb,
    metadataOnly: false,
  };
  if (route.kind === 'resource') {
    Object.assign(record, { group: route.group, resource: route.type.name });
    if (route.namespace !== undefined) record.namespace = route.namespace;
    if (route.name !== undefined) record.name = route.name;
  }
  if (route.kind === 'podLog') Object.assign(record, { group: '', resource: 'pods/log', namespace: route.namespace, name: route.name });
  return record;
}

/** Handles one request: latency, authentication, injected faults, authorization, then the verb. */
export function createHandler(ctx: HandlerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = parseRoute(ctx.registry, url.pathname);
    const record = newRecord(req, url, route, verbOf(req.method ?? 'GET', route, url.searchParams));
    ctx.log.push(record);
    res.on('finish', () => (record.status ??= res.statusCode));
    void handle(ctx, { req, res, url, record }, route).catch((error: unknown) => {
      if (!res.headersSent) status.sendStatus(res, status.statusObject(500, 'InternalError', String(error)));
      else res.destroy();
    });
  };
}

async function handle(ctx: HandlerContext, call: Call, route: Route): Promise<void> {
  const delay = ctx.faults.nextDelay();
  if (delay > 0) await sleep(delay);
  const { res, record } = call;
  if (route.kind === 'public') return sendPublic(res, route.path);
  const identity = ctx.access.authenticate(call.req.headers.authorization);
  if (!identity) return status.sendStatus(res, status.unauthorized());
  record.user = identity.user;
  if (route.kind === 'notFound') return status.sendStatus(res, status.routeNotFound());
  if (route.kind === 'discovery') return sendDiscovery(ctx, res, route);
  const fault = ctx.faults.take(record.verb, record.path);
  if (fault) {
    const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
    return status.sendStatus(res, status.faultStatus(fault.status, fault.retryAfterSeconds), headers);
  }
  if (route.kind === 'podLog') return handlePodLog(ctx, call, route, identity);
  return handleResource(ctx, call, route, identity);
}

/** `pods/{name}/log`: authorized as `get` on `pods/log`, like kube-apiserver; a missing Pod is a 404. */
function handlePodLog(ctx: HandlerContext, call: Call, route: Extract<Route, { kind: 'podLog' }>, identity: Identity): void {
  const { res, record } = call;
  if (record.verb !== 'get') return status.sendStatus(res, status.methodNotAllowed());
  if (!ctx.access.authorize(identity, 'get', 'pods/log', '', route.namespace)) {
    const message =
      `pods "${route.name}" is forbidden: User "${identity.user}" cannot get resource "pods/log" in API group "" ` +
      `in the namespace "${route.namespace}"`;
    return status.sendStatus(res, status.statusObject(403, 'Forbidden', message, { name: route.name, kind: 'pods' }));
  }
  const pod = ctx.store.get(resourceKey('', 'pods'), objectKey(route.namespace, route.name));
  if (!pod) return status.sendStatus(res, status.objectNotFound('pods', '', route.name));
  ctx.podLogs.serve(res, pod, call.url.searchParams);
}

function sendPublic(res: ServerResponse, path: string): void {
  if (path === '/version') return status.sendJson(res, 200, versionInfo());
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('ok');
}

function sendDiscovery(ctx: HandlerContext, res: ServerResponse, route: Extract<Route, { kind: 'discovery' }>): void {
  let body: unknown;
  if (route.legacy) body = route.version ? apiResourceList(ctx.registry, '', route.version) : apiVersions(ctx.address());
  else if (route.group === undefined) body = apiGroupList(ctx.registry);
  else body = route.version ? apiResourceList(ctx.registry, route.group, route.version) : apiGroup(ctx.registry, route.group);
  if (body === undefined) status.sendStatus(res, status.routeNotFound());
  else status.sendJson(res, 200, body);
}

async function handleResource(ctx: HandlerContext, call: Call, route: ResourceRoute, identity: Identity): Promise<void> {
  const { res, record } = call;
  const { type, group, namespace, name } = route;
  const reviews = ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'];
  if (record.verb === 'create' && group === 'authorization.k8s.io' && reviews.includes(type.name)) {
    // Every authenticated user may ask what it may do (system:basic-user), so no authorization here.
    const body = JSON.parse((await readBody(call.req)) || '{}') as KubeObject;
    const answer =
      type.name === reviews[0] ? ctx.access.accessReview(identity, body) : ctx.access.rulesReview(identity, body, ctx.registry);
    return status.sendJson(res, 201, answer);
  }
  if (!type.stored || !['get', 'list', 'watch'].includes(record.verb)) return status.sendStatus(res, status.methodNotAllowed());
  if (!ctx.access.authorize(identity, record.verb, type.name, group, namespace)) {
    return status.sendStatus(res, status.forbidden(identity.user, record.verb, type.name, group, namespace, name));
  }
  const representation = negotiate(call.req.headers.accept, record.verb === 'list' ? 'list' : 'object');
  if (!representation) return status.sendStatus(res, status.notAcceptable());
  record.metadataOnly = representation === 'metadata';
  const present = presenter(type, route.version, representation);
  const resource = storageKey(type);
  if (record.verb === 'get') {
    const found = ctx.store.get(resource, objectKey(type.namespaced ? namespace : undefined, name ?? ''));
    if (!found) return status.sendStatus(res, status.objectNotFound(type.name, group, name ?? ''));
    return status.sendJson(res, 200, present.object(found));
  }
  if (record.verb === 'watch') {
    const resourceVersion = call.url.searchParams.get('resourceVersion') ?? '';
    if (!/^\d*$/.test(resourceVersion))
      return status.sendStatus(res, status.statusObject(400, 'BadRequest', `invalid resource version: "${resourceVersion}"`));
    const timeout = Number(call.url.searchParams.get('timeoutSeconds') ?? '');
    record.status = 200;
    return ctx.watches.start({
      res,
      resource,
      present,
      resourceVersion,
      ...(namespace !== undefined ? { namespace } : {}),
      bookmarks: call.url.searchParams.get('allowWatchBookmarks') === 'true',
      ...(timeout > 0 ? { timeoutSeconds: timeout } : {}),
    });
  }
  return sendList(ctx, call, route, present);
}

interface ContinueToken {
  rv: number;
  start: string;
}

// The same shape kube-apiserver uses (base64 JSON); clients must treat it as opaque anyway.
const encodeContinue = (token: ContinueToken): string =>
  Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.rv, start: token.start })).toString('base64');

function decodeContinue(text: string): ContinueToken | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Partial<ContinueToken> & { v?: string };
    return parsed.v === 'meta.k8s.io/v1' && typeof parsed.rv === 'number' && typeof parsed.start === 'string'
      ? { rv: parsed.rv, start: parsed.start }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A list page read from one snapshot: later pages see the store as it was when the first was served. */
function sendList(ctx: HandlerContext, call: Call, route: ResourceRoute, present: ReturnType<typeof presenter>): void {
  const { type, namespace } = route;
  const resource = storageKey(type);
  const keyOf = (o: KubeObject): string => objectKey(type.namespaced ? o.metadata?.namespace : undefined, o.metadata?.name ?? '');
  const continueText = call.url.searchParams.get('continue');
  let rv = ctx.store.currentRv();
  let items: KubeObject[];
  if (continueText) {
    const token = decodeContinue(continueText);
    const snapshot = token ? ctx.store.snapshotAt(resource, token.rv) : 'expired';
    if (!token || snapshot === 'expired') return status.sendStatus(call.res, status.continueExpired());
    rv = token.rv;
    items = snapshot.filter((o) => keyOf(o) > token.start && (namespace === undefined || o.metadata?.namespace === namespace));
  } else {
    items = ctx.store.list(resource, namespace);
  }
  const limit = Number(call.url.searchParams.get('limit') ?? '0');
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  if (limit > 0 && items.length > limit) {
    const page = items.slice(0, limit);
    metadata['continue'] = encodeContinue({ rv, start: keyOf(page[page.length - 1] as KubeObject) });
    metadata['remainingItemCount'] = items.length - limit;
    items = page;
  }
  status.sendJson(call.res, 200, present.list(items, metadata));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
