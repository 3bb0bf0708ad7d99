/**
 * A real Kubernetes control plane for tests: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok
 * (fake nodes, so Pods are scheduled and become Running), built from Go modules by scripts/build-controlplane.sh.
 *
 * Everything listens on 127.0.0.1 with free ports and lives in a temp dir: certificates are generated at start (openssl
 * CLI), one admin identity (system:masters) and one namespace-limited identity (user `dev`, RoleBinding to `edit` or
 * `view` in `team-a` only), each with its own kubeconfig. Every child runs in its own process group and is killed by
 * stop(), on process exit/SIGINT/SIGTERM, and by a watchdog if this process dies without running handlers.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const;
/** metrics-server is optional (`metrics: true`): its absence does not make the plane unavailable. */
type Component = (typeof BINARIES)[number] | 'metrics-server';

// ------------------------------------------------------------------------------------------------ public API

export interface ControlPlaneOptions {
  /** Dir with the five binaries and kwok-stages.yaml next to it; default: $KUBILITICS_CONTROLPLANE_BIN, else the cache dir. */
  binDir?: string;
  /** Number of kwok fake nodes (default 2). */
  nodes?: number;
  /** Namespace of the limited identity (default `team-a`); created at start. */
  limitedNamespace?: string;
  /** Cluster role bound to the limited identity inside its namespace (default `edit`). */
  limitedRole?: 'edit' | 'view';
  /** Keep the temp dir (certs, logs, etcd data) after stop(); it is always kept when start fails. */
  keepTempDir?: boolean;
  /** Timeout for each readiness wait (default 120 s; the machine may be slow and shared). */
  readyTimeoutMs?: number;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
  /**
   * Serve metrics.k8s.io for real: kwok simulates each node's kubelet `/metrics/resource` (its `Metrics` resource, with
   * a Pod's usage taken from its `kwok.x-k8s.io/usage-cpu` / `-memory` annotations, default 1m / 1Mi), and
   * metrics-server scrapes it (through the `metrics.k8s.io/resource-metrics-path` node annotation) and is
   * registered as the `v1beta1.metrics.k8s.io` APIService. Needs `bin/metrics-server` (scripts/build-controlplane.sh).
   */
  metrics?: boolean;
}

export interface ControlPlane {
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** kubeconfig of `kubilitics-admin` (group system:masters), context namespace `default`. */
  readonly adminKubeconfigPath: string;
  /** kubeconfig of user `dev`: `limitedRole` in `limitedNamespace` only (context namespace = that namespace). */
  readonly limitedKubeconfigPath: string;
  readonly limitedNamespace: string;
  readonly limitedUser: string;
  /** Names of the kwok fake nodes (Ready when startControlPlane resolves). */
  readonly nodeNames: readonly string[];
  /** `gitVersion` reported by /version. */
  readonly version: string;
  readonly tempDir: string;
  /** Per-component log files. */
  readonly logFiles: Readonly<Record<Component, string>>;
  /**
   * The files kwok serves as every Pod's container logs (a kwok `ClusterLogs` rule), in the kubelet's CRI format
   * (`<RFC 3339 time> stdout F <text>`): `current` for container `app` and any other, `sidecar` for containers named
   * `sidecar`, `previous` for `previous=true`. Tests append lines; a followed stream sees them. kube-apiserver reaches
   * kwok's kubelet endpoint for `pods/log` at the node's InternalIP (127.0.0.1) on kwok's port.
   */
  readonly podLogFiles: { readonly current: string; readonly sidecar: string; readonly previous: string };
  /**
   * Where kwok sends every Pod's port-forward, whatever the port (a kwok `ClusterPortForward` rule): 127.0.0.1 on this
   * port, free at start. A test listens here to be the "container" behind `pods/portforward`.
   */
  readonly portForwardTargetPort: number;
  /**
   * The working directory of every exec into a Pod: kwok runs the requested command on this machine (a kwok
   * `ClusterExec` rule), in a pty when a TTY is asked for.
   */
  readonly execDir: string;
  /** Milliseconds from start to a usable plane (nodes Ready, `default` ServiceAccounts exist). */
  readonly startupMs: number;
  /** PIDs (= process group ids) of the children currently running. */
  pids(): number[];
  /**
   * Stop kube-apiserver, wait `downtimeMs` (default 0), start it again on the same port and wait for /readyz.
   * `signal: 'SIGTERM'` (default) is a graceful shutdown: open watches are ended (EOF) within ~2 s;
   * `'SIGKILL'` is a crash: connections are reset.
   */
  restartApiServer(options?: { downtimeMs?: number; signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Stop every process this plane started and remove the temp dir (unless keepTempDir). Idempotent. */
  stop(): Promise<void>;
}

export interface ControlPlaneVersions {
  K8S_VERSION: string;
  ETCD_VERSION: string;
  KWOK_VERSION: string;
}

/**
 * This directory. `__dirname` is right under vitest and CJS, but not when tsx loads this file from an ES module (it
 * evaluates it from a data: URL); then look for it from the working directory upwards.
 */
function findHere(): string {
  if (typeof __dirname === 'string' && existsSync(join(__dirname, 'versions.env'))) return __dirname;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'test', 'cluster', 'controlplane');
    if (existsSync(join(candidate, 'versions.env'))) return candidate;
    if (dirname(dir) === dir) throw new Error('test/cluster/controlplane/versions.env not found from the working directory');
  }
}
let here: string | undefined;
const HERE = (): string => (here ??= findHere());

