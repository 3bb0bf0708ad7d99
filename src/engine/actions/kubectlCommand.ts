/**
 * The kubectl command line equivalent to an action, for "Copy as kubectl Command" and for the action log: what we
 * did, in the words an operator can rerun or paste into a runbook. Arguments are quoted for a POSIX shell.
 */
import type { ActionId } from './catalog.js';
import type { PropagationPolicy } from './dependents.js';

export interface ActionTarget {
  readonly context: string;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ActionArguments {
  readonly replicas?: number;
  readonly propagation?: PropagationPolicy;
  /** Shell: the container (omitted: kubectl picks the default one) and the command (default `sh`). */
  readonly container?: string;
  readonly shell?: string;
  /** Port forward: the local port and the object's port (a Service port for a Service). */
  readonly localPort?: number;
  readonly remotePort?: number;
}

const SAFE = /^[A-Za-z0-9@%_+=:,./-]+$/;

export function shellQuote(argument: string): string {
  return SAFE.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

/** `deployment.apps/web`, `pod/web-1`: kind and group spelled so kubectl resolves exactly this resource. */
export function resourceArgument(target: Pick<ActionTarget, 'group' | 'kind' | 'name'>): string {
  const kind = target.kind.toLowerCase();
  return `${target.group ? `${kind}.${target.group}` : kind}/${target.name}`;
}

function scope(target: ActionTarget): string[] {
  return ['--context', target.context, ...(target.namespace ? ['-n', target.namespace] : [])];
}

/** `8080:80`; `:80` (kubectl picks a free local port) when the local port is not chosen yet. */
function forwardedPorts(args: ActionArguments): string {
  const remote = args.remotePort ?? 80;
  return `${args.localPort ?? ''}:${remote}`;
}

function verbArguments(action: ActionId, target: ActionTarget, args: ActionArguments): string[] {
  const resource = resourceArgument(target);
  switch (action) {
    case 'view-yaml':
    case 'copy-name':
    case 'copy-kubectl':
      return ['get', resource, '-o', 'yaml'];
    case 'edit':
      return ['edit', resource];
    case 'scale':
      return ['scale', resource, `--replicas=${args.replicas ?? 0}`];
    case 'restart':
      return ['rollout', 'restart', resource];
    case 'delete':
      return ['delete', resource, `--cascade=${(args.propagation ?? 'Background').toLowerCase()}`];
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return action === 'drain' ? ['drain', target.name, '--ignore-daemonsets', '--delete-emptydir-data'] : [action, target.name];
    case 'shell':
      return ['exec', '-it', resource, ...(args.container ? ['-c', args.container] : []), '--', args.shell ?? 'sh'];
    case 'port-forward':
      return ['port-forward', resource, forwardedPorts(args)];
  }
}

export function kubectlCommand(action: ActionId, target: ActionTarget, args: ActionArguments = {}): string {
  return ['kubectl', ...scope(target), ...verbArguments(action, target, args)].map(shellQuote).join(' ');
}

/**
 * `kubectl apply --server-side` as Kubilitics applies: the same field manager, so running it after us (or us after it)
 * never conflicts with ourselves. `files` empty means the manifests came from an editor selection: `-f -`.
 */
export function kubectlApplyCommand(
  context: string,
  files: readonly string[],
  options: { dryRun?: boolean; force?: boolean; kustomization?: boolean } = {},
): string {
  const flag = options.kustomization ? '-k' : '-f';
  const sources = files.length ? files.flatMap((file) => [flag, file]) : ['-f', '-'];
  const flags = ['--server-side', '--field-manager=kubilitics', ...(options.force ? ['--force-conflicts'] : [])];
  return ['kubectl', '--context', context, 'apply', ...flags, ...(options.dryRun ? ['--dry-run=server'] : []), ...sources]
    .map(shellQuote)
    .join(' ');
}
