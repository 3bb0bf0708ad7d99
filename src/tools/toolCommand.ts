/**
 * Running helm, kustomize and kubectl: by an argument array (never a shell), with a time limit and an output cap,
 * and with a message a person can act on when the program is missing, too old or fails: what is wrong, how to
 * install it, and where to point at it (a setting in the extension, a flag in the CLI).
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { isAbsolute } from 'node:path';
import which from 'which';

export type ToolName = 'helm' | 'kustomize' | 'kubectl';

/** The oldest versions rendered with: the flags and output used here (origin annotations, `--skip-tests`) exist there. */
export const MIN_VERSIONS: Readonly<Record<ToolName, readonly [number, number, number]>> = {
  helm: [3, 10, 0],
  kustomize: [5, 0, 0],
  kubectl: [1, 27, 0],
};

export const INSTALL_URLS: Readonly<Record<ToolName, string>> = {
  helm: 'https://helm.sh/docs/intro/install/',
  kustomize: 'https://kubectl.docs.kubernetes.io/installation/kustomize/',
  kubectl: 'https://kubernetes.io/docs/tasks/tools/',
};

export type ToolProblem = 'missing' | 'too-old' | 'failed' | 'timeout' | 'too-large' | 'bad-input';

/** A typed failure, so callers tell a missing program from a failed render without reading the message. */
export class ToolError extends Error {
  constructor(
    readonly tool: ToolName,
    readonly problem: ToolProblem,
    message: string,
    /** The file and line the failure names (a template helm could not execute), as findings name files. */
    readonly source?: { readonly file: string; readonly line: number },
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export interface ToolLocation {
  readonly tool: ToolName;
  /** What runs: the configured path, or the bare name looked up on PATH. */
  readonly command: string;
  /** Whether `command` came from a setting or a flag (the message names that instead of PATH). */
  readonly configured: boolean;
  /** How to point at the program: `set kubilitics.helm.path` or `pass --helm PATH`. */
  readonly pointAt: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /**
   * Restricted Mode (an untrusted workspace): the program may start no other program and reach no other host. A
   * kustomization's remote base would run `git` and fetch from wherever the workspace's files say.
   */
  readonly sealed?: boolean;
}

/**
 * Where a sealed program cannot reach: a closed port on this machine. Go's HTTP client (kustomize, helm, kubectl)
 * takes it from the environment, so a remote base fails at once instead of being fetched.
 */
const NOWHERE_HOST = '127.0.0.1:9';
const NOWHERE = `http://${NOWHERE_HOST}`;

/** The environment of a sealed run: no PATH to find `git` or any other program on, and every proxy set to nowhere. */
function sealedEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(path|https?_proxy|all_proxy|no_proxy)$/i.test(key)) env[key] = value;
  return { ...env, PATH: '', HTTP_PROXY: NOWHERE, HTTPS_PROXY: NOWHERE, http_proxy: NOWHERE, https_proxy: NOWHERE, NO_PROXY: '' };
}

/**
 * The program to start: looked up on our PATH first when sealed, since its own environment has none (a setting may
 * name a bare `helm` too).
 */
async function programOf(location: ToolLocation, sealed: boolean): Promise<string | undefined> {
  if (!sealed || isAbsolute(location.command)) return location.command;
  return (await which(location.command, { nothrow: true })) ?? undefined;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function minimumText(tool: ToolName): string {
  return `v${MIN_VERSIONS[tool].join('.')}`;
}

/** The message for a program that cannot be started. */
export function missingMessage(location: ToolLocation): string {
  const where = location.configured ? `at ${location.command}` : 'on PATH';
  return (
    `${location.tool} was not found ${where}. Install ${location.tool} ${minimumText(location.tool)} or later ` +
    `(${INSTALL_URLS[location.tool]}), or ${location.pointAt} to the program.`
  );
}

/** Runs `location` with `args`; stdout on success, a ToolError with stderr's last lines otherwise. */
export async function runTool(location: ToolLocation, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBuffer = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const sealed = options.sealed === true;
  const program = await programOf(location, sealed);
  if (program === undefined) throw new ToolError(location.tool, 'missing', missingMessage(location));
  const env = sealed ? sealedEnvironment() : undefined;
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { cwd: options.cwd, timeout, maxBuffer, windowsHide: true, shell: false, encoding: 'utf8', signal: options.signal, env },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(toolFailure(location, args, error, stderr, options));
      },
    );
  });
}