/** The versions pinned in versions.env (shared with scripts/build-controlplane.sh). */
export function controlPlaneVersions(): ControlPlaneVersions {
  const text = readFileSync(join(HERE(), 'versions.env'), 'utf8');
  const value = (key: string): string => {
    const match = new RegExp(`^${key}=(\\S+)`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`versions.env: ${key} missing`);
    return match[1];
  };
  return { K8S_VERSION: value('K8S_VERSION'), ETCD_VERSION: value('ETCD_VERSION'), KWOK_VERSION: value('KWOK_VERSION') };
}

/** Where scripts/build-controlplane.sh puts the binaries (same key as the script). */
export function controlPlaneBinDir(): string {
  const fromEnv = process.env['KUBILITICS_CONTROLPLANE_BIN'];
  if (fromEnv) return fromEnv;
  const v = controlPlaneVersions();
  const root = process.env['KUBILITICS_CONTROLPLANE_CACHE'] ?? join(homedir(), '.cache', 'kubilitics-controlplane');
  return join(root, `k8s-${v.K8S_VERSION}_etcd-${v.ETCD_VERSION}_kwok-${v.KWOK_VERSION}`, 'bin');
}

/** Whether the binaries are built (tests skip or fail with a hint to run `bash scripts/build-controlplane.sh`). */
export function controlPlaneAvailable(binDir = controlPlaneBinDir()): boolean {
  return BINARIES.every((b) => existsSync(join(binDir, b))) && existsSync(join(binDir, '..', 'kwok-stages.yaml'));
}

export const BUILD_HINT = 'run `bash scripts/build-controlplane.sh` (builds once into the cache; ~16 min cold on 2 cores)';

// ------------------------------------------------------------------------------------------------ process groups

/** Process groups of every live child of every plane in this process; killed synchronously on exit. */
const liveGroups = new Set<number>();
let exitHooksInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* ESRCH: already gone */
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
      liveGroups.clear();
      process.removeListener(signal, onSignal);
      // Restore the default behaviour (terminate) unless someone else handles the signal.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly pid: number;
  /** Set when the process has exited: signal name, `exit code N`, or the spawn error. */
  exitInfo: string | undefined;
}

/**
 * A detached shell that outlives a SIGKILLed test process: when `parentPid` is gone it SIGKILLs every process group
 * listed in `groupsFile`. Harmless once stop() has run (the file is then empty and the watchdog is killed).
 */
function startWatchdog(groupsFile: string): ChildProcess {
  // POSIX sh (dash): `kill -KILL -PGID` works, `kill -KILL -- -PGID` does not. A zombie parent counts as gone.
  const script =
    'while kill -0 "$1" 2>/dev/null && ! grep -q "^[0-9]* ([^)]*) Z" "/proc/$1/stat" 2>/dev/null; do sleep 1; done; ' +
    '[ -f "$2" ] && while read -r g; do kill -KILL "-$g" 2>/dev/null; done < "$2"; exit 0';
  const proc = spawn('sh', ['-c', script, 'kubilitics-cp-watchdog', String(process.pid), groupsFile], {
    detached: true,
    stdio: 'ignore',
  });
  proc.unref();
  return proc;
}

// ------------------------------------------------------------------------------------------------ helpers

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((ok, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => ok(server));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((ok) => s.close(() => ok()))));
  return ports;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

