import type { ResourceRegistry } from './registry.js';
import type { AllowFn, IdentityOptions, KubeObject } from './types.js';

export interface Identity {
  token: string;
  user: string;
  allow: AllowFn;
  expired: boolean;
}

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
}

/** Bearer-token authentication plus an allow callback per identity, overridden by forbid(). */
export class AccessControl {
  private readonly identities = new Map<string, Identity>();
  private readonly forbidden = new Set<string>();

  constructor(identities: IdentityOptions[]) {
    identities.forEach((identity) => this.addIdentity(identity));
  }

  addIdentity(options: IdentityOptions): void {
    const user = options.user ?? `user-${options.token}`;
    this.identities.set(options.token, { token: options.token, user, allow: options.allow, expired: false });
  }

  /** Makes the token answer 401 from now on, as an expired service-account or OIDC token would. */
  expireToken(token: string): void {
    const identity = this.identities.get(token);
    if (identity) identity.expired = true;
  }

  /** The identity for an `Authorization: Bearer` header, or undefined (401). */
  authenticate(header: string | undefined): Identity | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    const identity = match ? this.identities.get(match[1] as string) : undefined;
    return identity && !identity.expired ? identity : undefined;
  }

  /** `resource` is a plural name (`secrets`) or name.group (`deployments.apps`). */
  forbid(resource: string): void {
    this.forbidden.add(resource);
  }

  allowResource(resource: string): void {
    this.forbidden.delete(resource);
  }

  authorize(identity: Identity, verb: string, resource: string, group: string, namespace?: string): boolean {
    if (this.forbidden.has(resource) || this.forbidden.has(`${resource}.${group}`)) return false;
    return identity.allow(verb, resource, namespace, group);
  }

  /** SelfSubjectAccessReview answered from the identity's allow callback. */
  accessReview(identity: Identity, review: KubeObject): KubeObject {
    const spec = (review['spec'] ?? {}) as { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: unknown };
    const attrs = spec.resourceAttributes;
    // Non-resource URLs (discovery, /version) are open to every authenticated user, as with system:discovery.
    const allowed = attrs
      ? this.authorize(identity, attrs.verb ?? '', attrs.resource ?? '', attrs.group ?? '', attrs.namespace || undefined)
      : spec.nonResourceAttributes !== undefined;
    const status = allowed ? { allowed: true, reason: 'allowed by fake apiserver policy' } : { allowed: false };
    return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status };
  }

  /** SelfSubjectRulesReview: one rule per resource listing the verbs allow() grants in the namespace. */
  rulesReview(identity: Identity, review: KubeObject, registry: ResourceRegistry): KubeObject {
    const spec = (review['spec'] ?? {}) as { namespace?: string };
    const namespace = spec.namespace || undefined;
    const resourceRules = [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
    ];
    for (const type of registry.all().filter((t) => t.stored)) {
      const scope = type.namespaced ? namespace : undefined;
      const verbs = type.verbs.filter((verb) => this.authorize(identity, verb, type.name, type.group, scope));
      if (verbs.length > 0) resourceRules.push({ verbs, apiGroups: [type.group], resources: [type.name] });
    }
    const nonResourceRules = [
      { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version', '/healthz', '/livez', '/readyz'] },
    ];
    const status = { resourceRules, nonResourceRules, incomplete: false };
    return { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status };
  }
}
