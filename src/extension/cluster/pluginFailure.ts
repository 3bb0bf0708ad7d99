import type { ChildProcess } from 'node:child_process';
import type { KubeConfig, User } from '@kubernetes/client-node';
import * as l10n from '@vscode/l10n';

/**
 * What we may say about a credential plugin (kubeconfig `users[].user.exec`) that failed. Plugins print tokens,
 * signed URLs and device codes on stderr and stdout, and client-node's ExecAuth puts exactly that text into its
 * errors (`new Error(stderr)`, and JSON.parse quoting the first characters of stdout). So a failure is told by
 * what we know without reading the output: the command, how it ended, and what the user can do.
 */
export interface PluginRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface ExecAuthLike {
  execFn: (command: string, args: readonly string[] | undefined, options: object) => ChildProcess;
}

const trackers = new WeakMap<KubeConfig, () => PluginRun | undefined>();

/**
 * Remembers the last plugin process client-node starts for `config`, because ExecAuth's error drops the exit
 * code. client-node 1.4 keeps its ExecAuth in the private `authenticators` list and starts plugins through its
 * `execFn`; if a later version changes that, failures are still reported, only without the exit code
 * (test/extension/cluster/pluginFailure.test.ts runs a real plugin and would show it).
 */
export function trackPluginRuns(config: KubeConfig): () => PluginRun | undefined {
  const known = trackers.get(config);
  if (known) return known;
  let last: ChildProcess | undefined;
  const authenticators = (config as unknown as { authenticators?: unknown }).authenticators;
  const execAuth = Array.isArray(authenticators)
    ? (authenticators as unknown[]).find((entry): entry is ExecAuthLike => typeof (entry as ExecAuthLike | null)?.execFn === 'function')
    : undefined;
  if (execAuth) {
    const spawn = execAuth.execFn;
    execAuth.execFn = (command, args, options) => {
      last = spawn(command, args, options);
      return last;
    };
  }
  const lastRun = (): PluginRun | undefined => (last ? { exitCode: last.exitCode, signal: last.signalCode } : undefined);
  trackers.set(config, lastRun);
  return lastRun;
}

/** The exec plugin command of a kubeconfig user (also the legacy `auth-provider: {config: {exec}}` form). */
export function pluginCommand(user: User | null): string | undefined {
  const exec = (user?.exec ?? (user?.authProvider as { config?: { exec?: unknown } } | undefined)?.config?.exec) as
    { command?: unknown } | undefined;
  return typeof exec?.command === 'string' ? exec.command : undefined;
}

/** One sentence on a failed plugin: its command, how it ended (never what it printed) and how to see its output. */
export function describePluginFailure(command: string, user: string, run: PluginRun | undefined, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const startFailed = typeof code === 'string' && (error as NodeJS.ErrnoException).syscall?.startsWith('spawn') === true;
  const how = startFailed
    ? l10n.t('could not be started ({0})', code)
    : run?.signal
      ? l10n.t('was stopped by {0}', run.signal)
      : run?.exitCode
        ? l10n.t('exited with code {0}', run.exitCode)
        : run?.exitCode === 0
          ? l10n.t('exited with code 0 but did not print a valid ExecCredential')
          : l10n.t('failed');
  return [
    l10n.t('the credential plugin "{0}" of user "{1}" {2}.', command, user, how),
    l10n.t('Its output was withheld because credential plugins may print secrets.'),
    l10n.t(
      'To see it, run "{0}" in a terminal {1}, fix what it reports, then reconnect',
      command,
      l10n.t('with the arguments under users › {0} › exec in your kubeconfig (or any kubectl command with this context)', user),
    ),
  ].join(' ');
}
