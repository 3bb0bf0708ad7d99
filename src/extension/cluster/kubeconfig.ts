import { readFile, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import * as l10n from '@vscode/l10n';

/** Where kubeconfig files may come from, in kubectl's order of precedence after our own settings. */
export interface KubeconfigSources {
  /** `kubilitics.kubeconfig` (user settings only in an untrusted workspace). */
  readonly setting?: string | undefined;
  /**
   * The files Microsoft's Kubernetes extension uses, from its API (`configuration.getKubeconfigPath`), when it is
   * installed and the path may be trusted. It already accounts for its setting, KUBECONFIG and the default file.
   */
  readonly followed?: readonly string[] | undefined;
  /** `vs-kubernetes.kubeconfig` from Microsoft's Kubernetes extension (same trust rule). */
  readonly vsKubernetesSetting?: string | undefined;
  /** The KUBECONFIG environment variable: several paths joined by the platform delimiter. */
  readonly environment?: string | undefined;
  readonly home: string;
}

export type KubeconfigProblemKind = 'missing-file' | 'unreadable' | 'unparsable' | 'no-contexts' | 'too-large';

/**
 * Larger kubeconfig files are refused before they are read: real ones with hundreds of contexts and embedded
 * certificates stay under 1 MB, and the file is parsed on the extension host thread.
 */
export const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;

/** A kubeconfig problem with the next step a user can take. */
export class KubeconfigError extends Error {
  constructor(
    readonly kind: KubeconfigProblemKind,
    message: string,
    readonly nextStep: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

/**
 * No kubeconfig where kubectl looks without being told (~/.kube/config, or every file KUBECONFIG names): a normal
 * state for someone who only reads manifests. A file the user chose in a setting that is missing is still an error.
 */
export function isAbsentKubeconfig(error: unknown, sources: KubeconfigSources): boolean {
  return error instanceof KubeconfigError && error.kind === 'missing-file' && !sources.setting && !sources.vsKubernetesSetting;
}

/** Who chose a context, strongest first: the user in Kubilitics, then Microsoft's Kubernetes extension. */
export interface ContextChoices {
  /** Picked with "Kubilitics: Select Context…" (remembered across sessions). */
  readonly remembered?: string | undefined;
  /** The current context of Microsoft's Kubernetes extension, as its change event last said. */
  readonly followed?: string | undefined;
  /** The kubeconfig's own current-context. */
  readonly current?: string | undefined;
}

/** The context to connect to: the strongest choice the kubeconfig defines. */
export function chooseContext(choices: ContextChoices, defined: (name: string) => boolean): string | undefined {
  for (const name of [choices.remembered, choices.followed, choices.current]) if (name && defined(name)) return name;
  return undefined;
}

export interface LoadedKubeconfig {
  readonly config: KubeConfig;
  readonly files: readonly string[];
}

export function kubeconfigPaths(sources: KubeconfigSources): string[] {
  const expand = (path: string): string => (path.startsWith('~/') ? join(sources.home, path.slice(2)) : path);
  if (sources.setting) return [expand(sources.setting)];
  if (sources.followed?.length) return sources.followed.map(expand);
  if (sources.vsKubernetesSetting) return [expand(sources.vsKubernetesSetting)];
  const fromEnvironment = (sources.environment ?? '').split(delimiter).filter((path) => path.length > 0);
  if (fromEnvironment.length > 0) return fromEnvironment.map(expand);
  return [join(sources.home, '.kube', 'config')];
}

/**
 * Loads and merges kubeconfig files as kubectl does: for clusters, users and contexts the first file that
 * defines a name wins, and so does the first file that sets current-context. Missing files in a KUBECONFIG
 * list are skipped like kubectl; a single missing file is an error.
 */
export async function loadKubeconfig(paths: readonly string[]): Promise<LoadedKubeconfig> {
  const loaded: { file: string; config: KubeConfig }[] = [];
  for (const file of paths) {
    let text: string;
    try {
      if ((await stat(file)).size > MAX_KUBECONFIG_BYTES)
        throw new KubeconfigError('too-large', tooLargeMessage(file), tooLargeStep(), file);
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (error instanceof KubeconfigError) throw error;
      const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (paths.length > 1 && absent) continue;
      throw new KubeconfigError(
        absent ? 'missing-file' : 'unreadable',
        l10n.t('kubeconfig {0} cannot be read ({1})', file, (error as NodeJS.ErrnoException).code ?? 'error'),
        l10n.t('Select a kubeconfig file with "Kubilitics: Select Kubeconfig File…" or set kubilitics.kubeconfig.'),
        file,
      );
    }
    const config = new KubeConfig();
    try {
      config.loadFromString(text);
    } catch (error) {
      throw new KubeconfigError(
        'unparsable',
        l10n.t('kubeconfig {0} is not valid: {1}', file, parseFailure(error)),
        l10n.t('Fix the file (try `kubectl config view`) or select another with "Kubilitics: Select Kubeconfig File…".'),
        file,
      );
    }
    loaded.push({ file, config });
  }
  if (loaded.length === 0) {
    throw new KubeconfigError(
      'missing-file',
      l10n.t('none of the kubeconfig files exist: {0}', paths.join(', ')),
      l10n.t('Create one with your cloud CLI (e.g. `gcloud container clusters get-credentials`) or select a file.'),
    );
  }
  const merged = mergeFirstWins(loaded.map((entry) => entry.config));
  if (merged.getContexts().length === 0) {
    throw new KubeconfigError(
      'no-contexts',
      l10n.t('kubeconfig {0} defines no contexts', loaded.map((entry) => entry.file).join(', ')),
      l10n.t('Add a context with `kubectl config set-context` or select another file.'),
    );
  }
  return { config: merged, files: loaded.map((entry) => entry.file) };
}

/**
 * js-yaml's message quotes the lines around the error, and a kubeconfig's lines are tokens and keys: only the
 * reason and the line number go into the log and the notification.
 */
function parseFailure(error: unknown): string {
  const yamlError = error as { reason?: unknown; mark?: { line?: unknown } } | null;
  if (typeof yamlError?.reason === 'string') {
    const line = typeof yamlError.mark?.line === 'number' ? ` (${l10n.t('line {0}', yamlError.mark.line + 1)})` : '';
    return `${yamlError.reason}${line}`;
  }
  return (error as Error).message;
}

function mergeFirstWins(configs: readonly KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const config of configs) {
    for (const cluster of config.getClusters()) if (!clusters.has(cluster.name)) clusters.set(cluster.name, cluster);
    for (const user of config.getUsers()) if (!users.has(user.name)) users.set(user.name, user);
    for (const context of config.getContexts()) if (!contexts.has(context.name)) contexts.set(context.name, context);
    currentContext ||= config.getCurrentContext() ?? '';
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext,
  });
  return merged;
}

export interface ContextSummary {
  readonly name: string;
  readonly cluster?: string;
  readonly server?: string;
  readonly user?: string;
  readonly namespace?: string;
  /** Why the context cannot connect as it stands. */
  readonly problem?: string;
  /** The program an exec credential plugin runs, when the user has one. */
  readonly execCommand?: string;
}

export function describeContexts(config: KubeConfig): ContextSummary[] {
  return config.getContexts().map((context) => {
    const cluster = config.getCluster(context.cluster);
    const user = config.getUser(context.user);
    const problem = !cluster
      ? l10n.t('cluster "{0}" is not defined', context.cluster)
      : !user
        ? l10n.t('user "{0}" is not defined', context.user)
        : undefined;
    const exec = (user?.exec as { command?: unknown } | undefined)?.command;
    return {
      name: context.name,
      cluster: context.cluster,
      ...(cluster ? { server: cluster.server } : {}),
      user: context.user,
      ...(context.namespace ? { namespace: context.namespace } : {}),
      ...(problem ? { problem } : {}),
      ...(typeof exec === 'string' ? { execCommand: exec } : {}),
    };
  });
}

const tooLargeStep = (): string =>
  l10n.t('Check that the setting or KUBECONFIG names a kubeconfig file, or select another with "Kubilitics: Select Kubeconfig File…".');

function tooLargeMessage(file: string): string {
  return l10n.t('kubeconfig {0} is larger than {1} MB, so it was not read', file, MAX_KUBECONFIG_BYTES / 1_048_576);
}
