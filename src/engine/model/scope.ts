import * as l10n from '@vscode/l10n';
import { BUILTIN_KINDS, WELL_KNOWN_CUSTOM_SCOPES, canonicalGroup, groupOfApiVersion, normalizeGroup, objectId } from './kinds.js';
import type { KubeObject, ObjectRecord } from './object.js';
import { stringField, stringMap, text } from './object.js';
import type { SourceLocation } from './graph.js';

const CRD_GROUP = 'apiextensions.k8s.io';

/**
 * `group/Kind` of each built-in kind, joined once: relation tables name built-ins hundreds of thousands of times.
 * Each also remembers the last id it made: consecutive objects name the same ones (the pods of one workload, listed
 * together, name its ConfigMaps, Secrets and account), and the remembered string has its hash computed already.
 */
interface BuiltinIdPrefix {
  readonly group: string;
  readonly prefix: string;
  readonly namespaced: boolean;
  lastNamespace: string;
  lastName: string;
  lastId: string;
}

const BUILTIN_ID_PREFIXES: ReadonlyMap<string, BuiltinIdPrefix> = new Map(
  [...BUILTIN_KINDS].map(([kind, builtin]) => [
    kind,
    {
      group: builtin.group,
      prefix: `${builtin.group}/${kind}`,
      namespaced: builtin.namespaced,
      lastNamespace: '',
      lastName: '',
      lastId: '',
    },
  ]),
);

/** The id of a built-in object, joined (see objectId): one flat string. */
function builtinId(builtin: BuiltinIdPrefix, givenNamespace: string, name: string): string {
  const namespace = builtin.namespaced ? givenNamespace : '';
  if (name === builtin.lastName && namespace === builtin.lastNamespace && builtin.lastId !== '') return builtin.lastId;
  const id = [builtin.prefix, namespace, name].join('/');
  builtin.lastNamespace = namespace;
  builtin.lastName = name;
  builtin.lastId = id;
  return id;
}

/** Namespaced or cluster-scoped, from the built-in table plus every CustomResourceDefinition in the input. */
export class ScopeTable {
  private readonly declared = new Map<string, boolean>();

  /** Records the scope a CRD declares; returns true when it changed what the table says. */
  learn(object: KubeObject): boolean {
    const declaration = crdDeclaration(object);
    if (!declaration) return false;
    const before = this.declared.get(declaration.key);
    this.declared.set(declaration.key, declaration.namespaced);
    return before !== declaration.namespaced;
  }

  forget(object: KubeObject): boolean {
    const declaration = crdDeclaration(object);
    return declaration ? this.declared.delete(declaration.key) : false;
  }

  /** `undefined` when neither the built-ins nor a CRD know the kind. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    const builtin = BUILTIN_KINDS.get(kind);
    if (builtin && builtin.group === group) return builtin.namespaced;
    const key = `${group}/${kind}`;
    return this.declared.get(key) ?? WELL_KNOWN_CUSTOM_SCOPES.get(key);
  }

  /** The id of a referenced object, namespaced per its kind's scope. */
  refId(givenGroup: string, kind: string, namespace: string, name: string): string {
    const builtin = BUILTIN_ID_PREFIXES.get(kind);
    if (builtin && builtin.group === givenGroup) return builtinId(builtin, namespace, name);
    const group = canonicalGroup(givenGroup, kind);
    const namespaced = this.isNamespaced(group, kind) ?? true;
    return objectId(group, kind, namespaced ? namespace : '', name);
  }

  /** A reference by kind alone (built-ins: the group is implied, and no CRD can change a built-in kind's scope). */
  builtinRef(kind: string, namespace: string, name: string): string {
    const builtin = BUILTIN_ID_PREFIXES.get(kind);
    // A kind the built-ins do not know, named without a group: taken as core.
    return builtin ? builtinId(builtin, namespace, name) : this.refId('core', kind, namespace, name);
  }
}

export function isCrd(object: KubeObject): boolean {
  return object.kind === 'CustomResourceDefinition' && groupOfApiVersion(object.apiVersion).group === CRD_GROUP;
}

function crdDeclaration(object: KubeObject): { key: string; namespaced: boolean } | undefined {
  if (!isCrd(object)) return undefined;
  const group = stringField(object, 'spec', 'group');
  const kind = stringField(object, 'spec', 'names', 'kind');
  const scope = stringField(object, 'spec', 'scope');
  if (!group || !kind || !scope) return undefined;
  return { key: `${normalizeGroup(group)}/${kind}`, namespaced: scope !== 'Cluster' };
}

export type AdmitResult = { readonly record: ObjectRecord } | { readonly problem: string };

/** Resolves an object's identity: group, scope, namespace (the default for namespaced kinds without one). */
export function admitObject(
  object: KubeObject,
  scopes: ScopeTable,
  defaultNamespace: string,
  source?: SourceLocation,
  valueLines?: ReadonlyMap<string, number>,
): AdmitResult {
  const kind = text(object.kind);
  const metadata = object.metadata;
  const name = text(metadata?.name);
  if (!kind || !object.apiVersion) return { problem: l10n.t('missing apiVersion or kind') };
  if (!name) return { problem: l10n.t('{0} without metadata.name', kind) };
  const parsed = groupOfApiVersion(object.apiVersion);
  const group = canonicalGroup(parsed.group, kind);
  const given = text(metadata?.namespace);
  const namespaced = scopes.isNamespaced(group, kind) ?? given !== undefined;
  const namespace = namespaced ? (given ?? defaultNamespace) : '';
  const uid = text(metadata?.uid);
  const labels = stringMap(metadata?.labels);
  // One literal with every field (absent ones undefined): one fixed shape, sized exactly, for hundreds of thousands.
  const record: ObjectRecord = {
    id: objectId(group, kind, namespace, name),
    group,
    version: parsed.version,
    kind,
    namespace,
    name,
    uid,
    labels,
    object,
    source,
    valueLines,
  };
  return { record };
}
