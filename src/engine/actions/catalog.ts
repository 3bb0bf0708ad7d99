/**
 * What can be done to an object, declared once: which kinds an action applies to, whether it changes or removes
 * anything (history and manifest views offer only the read-only ones; a protected context asks for its name before
 * a destructive one), and which API permission it needs, asked with a SelfSubjectAccessReview before it is offered.
 */

import * as l10n from '@vscode/l10n';

export type ActionId =
  | 'view-yaml'
  | 'edit'
  | 'copy-name'
  | 'copy-kubectl'
  | 'scale'
  | 'restart'
  | 'delete'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'shell'
  | 'port-forward';

/** One permission, as a SelfSubjectAccessReview's resourceAttributes take it (the resource is found by discovery). */
export interface ActionAccess {
  readonly verb: 'get' | 'patch' | 'update' | 'delete' | 'create' | 'list';
  readonly subresource?: string;
  /** Another resource than the object's own (drain evicts Pods: `pods/eviction`). */
  readonly kind?: string;
}

export interface ActionSpec {
  readonly id: ActionId;
  /** In the user's language: read when shown, never stored (the host configures l10n after this module loads). */
  readonly title: string;
  /** The command that runs it is `kubilitics.actions.<command>` (panel buttons run the Resources view's commands). */
  readonly command: string;
  /** How the journal names it: the Event reason `Kubilitics<journalVerb>` and the history's verb. */
  readonly journalVerb: string;
  /** Kinds it applies to; `undefined` means every kind. */
  readonly kinds?: ReadonlySet<string>;
  /** Kinds it never applies to (Edit: a Secret, whose values are never read). */
  readonly exceptKinds?: ReadonlySet<string>;
  /** Changes the cluster: never offered in history mode or on manifest diagrams. */
  readonly mutates: boolean;
  /** Removes or disrupts something: a protected context asks for its name to be typed. */
  readonly destructive: boolean;
  readonly access: readonly ActionAccess[];
}

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);
const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);
const NODE = new Set(['Node']);
const POD = new Set(['Pod']);
/** A Service forwards to one ready Pod behind it, as `kubectl port-forward service/x` does. */
const FORWARDABLE = new Set(['Pod', 'Service']);

export const ACTIONS: readonly ActionSpec[] = [
  {
    id: 'view-yaml',
    command: 'viewYaml',
    journalVerb: 'ViewYaml',
    get title(): string {
      return l10n.t('View YAML');
    },
    mutates: false,
    destructive: false,
    access: [{ verb: 'get' }],
  },
  {
    id: 'edit',
    command: 'edit',
    journalVerb: 'Apply',
    get title(): string {
      return l10n.t('Edit…');
    },
    exceptKinds: new Set(['Secret']),
    mutates: true,
    destructive: false,
    access: [{ verb: 'get' }, { verb: 'patch' }],
  },
  {
    id: 'copy-name',
    command: 'copyName',
    journalVerb: 'CopyName',
    get title(): string {
      return l10n.t('Copy Name');
    },
    mutates: false,
    destructive: false,
    access: [],
  },
  {
    id: 'copy-kubectl',
    command: 'copyKubectl',
    journalVerb: 'CopyKubectl',
    get title(): string {
      return l10n.t('Copy as kubectl Command');
    },
    mutates: false,
    destructive: false,
    access: [],
  },
  {
    id: 'scale',
    command: 'scale',
    journalVerb: 'Scale',
    get title(): string {
      return l10n.t('Scale…');
    },
    kinds: SCALABLE,
    mutates: true,
    destructive: false,
    access: [{ verb: 'patch', subresource: 'scale' }],
  },
  {
    id: 'restart',
    command: 'restart',
    journalVerb: 'Restart',
    get title(): string {
      return l10n.t('Rollout Restart');
    },
    kinds: RESTARTABLE,
    mutates: true,
    destructive: true,
    access: [{ verb: 'patch' }],
  },
  {
    id: 'delete',
    command: 'delete',
    journalVerb: 'Delete',
    get title(): string {
      return l10n.t('Delete…');
    },
    mutates: true,
    destructive: true,
    access: [{ verb: 'delete' }],
  },
  {
    id: 'cordon',
    command: 'cordon',
    journalVerb: 'Cordon',
    get title(): string {
      return l10n.t('Cordon');
    },
    kinds: NODE,
    mutates: true,
    destructive: false,
    access: [{ verb: 'patch' }],
  },
  {
    id: 'uncordon',
    command: 'uncordon',
    journalVerb: 'Uncordon',
    get title(): string {
      return l10n.t('Uncordon');
    },
    kinds: NODE,
    mutates: true,
    destructive: false,
    access: [{ verb: 'patch' }],
  },
  {
    id: 'drain',
    command: 'drain',
    journalVerb: 'Drain',
    get title(): string {
      return l10n.t('Drain…');
    },
    kinds: NODE,
    mutates: true,
    destructive: true,
    access: [{ verb: 'patch' }, { verb: 'create', kind: 'Pod', subresource: 'eviction' }],
  },
  // Neither changes an object, but both act inside the cluster: only on a live cluster, never on history or manifests.
  {
    id: 'shell',
    command: 'shell',
    journalVerb: 'Shell',
    get title(): string {
      return l10n.t('Shell…');
    },
    kinds: POD,
    mutates: true,
    destructive: false,
    access: [{ verb: 'create', kind: 'Pod', subresource: 'exec' }],
  },
  {
    id: 'port-forward',
    command: 'portForward',
    journalVerb: 'PortForward',
    get title(): string {
      return l10n.t('Port Forward…');
    },
    kinds: FORWARDABLE,
    mutates: true,
    destructive: false,
    access: [{ verb: 'create', kind: 'Pod', subresource: 'portforward' }],
  },
];

const BY_ID: ReadonlyMap<ActionId, ActionSpec> = new Map(ACTIONS.map((action) => [action.id, action]));

export function actionSpec(id: ActionId): ActionSpec {
  const spec = BY_ID.get(id);
  if (spec === undefined) throw new Error(`unknown action ${id}`);
  return spec;
}

/** Where the picture comes from decides what may be done: a snapshot or a folder of YAML is only looked at. */
export type ActionSurface = 'cluster' | 'history' | 'manifests';

/**
 * The actions that run on several objects at once (a multi-selection in the topology or the Resources tree): their
 * commands take the selected objects and confirm them together. The others act on one object.
 */
export const BULK_ACTIONS: ReadonlySet<ActionId> = new Set(['delete', 'copy-name']);

/** The bulk actions that fit every one of `kinds`, in menu order. */
export function bulkActionsFor(kinds: Iterable<string>): ActionSpec[] {
  const all = [...new Set(kinds)];
  return ACTIONS.filter((action) => BULK_ACTIONS.has(action.id) && all.every((kind) => actionsFor(kind, 'cluster').includes(action)));
}

/** Every action id, for validating what the webview asks for. */
export const ACTION_IDS: readonly ActionId[] = ACTIONS.map((action) => action.id);

/** The actions offered on an object of `kind` shown from `surface`, in menu order. */
export function actionsFor(kind: string, surface: ActionSurface): ActionSpec[] {
  return ACTIONS.filter(
    (action) =>
      (action.kinds === undefined || action.kinds.has(kind)) &&
      !action.exceptKinds?.has(kind) &&
      (surface === 'cluster' || !action.mutates),
  );
}
