import type { ServerResponse } from 'node:http';
import type { KubeObject } from './types.js';

/** A metav1.Status failure as kube-apiserver writes it. */
export interface StatusObject extends KubeObject {
  kind: 'Status';
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
  details?: Record<string, unknown>;
}

export function statusObject(code: number, reason: string, message: string, details?: Record<string, unknown>): StatusObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: StatusObject, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status.code, status);
}

export const unauthorized = (): StatusObject => statusObject(401, 'Unauthorized', 'Unauthorized');

export const routeNotFound = (): StatusObject => statusObject(404, 'NotFound', 'the server could not find the requested resource', {});

export function objectNotFound(resource: string, group: string, name: string): StatusObject {
  const qualified = group ? `${resource}.${group}` : resource;
  return statusObject(404, 'NotFound', `${qualified} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
}

export function methodNotAllowed(): StatusObject {
  return statusObject(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function notAcceptable(): StatusObject {
  return statusObject(406, 'NotAcceptable', 'only the following media types are accepted: application/json');
}

export function tooOldResourceVersion(requested: number, current: number): StatusObject {
  return statusObject(410, 'Expired', `too old resource version: ${requested} (${current})`);
}

export function continueExpired(): StatusObject {
  return statusObject(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. ' +
      'You can start a new list without the continue parameter.',
  );
}

/** The Forbidden status with the exact wording of the RBAC authorizer, which clients show to users. */
export function forbidden(user: string, verb: string, resource: string, group: string, namespace?: string, name?: string): StatusObject {
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = name ? `${qualified} "${name}"` : qualified;
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`;
  return statusObject(403, 'Forbidden', message, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

const FAULT_REASONS: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Too many requests, please try again later.'],
  500: ['InternalError', 'Internal error occurred: injected fault'],
  503: ['ServiceUnavailable', 'The server is currently unable to handle the request'],
};

export function faultStatus(code: number, retryAfterSeconds?: number): StatusObject {
  const [reason, message] = FAULT_REASONS[code] ?? ['InternalError', 'injected fault'];
  return statusObject(code, reason, message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
}