interface Pki {
  caCert: string;
  caKey: string;
  dir: string;
}

async function makeCa(dir: string): Promise<Pki> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.crt');
  await run('openssl', [
    'req',
    '-x509',
    ...EC,
    '-keyout',
    caKey,
    '-out',
    caCert,
    '-days',
    '7',
    '-subj',
    '/CN=kubilitics-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
  return { caCert, caKey, dir };
}

/** Issues `<name>.crt`/`<name>.key` signed by the CA; `subject` like `/O=system:masters/CN=admin`. */
async function issue(pki: Pki, name: string, subject: string, usage: 'server' | 'client', sans: string[] = []): Promise<void> {
  const ext = join(pki.dir, `${name}.ext`);
  const lines = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
  ];
  if (sans.length > 0) lines.push(`subjectAltName=${sans.join(',')}`);
  await writeFile(ext, lines.join('\n') + '\n');
  await run('openssl', ['req', ...EC, '-keyout', join(pki.dir, `${name}.key`), '-out', join(pki.dir, `${name}.csr`), '-subj', subject]);
  const serial = `0x${randomBytes(15).toString('hex')}`;
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    join(pki.dir, `${name}.csr`),
    '-CA',
    pki.caCert,
    '-CAkey',
    pki.caKey,
    '-set_serial',
    serial,
    '-out',
    join(pki.dir, `${name}.crt`),
    '-days',
    '7',
    '-extfile',
    ext,
  ]);
}

function kubeconfig(server: string, caPem: string, user: string, certPem: string, keyPem: string, namespace: string): string {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  // JSON is valid YAML, and every kubeconfig reader accepts it.
  return (
    JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'kubilitics-test', cluster: { server, 'certificate-authority-data': b64(caPem) } }],
        users: [{ name: user, user: { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) } }],
        contexts: [{ name: `${user}@kubilitics-test`, context: { cluster: 'kubilitics-test', user, namespace } }],
        'current-context': `${user}@kubilitics-test`,
      },
      null,
      2,
    ) + '\n'
  );
}

interface HttpResult {
  status: number;
  body: string;
}

interface Tls {
  ca?: string;
  cert?: string;
  key?: string;
  insecure?: boolean;
}

function httpCall(url: string, options: { method?: string; body?: unknown; tls?: Tls; timeoutMs?: number } = {}): Promise<HttpResult> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const common = { method: options.method ?? 'GET', headers, timeout: options.timeoutMs ?? 5000 };
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    };
    const req =
      u.protocol === 'https:'
        ? httpsRequest(
            u,
            {
              ...common,
              ...(options.tls?.ca === undefined ? {} : { ca: options.tls.ca }),
              ...(options.tls?.cert === undefined ? {} : { cert: options.tls.cert }),
              ...(options.tls?.key === undefined ? {} : { key: options.tls.key }),
              rejectUnauthorized: options.tls?.insecure !== true,
            },
            onResponse,
          )
        : httpRequest(u, common, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', fail);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ------------------------------------------------------------------------------------------------ metrics

/** Whether metrics-server and kwok's Metrics resource are built (optional: only `metrics: true` planes need them). */
export function metricsServerAvailable(binDir = controlPlaneBinDir()): boolean {
  return existsSync(join(binDir, 'metrics-server')) && existsSync(join(binDir, '..', 'kwok-metrics.yaml'));
}

/** kwok's exec simulation: every Pod's every container runs the asked command here, with a plain prompt. */
function clusterExec(workDir: string): object {
  const envs = [
    { name: 'PS1', value: '$ ' },
    { name: 'PATH', value: '/usr/local/bin:/usr/bin:/bin' },
  ];
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterExec',
    metadata: { name: 'test-exec' },
    spec: { execs: [{ local: { workDir, envs } }] },
  };
}

/** kwok's port-forward simulation: any port of any Pod reaches 127.0.0.1:`port`, where a test listens. */
function clusterPortForward(port: number): object {
  const forwards = [{ target: { address: '127.0.0.1', port } }];
  return { apiVersion: 'kwok.x-k8s.io/v1alpha1', kind: 'ClusterPortForward', metadata: { name: 'test-port-forward' }, spec: { forwards } };
}