function toolFailure(
  location: ToolLocation,
  args: readonly string[],
  error: ExecFileException,
  stderr: string,
  options: RunOptions,
): ToolError {
  const { tool } = location;
  if (error.code === 'ENOENT' || error.code === 'EACCES') return new ToolError(tool, 'missing', missingMessage(location));
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    const cap = Math.round((options.maxBytes ?? DEFAULT_MAX_BYTES) / 1_048_576);
    return new ToolError(tool, 'too-large', `${tool} ${args[0] ?? ''} wrote more than ${cap} MB; stopped`);
  }
  if (error.killed || error.signal === 'SIGTERM') {
    const ms = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const limit = ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
    return new ToolError(tool, 'timeout', `${tool} ${args[0] ?? ''} did not finish within ${limit}; stopped`);
  }
  const said = lastLines(stderr, 12) || error.message;
  const sealedOut = options.sealed === true && (stderr.includes("no 'git' program on path") || stderr.includes(NOWHERE_HOST));
  // Said first: the tool's own words that follow are long, and a notification shows only its first line folded.
  const why = sealedOut
    ? 'in Restricted Mode remote bases and charts are not fetched (that would run git and reach other hosts): ' +
      'trust this workspace to build it.\n'
    : '';
  return new ToolError(tool, 'failed', `${tool} ${args[0] ?? ''} failed: ${why}${said}`);
}

function lastLines(text: string, count: number): string {
  return text.trim().split(/\r?\n/).slice(-count).join('\n');
}

/** `v3.21.4`, `Client Version: v1.37.2`, `{Version:kustomize/v4.5.7 …}` → [3, 21, 4]; undefined if none. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const client = /Client Version:\s*(?:version\.Info\{[^}]*GitVersion:")?v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  const match = client ?? /v(\d+)\.(\d+)\.(\d+)/.exec(text) ?? /^(\d+)\.(\d+)\.(\d+)/m.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function isOlder(version: readonly number[], minimum: readonly number[]): boolean {
  for (let index = 0; index < minimum.length; index++) {
    if ((version[index] ?? 0) !== minimum[index]) return (version[index] ?? 0) < minimum[index]!;
  }
  return false;
}

const VERSION_ARGS: Readonly<Record<ToolName, readonly string[]>> = {
  helm: ['version', '--template', '{{.Version}}'],
  kustomize: ['version'],
  kubectl: ['version', '--client'],
};

/**
 * The program's version, checked against MIN_VERSIONS: a ToolError ('missing', 'too-old') when it cannot be used.
 * A version that cannot be read (a build from source may say `(devel)`) is let through as "unknown".
 */
export async function checkVersion(location: ToolLocation, options: RunOptions = {}): Promise<string> {
  let said: string;
  try {
    said = await runTool(location, VERSION_ARGS[location.tool], { ...options, timeoutMs: options.timeoutMs ?? 30_000 });
  } catch (error) {
    if (error instanceof ToolError && error.problem === 'failed') throw tooOld(location, `its version could not be read`);
    throw error;
  }
  const version = parseVersion(said);
  if (version === undefined) return 'unknown';
  if (isOlder(version, MIN_VERSIONS[location.tool])) throw tooOld(location, `it is v${version.join('.')}`);
  return `v${version.join('.')}`;
}

function tooOld(location: ToolLocation, found: string): ToolError {
  const { tool } = location;
  return new ToolError(
    tool,
    'too-old',
    `${tool} at ${location.command} is older than ${minimumText(tool)}, the oldest supported (${found}). ` +
      `Install a newer one (${INSTALL_URLS[tool]}), or ${location.pointAt} to it.`,
  );
}
