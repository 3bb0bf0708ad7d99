import type { BrokenReason } from '../model/graph.js';
import { normalizeGroup, parseId } from '../model/kinds.js';
import { arrayField, field, stringField, type ObjectRecord } from '../model/object.js';
import { matchesSelector, parseLabelSelector } from '../model/selector.js';
import type { AttachmentRequirement, GrantRequirement, RefClaim } from '../relations/types.js';
import type { HeldObjects } from './heldObjects.js';

/** `ok`: draw it; `skip`: an optional reference to an absent object, not drawn; otherwise drawn broken. */
export type RefOutcome = 'ok' | 'skip' | BrokenReason;

export interface ResolveContext {
  /** The object holding this id number, if any (edges know their ends by number: no string lookup per edge). */
  recordAt(id: number): ObjectRecord | undefined;
  grantsIn(namespace: string): Iterable<ObjectRecord>;
  labelsOfNamespace(namespace: string): Readonly<Record<string, string>>;
  /** Kinds (`group/Kind`) the reader may not see: a reference to an absent one is unknown, not broken. */
  isHidden(id: string): boolean;
}

/**
 * What resolving reads from one engine's objects, as methods of a class rather than closures made per engine: every
 * engine then shares the same functions, and their shapes outlive it (see keepShapesOf).
 */
export class HeldResolveContext implements ResolveContext {
  constructor(
    private readonly held: HeldObjects,
    private readonly hiddenKinds: ReadonlySet<string>,
  ) {}

  recordAt(id: number): ObjectRecord | undefined {
    return this.held.at(id);
  }

  grantsIn(namespace: string): Iterable<ObjectRecord> {
    return this.held.grants.in(namespace);
  }

  labelsOfNamespace(namespace: string): Readonly<Record<string, string>> {
    return this.held.index.labelsOfNamespace(namespace);
  }

  isHidden(id: string): boolean {
    if (this.hiddenKinds.size === 0) return false;
    const { group, kind } = parseId(id);
    return this.hiddenKinds.has(`${group}/${kind}`);
  }
}

export function resolveRef(claim: RefClaim, target: number, context: ResolveContext): RefOutcome {
  if (claim.synthetic) return 'ok';
  if (claim.grant && !isGranted(claim.grant, context)) return 'not-permitted';
  const referenced = context.recordAt(target);
  if (!referenced) return claim.optional || context.isHidden(claim.target) ? 'skip' : 'missing';
  if (claim.uid && referenced.uid && claim.uid !== referenced.uid) return 'uid-mismatch';
  if (claim.attach) return attachmentOutcome(claim.attach, referenced, context);
  return 'ok';
}

/** A ReferenceGrant in the target namespace must list the referrer under `from` and the target under `to`. */
function isGranted(requirement: GrantRequirement, context: ResolveContext): boolean {
  for (const grant of context.grantsIn(requirement.toNamespace)) {
    const fromOk = arrayField(grant.object, 'spec', 'from').some(
      (from) =>
        normalizeGroup(stringField(from, 'group')) === requirement.fromGroup &&
        stringField(from, 'kind') === requirement.fromKind &&
        stringField(from, 'namespace') === requirement.fromNamespace,
    );
    const toOk = arrayField(grant.object, 'spec', 'to').some((to) => {
      const name = stringField(to, 'name');
      return (
        normalizeGroup(stringField(to, 'group')) === requirement.toGroup &&
        stringField(to, 'kind') === requirement.toKind &&
        (name === undefined || name === requirement.toName)
      );
    });
    if (fromOk && toOk) return true;
  }
  return false;
}

const DEFAULT_ROUTE_KINDS: Readonly<Record<string, readonly string[]>> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Gateway listeners' allowedRoutes decide which namespaces and kinds of Route may attach. */
function attachmentOutcome(requirement: AttachmentRequirement, gateway: ObjectRecord, context: ResolveContext): RefOutcome {
  const listeners = arrayField(gateway.object, 'spec', 'listeners').filter(
    (listener) => !requirement.sectionName || stringField(listener, 'name') === requirement.sectionName,
  );
  if (listeners.length === 0) return requirement.sectionName ? 'missing' : 'not-permitted';
  return listeners.some((listener) => listenerAccepts(listener, requirement, gateway.namespace, context)) ? 'ok' : 'not-permitted';
}

function listenerAccepts(
  listener: unknown,
  requirement: AttachmentRequirement,
  gatewayNamespace: string,
  context: ResolveContext,
): boolean {
  const kinds = arrayField(listener, 'allowedRoutes', 'kinds');
  const allowedKinds = kinds.length
    ? kinds.map((kind) => stringField(kind, 'kind'))
    : (DEFAULT_ROUTE_KINDS[stringField(listener, 'protocol') ?? 'HTTP'] ?? []);
  if (!allowedKinds.includes(requirement.routeKind)) return false;
  const from = stringField(listener, 'allowedRoutes', 'namespaces', 'from') ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return requirement.routeNamespace === gatewayNamespace;
  if (from !== 'Selector') return false;
  const selector = parseLabelSelector(field(listener, 'allowedRoutes', 'namespaces', 'selector'));
  return selector !== null && matchesSelector(selector, context.labelsOfNamespace(requirement.routeNamespace));
}