/** A CEL expression for kwok: the Pod's `kwok.x-k8s.io/usage-<resource>` annotation, else `fallback`. */
const usageFromAnnotation = (resource: string, fallback: string): string => {
  const key = `"kwok.x-k8s.io/usage-${resource}"`;
  return `${key} in pod.metadata.annotations ? Quantity(pod.metadata.annotations[${key}]) : Quantity("${fallback}")`;
};

/** kwok's own example (kustomize/metrics/usage): a Pod's usage from its annotations, 1m CPU and 1Mi memory otherwise. */
const USAGE_FROM_ANNOTATIONS = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'ClusterResourceUsage',
  metadata: { name: 'usage-from-annotation' },
  spec: {
    usages: [
      { usage: { cpu: { expression: usageFromAnnotation('cpu', '1m') }, memory: { expression: usageFromAnnotation('memory', '1Mi') } } },
    ],
  },
};

interface MetricsServerContext {
  startChild(name: Component, args: string[]): unknown;
  waitFor(what: string, component: Component, probe: () => Promise<boolean>): Promise<void>;
  api(method: string, path: string, body?: unknown): Promise<HttpResult>;
  kc(file: string, cert: string, user: string): Promise<string>;
  dir: string;
  port: number;
}

/**
 * metrics-server on 127.0.0.1, registered as an APIService. kube-apiserver reaches it through an ExternalName
 * Service (`localhost`): the aggregator resolves those by name, where a ClusterIP would need kube-proxy and
 * Endpoints may not hold loopback addresses. kwok's kubelet endpoint is plain HTTP, hence the (deprecated) insecure
 * kubelet scheme.
 */
async function startMetricsServer(context: MetricsServerContext): Promise<void> {
  const { startChild, waitFor, api, kc, dir, port } = context;
  const kubeconfigPath = await kc('metrics-server', 'metrics-server', 'metrics-server');
  startChild('metrics-server', [
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${join(dir, 'metrics-server-certs')}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--kubelet-use-node-status-port',
    '--deprecated-kubelet-completely-insecure=true',
    '--metric-resolution=10s',
    '--kubelet-request-timeout=5s',
    '--profiling=false',
  ]);
  await api('POST', '/api/v1/namespaces/kube-system/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'metrics-server', namespace: 'kube-system' },
    spec: { type: 'ExternalName', externalName: 'localhost', ports: [{ name: 'https', port, protocol: 'TCP' }] },
  });
  await api('POST', '/apis/apiregistration.k8s.io/v1/apiservices', {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      service: { namespace: 'kube-system', name: 'metrics-server', port },
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  });
  // Available once kube-apiserver reaches it. NodeMetrics follow the first scrape after Pods run: metrics-server drops
  // a node whose usage is zero, and kwok's node usage is the sum of its Pods'.
  await waitFor('the metrics.k8s.io APIService', 'metrics-server', async () => {
    const res = await api('GET', '/apis/metrics.k8s.io/v1beta1').catch(() => undefined);
    return res?.status === 200;
  });
}

// ------------------------------------------------------------------------------------------------ the plane

/** Start a control plane; rejects (after killing whatever it started) with log paths when anything fails. */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const t0 = Date.now();
  const log = options.log ?? ((): void => undefined);
  const binDir = options.binDir ?? controlPlaneBinDir();
  if (!controlPlaneAvailable(binDir)) throw new Error(`control plane binaries missing in ${binDir}: ${BUILD_HINT}`);
  const stagesFile = join(binDir, '..', 'kwok-stages.yaml');
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const namespace = options.limitedNamespace ?? 'team-a';
  const limitedRole = options.limitedRole ?? 'edit';
  const nodeCount = options.nodes ?? 2;
  const limitedUser = 'dev';

  installExitHooks();
  const dir = await mkdtemp(join(tmpdir(), 'kubilitics-cp-'));
  const pkiDir = join(dir, 'pki');
  const logDir = join(dir, 'logs');
  await Promise.all([mkdir(pkiDir), mkdir(logDir), mkdir(join(dir, 'etcd'), { mode: 0o700 })]);
  const logFiles = Object.fromEntries([...BINARIES, 'metrics-server'].map((b) => [b, join(logDir, `${b}.log`)])) as Record<
    Component,
    string
  >;
  const metrics = options.metrics === true;
  if (metrics && !metricsServerAvailable(binDir)) throw new Error(`metrics-server missing in ${binDir}: ${BUILD_HINT}`);
  const podLogFiles = {
    current: join(dir, 'pod-logs', 'current.log'),
    sidecar: join(dir, 'pod-logs', 'sidecar.log'),
    previous: join(dir, 'pod-logs', 'previous.log'),
  };
  const kwokConfig = join(dir, 'kwok.yaml');
  const execDir = join(dir, 'exec');
  const groupsFile = join(dir, 'process-groups');
  writeFileSync(groupsFile, '');
  const watchdog = startWatchdog(groupsFile);
  if (watchdog.pid !== undefined) liveGroups.add(watchdog.pid);

  const children = new Map<Component, Child>();
  let stopped = false;

  const startChild = (name: Component, args: string[]): Child => {
    const fd = openSync(logFiles[name], 'a');
    appendFileSync(logFiles[name], `\n==== ${new Date().toISOString()} ${name} ${args.join(' ')}\n`);
    let proc: ChildProcess;
    try {
      proc = spawn(join(binDir, name), args, { cwd: dir, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, HOME: dir } });
    } finally {
      closeSync(fd);
    }
    proc.on('error', () => undefined); // reported through exitInfo below; never an unhandled 'error' event
    if (proc.pid === undefined) throw new Error(`could not spawn ${join(binDir, name)}`);
    const pid = proc.pid;
    liveGroups.add(pid);
    appendFileSync(groupsFile, `${pid}\n`);
    const child: Child = { name, proc, pid, exitInfo: undefined };
    proc.once('exit', (code, signal) => {
      child.exitInfo = signal ?? `exit code ${String(code)}`;
    });
    proc.once('error', (error) => {
      child.exitInfo = String(error);
    });
    proc.unref();
    children.set(name, child);
    return child;
  };

  /**
   * SIGTERM (or SIGKILL) the child's process group, SIGKILL after `graceMs`. Polls with timers rather than awaiting
   * `exited`: children are unref'd, so a bare await would let the event loop drain and the process exit.
   */
  const stopChild = async (child: Child, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', graceMs = 15_000): Promise<void> => {
    const waitExit = async (ms: number): Promise<boolean> => {
      for (const deadline = Date.now() + ms; child.exitInfo === undefined && Date.now() < deadline;) await sleep(20);
      return child.exitInfo !== undefined;
    };
    if (child.exitInfo === undefined) {
      killGroup(child.pid, signal);
      if (!(await waitExit(graceMs))) {
        killGroup(child.pid, 'SIGKILL');
        if (!(await waitExit(10_000))) log(`${child.name} (pid ${child.pid}) did not exit after SIGKILL`);
      }
    }
    // The group may hold grandchildren even after the leader exited.
    killGroup(child.pid, 'SIGKILL');
    liveGroups.delete(child.pid);
  };

  /** Polls `probe` until it returns true; fails early when the component exits. */
  const waitFor = async (what: string, component: Component, probe: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + readyTimeoutMs;
    let lastError = '';
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      const child = children.get(component);
      if (child?.exitInfo !== undefined) {
        throw new Error(
          `${component} exited (${child.exitInfo}) while waiting for ${what}; ` +
            `log ${logFiles[component]}:\n${await tail(logFiles[component])}`,
        );
      }
      try {
        if (await probe()) return;
      } catch (error) {
        lastError = String(error);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out after ${readyTimeoutMs} ms waiting for ${what} (${lastError}); ` +
            `log ${logFiles[component]}:\n${await tail(logFiles[component])}`,
        );
      }
      await sleep(delay);
    }
  };

  const stopAll = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Reverse dependency order: clients first, etcd last.
    for (const name of ['metrics-server', 'kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'] as const) {
      const child = children.get(name);
      if (child) await stopChild(child);
    }
    writeFileSync(groupsFile, '');
    if (watchdog.pid !== undefined) {
      killGroup(watchdog.pid, 'SIGKILL');
      liveGroups.delete(watchdog.pid);
    }
  };

  try {
    // ---------------------------------------------------------------- certificates
    const pki = await makeCa(pkiDir);
    const apiSans = [
      'IP:127.0.0.1',
      'IP:10.96.0.1',
      'DNS:localhost',
      'DNS:kubernetes',
      'DNS:kubernetes.default',
      'DNS:kubernetes.default.svc',
      'DNS:kubernetes.default.svc.cluster.local',
    ];
    await Promise.all([
      issue(pki, 'apiserver', '/CN=kube-apiserver', 'server', apiSans),
      issue(pki, 'admin', '/O=system:masters/CN=kubilitics-admin', 'client'),
      issue(pki, 'controller-manager', '/CN=system:kube-controller-manager', 'client'),
      issue(pki, 'scheduler', '/CN=system:kube-scheduler', 'client'),
      issue(pki, 'kwok', '/O=system:masters/CN=kwok-controller', 'client'),
      issue(pki, limitedUser, `/O=kubilitics:developers/CN=${limitedUser}`, 'client'),
      ...(metrics
        ? [
            issue(pki, 'front-proxy-client', '/CN=front-proxy-client', 'client'),
            issue(pki, 'metrics-server', '/O=system:masters/CN=metrics-server', 'client'),
          ]
        : []),
      run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', join(pkiDir, 'sa.key')]).then(() =>
        run('openssl', ['pkey', '-in', join(pkiDir, 'sa.key'), '-pubout', '-out', join(pkiDir, 'sa.pub')]),
      ),
    ]);
    const pem = async (name: string): Promise<string> => readFile(join(pkiDir, name), 'utf8');
    const caPem = await pem('ca.crt');
    const adminTls: Tls = { ca: caPem, cert: await pem('admin.crt'), key: await pem('admin.key') };

    const [etcdClientPort, etcdPeerPort, apiPort, kcmPort, schedulerPort, kwokPort, metricsPort, portForwardTargetPort] = (await freePorts(
      8,
    )) as [number, number, number, number, number, number, number, number];
    const server = `https://127.0.0.1:${apiPort}`;
    /** Writes `<file>.kubeconfig` for the identity whose cert/key are `<cert>.crt`/`<cert>.key`. */
    const kc = async (file: string, cert: string, user: string, ns = 'default'): Promise<string> => {
      const path = join(dir, `${file}.kubeconfig`);
      await writeFile(path, kubeconfig(server, caPem, user, await pem(`${cert}.crt`), await pem(`${cert}.key`), ns), { mode: 0o600 });
      return path;
    };
    const adminKubeconfigPath = await kc('admin', 'admin', 'kubilitics-admin');
    const limitedKubeconfigPath = await kc('limited', limitedUser, limitedUser, namespace);
    const kcmKubeconfig = await kc('controller-manager', 'controller-manager', 'system:kube-controller-manager');
    const schedulerKubeconfig = await kc('scheduler', 'scheduler', 'system:kube-scheduler');
    const kwokKubeconfig = await kc('kwok', 'kwok', 'kwok-controller');
    log(`certificates and kubeconfigs in ${dir} (${Date.now() - t0} ms)`);

    // ---------------------------------------------------------------- etcd
    const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
    startChild('etcd', [
      '--name=default',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      '--initial-cluster-state=new',
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ]);
    await waitFor('etcd /health', 'etcd', async () => (await httpCall(`${etcdUrl}/health`)).status === 200);
    log(`etcd ready on ${etcdUrl} (${Date.now() - t0} ms)`);

    // ---------------------------------------------------------------- kube-apiserver
    const apiserverArgs = [
      `--etcd-servers=${etcdUrl}`,
      // The advertise address only feeds the `default/kubernetes` Service's endpoints, which may not be loopback:
      // a TEST-NET-1 address (RFC 5737) nobody connects to.
      '--bind-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      '--advertise-address=192.0.2.1',
      `--cert-dir=${join(dir, 'apiserver-certs')}`,
      `--tls-cert-file=${join(pkiDir, 'apiserver.crt')}`,
      `--tls-private-key-file=${join(pkiDir, 'apiserver.key')}`,
      `--client-ca-file=${pki.caCert}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${join(pkiDir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(pkiDir, 'sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      '--authorization-mode=Node,RBAC',
      '--enable-admission-plugins=NodeRestriction',
      '--allow-privileged=true',
      // Without it, SIGTERM waits for the 60 s request timeout because open watches keep the HTTP server busy.
      '--shutdown-watch-termination-grace-period=2s',
      '--profiling=false',
      // Nodes are kwok's fakes: their names do not resolve, their InternalIP (127.0.0.1) reaches kwok's kubelet endpoint.
      '--kubelet-preferred-address-types=InternalIP',
      // The aggregation layer (metrics-server): kube-apiserver proxies as front-proxy-client with the user in headers.
      ...(metrics
        ? [
            `--requestheader-client-ca-file=${pki.caCert}`,
            '--requestheader-allowed-names=front-proxy-client',
            '--requestheader-username-headers=X-Remote-User',
            '--requestheader-group-headers=X-Remote-Group',
            '--requestheader-extra-headers-prefix=X-Remote-Extra-',
            `--proxy-client-cert-file=${join(pkiDir, 'front-proxy-client.crt')}`,
            `--proxy-client-key-file=${join(pkiDir, 'front-proxy-client.key')}`,
          ]
        : []),
    ];
    const startApiServer = async (): Promise<void> => {
      startChild('kube-apiserver', apiserverArgs);
      await waitFor('kube-apiserver /readyz', 'kube-apiserver', async () => {
        const res = await httpCall(`${server}/readyz`, { tls: adminTls });
        return res.status === 200;
      });
    };
    await startApiServer();
    const versionInfo = JSON.parse((await httpCall(`${server}/version`, { tls: adminTls })).body) as { gitVersion?: string };
    log(`kube-apiserver ${versionInfo.gitVersion ?? '?'} ready on ${server} (${Date.now() - t0} ms)`);

    const api = async (method: string, path: string, body?: unknown): Promise<HttpResult> => {
      const res = await httpCall(`${server}${path}`, { method, body, tls: adminTls, timeoutMs: 15_000 });
      if (res.status >= 300 && res.status !== 409) throw new Error(`${method} ${path}: HTTP ${res.status} ${res.body}`);
      return res;
    };

    // Objects the controllers don't need to wait for.
    await api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    await api('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${limitedUser}-${limitedRole}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: limitedRole },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: limitedUser }],
    });
    const nodeNames = Array.from({ length: nodeCount }, (_, i) => `kwok-node-${i}`);
    for (const name of nodeNames) {
      const resources = { cpu: '32', memory: '128Gi', pods: '110' };
      await api('POST', '/api/v1/nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: {
            'kwok.x-k8s.io/node': 'fake',
            'node.alpha.kubernetes.io/ttl': '0',
            // Where metrics-server reads this node's resource metrics: kwok's simulated kubelet endpoint.
            ...(metrics ? { 'metrics.k8s.io/resource-metrics-path': `/metrics/nodes/${name}/metrics/resource` } : {}),
          },
          labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
        },
        spec: {},
        status: { allocatable: resources, capacity: resources },
      });
    }

    // ---------------------------------------------------------------- controllers, scheduler, kwok
    // No leader election: with it, a component exits when the apiserver is down longer than the renew deadline,
    // which would break restartApiServer().
    startChild('kube-controller-manager', [
      `--kubeconfig=${kcmKubeconfig}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${kcmPort}`,
      `--cert-dir=${join(dir, 'kcm-certs')}`,
      '--leader-elect=false',
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${join(pkiDir, 'sa.key')}`,
      `--root-ca-file=${pki.caCert}`,
      `--cluster-signing-cert-file=${pki.caCert}`,
      `--cluster-signing-key-file=${pki.caKey}`,
      '--controllers=*,bootstrapsigner,tokencleaner',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--profiling=false',
    ]);
    startChild('kube-scheduler', [
      `--kubeconfig=${schedulerKubeconfig}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${schedulerPort}`,
      `--cert-dir=${join(dir, 'scheduler-certs')}`,
      '--leader-elect=false',
      '--profiling=false',
    ]);
    await mkdir(dirname(podLogFiles.current));
    await Promise.all(Object.values(podLogFiles).map((file) => writeFile(file, '')));
    const clusterLogs = {
      apiVersion: 'kwok.x-k8s.io/v1alpha1',
      kind: 'ClusterLogs',
      metadata: { name: 'test-pod-logs' },
      spec: {
        logs: [
          { containers: ['sidecar'], logsFile: podLogFiles.sidecar, previousLogsFile: podLogFiles.previous, follow: true },
          { logsFile: podLogFiles.current, previousLogsFile: podLogFiles.previous, follow: true },
        ],
      },
    };
    const metricsConfig = metrics
      ? `\n---\n${await readFile(join(binDir, '..', 'kwok-metrics.yaml'), 'utf8')}\n---\n${JSON.stringify(USAGE_FROM_ANNOTATIONS)}\n`
      : '';
    await mkdir(execDir);
    const debugging = [clusterLogs, clusterExec(execDir), clusterPortForward(portForwardTargetPort)].map((rule) => JSON.stringify(rule));
    await writeFile(kwokConfig, `${await readFile(stagesFile, 'utf8')}\n---\n${debugging.join('\n---\n')}\n${metricsConfig}`);
    const kwokArgs = [
      `--kubeconfig=${kwokKubeconfig}`,
      `--config=${kwokConfig}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--cidr=10.244.0.1/16',
      // The kubelet endpoint of every fake node: kube-apiserver connects here for pods/log.
      '--node-ip=127.0.0.1',
      `--node-port=${kwokPort}`,
      `--server-address=127.0.0.1:${kwokPort}`,
      '--node-lease-duration-seconds=40',
    ];
    const healthy = (url: string) => async (): Promise<boolean> => (await httpCall(url, { tls: { insecure: true } })).status === 200;
    // kwok v0.8.0 sometimes dies as it starts, in a race of its own while it builds its CEL environment ("fatal error:
    // concurrent map writes"; CI saw it once): that death alone starts it again, twice at most.
    const kwokHealthy = async (): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        startChild('kwok', kwokArgs);
        try {
          return await waitFor('kwok /healthz', 'kwok', healthy(`http://127.0.0.1:${kwokPort}/healthz`));
        } catch (error) {
          const text = await readFile(logFiles.kwok, 'utf8');
          const raced = text.slice(text.lastIndexOf('\n==== ')).includes('fatal error: concurrent map writes');
          if (!raced || attempt === 3) throw error;
          log(`kwok died of its start-up race (attempt ${attempt}); starting it again`);
        }
      }
    };
    await Promise.all([
      waitFor('kube-controller-manager /healthz', 'kube-controller-manager', healthy(`https://127.0.0.1:${kcmPort}/healthz`)),
      waitFor('kube-scheduler /healthz', 'kube-scheduler', healthy(`https://127.0.0.1:${schedulerPort}/healthz`)),
      kwokHealthy(),
    ]);
    log(`controller-manager, scheduler, kwok healthy (${Date.now() - t0} ms)`);

    // ---------------------------------------------------------------- steady state
    await waitFor(`${nodeCount} kwok nodes Ready`, 'kwok', async () => {
      const list = JSON.parse((await api('GET', '/api/v1/nodes?labelSelector=type%3Dkwok')).body) as {
        items: { status?: { conditions?: { type: string; status: string }[] } }[];
      };
      const ready = list.items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === nodeCount;
    });
    log(`${nodeCount} kwok nodes Ready (${Date.now() - t0} ms)`);
    if (metrics) {
      await startMetricsServer({ startChild, waitFor, api, kc, dir, port: metricsPort });
      log(`metrics-server serving metrics.k8s.io (${Date.now() - t0} ms)`);
    }
    // Pods are rejected by admission until the namespace's `default` ServiceAccount exists.
    for (const ns of ['default', namespace]) {
      await waitFor(
        `ServiceAccount ${ns}/default`,
        'kube-controller-manager',
        async () => (await httpCall(`${server}/api/v1/namespaces/${ns}/serviceaccounts/default`, { tls: adminTls })).status === 200,
      );
    }
    const startupMs = Date.now() - t0;
    log(`control plane ready in ${startupMs} ms`);

    const plane: ControlPlane = {
      server,
      adminKubeconfigPath,
      limitedKubeconfigPath,
      limitedNamespace: namespace,
      limitedUser,
      nodeNames,
      version: versionInfo.gitVersion ?? 'unknown',
      tempDir: dir,
      logFiles,
      podLogFiles,
      portForwardTargetPort,
      execDir,
      startupMs,
      pids: () => [...children.values()].filter((c) => c.exitInfo === undefined).map((c) => c.pid),
      restartApiServer: async ({ downtimeMs = 0, signal = 'SIGTERM' } = {}) => {
        if (stopped) throw new Error('control plane stopped');
        const child = children.get('kube-apiserver');
        if (child) await stopChild(child, signal);
        if (downtimeMs > 0) await sleep(downtimeMs);
        try {
          await startApiServer();
        } catch (error) {
          throw new Error(`restarting kube-apiserver failed (logs in ${logDir}): ${String(error)}`, { cause: error });
        }
        log('kube-apiserver restarted');
      },
      stop: async () => {
        await stopAll();
        if (!options.keepTempDir) await rm(dir, { recursive: true, force: true });
      },
    };
    return plane;
  } catch (error) {
    await stopAll();
    throw new Error(
      `control plane failed to start; logs and certs kept in ${logDir}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
