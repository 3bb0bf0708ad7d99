/**
 * Self-check of the real control plane: `npx tsx test/cluster/controlplane/selfcheck.mts`
 * (after `bash scripts/build-controlplane.sh`). Exit code 0 when everything works, 2 when the binaries are missing.
 *
 * Starts the plane; creates a Deployment and a Service as admin in the limited namespace; waits until the Pods run on
 * the kwok nodes and an EndpointSlice lists them; checks the limited identity (403 cluster-wide, allowed in its
 * namespace); restarts kube-apiserver gracefully with a watch open, then crashes and restarts it; scales the
 * Deployment; stops and checks that no process it started is left.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { ApiException, AppsV1Api, CoreV1Api, DiscoveryV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { controlPlaneAvailable, BUILD_HINT, startControlPlane } from './harness.js';

const t0 = Date.now();
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const step = (message: string): void => console.log(`[selfcheck ${seconds(t0)}] ${message}`);

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function httpStatus(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof ApiException) return error.code;
    throw error;
  }
}

/** Processes whose command line mentions `needle` (every child gets paths inside the plane's temp dir). */
function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(needle)) found.push(`${entry}: ${cmdline.slice(0, 120)}`);
    } catch {
      /* exited meanwhile */
    }
  }
  return found;
}

if (!controlPlaneAvailable()) {
  console.error(`control plane binaries are not built: ${BUILD_HINT}`);
  process.exit(2);
}

const plane = await startControlPlane({ log: (line) => step(line), keepTempDir: true });
let failed = false;
try {
  step(`READY: ${plane.version} at ${plane.server}; startup to ready ${(plane.startupMs / 1000).toFixed(1)}s; temp ${plane.tempDir}`);
  const ns = plane.limitedNamespace;
  const admin = new KubeConfig();
  admin.loadFromFile(plane.adminKubeconfigPath);
  const limited = new KubeConfig();
  limited.loadFromFile(plane.limitedKubeconfigPath);
  const apps = admin.makeApiClient(AppsV1Api);
  const core = admin.makeApiClient(CoreV1Api);
  const discovery = admin.makeApiClient(DiscoveryV1Api);
  const runningPods = async (count: number): Promise<number | undefined> => {
    const list = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    const running = list.items.filter((p) => p.status?.phase === 'Running' && plane.nodeNames.includes(p.spec?.nodeName ?? ''));
    return running.length === count ? count : undefined;
  };

  // ---------------------------------------------------------------- Deployment + Service
  const tCreate = Date.now();
  const labels = { app: 'web' };
  await core.createNamespacedService({
    namespace: ns,
    body: { metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
  });
  await apps.createNamespacedDeployment({
    namespace: ns,
    body: {
      metadata: { name: 'web', labels },
      spec: {
        replicas: 3,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'example.invalid/web:1', ports: [{ containerPort: 8080 }] }] },
        },
      },
    },
  });
  await until('3 Running pods on kwok nodes', 120_000, () => runningPods(3));
  const pods = (await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' })).items;
  step(
    `PODS RUNNING ${seconds(tCreate)} after create: ` +
      pods.map((p) => `${p.metadata?.name}@${p.spec?.nodeName}/${p.status?.podIP}`).join(', '),
  );

  const endpoints = await until('EndpointSlice with 3 ready endpoints', 60_000, async () => {
    const slices = await discovery.listNamespacedEndpointSlice({ namespace: ns, labelSelector: 'kubernetes.io/service-name=web' });
    const ready = slices.items.flatMap((s) => s.endpoints).filter((e) => e.conditions?.ready === true);
    return ready.length === 3 ? ready : undefined;
  });
  step(`ENDPOINTSLICE ready ${seconds(tCreate)} after create: ${endpoints.map((e) => e.addresses.join('/')).join(', ')}`);

  // ---------------------------------------------------------------- limited identity
  const limitedCore = limited.makeApiClient(CoreV1Api);
  const clusterWide = await httpStatus(limitedCore.listPodForAllNamespaces());
  const otherNs = await httpStatus(limitedCore.listNamespacedPod({ namespace: 'kube-system' }));
  const ownNs = await limitedCore.listNamespacedPod({ namespace: ns });
  if (clusterWide !== 403 || otherNs !== 403 || ownNs.items.length !== 3) {
    throw new Error(`limited identity: cluster-wide ${clusterWide}, kube-system ${otherNs}, ${ns} ${ownNs.items.length} pods`);
  }
  step(`RBAC ok: ${plane.limitedUser} gets 403 cluster-wide and in kube-system, lists ${ownNs.items.length} pods in ${ns}`);

  // ---------------------------------------------------------------- apiserver restarts
  // Graceful restart with a watch open: the watch must end (a client then re-lists/re-watches); the API comes back.
  let watchEnded: number | undefined;
  let events = 0;
  const watch = await new Watch(admin).watch(
    `/api/v1/namespaces/${ns}/pods`,
    {},
    () => void events++,
    () => {
      watchEnded ??= Date.now();
    },
  );
  await until('initial watch events', 10_000, async () => (events >= 3 ? true : undefined));
  const tRestart = Date.now();
  await plane.restartApiServer();
  const restartTook = seconds(tRestart);
  await until('the open watch to end', 10_000, async () => (watchEnded === undefined ? undefined : true));
  watch.abort();
  const afterRestart = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
  step(
    `APISERVER RESTART (SIGTERM) took ${restartTook}; the open watch ended ${(((watchEnded ?? 0) - tRestart) / 1000).toFixed(1)}s ` +
      `into it; ${afterRestart.items.length} pods listed afterwards`,
  );

  const tCrash = Date.now();
  await plane.restartApiServer({ signal: 'SIGKILL', downtimeMs: 1000 });
  const afterCrash = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
  step(`APISERVER RESTART (SIGKILL, 1s down) took ${seconds(tCrash)}; ${afterCrash.items.length} pods listed afterwards`);

  // Controllers, scheduler and kwok keep working after the restarts.
  const tScale = Date.now();
  await apps.patchNamespacedDeploymentScale({ namespace: ns, name: 'web', body: [{ op: 'replace', path: '/spec/replicas', value: 5 }] });
  await until('5 Running pods after scale-up', 60_000, () => runningPods(5));
  step(`SCALED to 5 Running pods in ${seconds(tScale)} after the restarts`);
} catch (error) {
  failed = true;
  console.error(`[selfcheck] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error(`[selfcheck] logs: ${Object.values(plane.logFiles).join(' ')}`);
} finally {
  const pids = plane.pids();
  const tStop = Date.now();
  await plane.stop();
  const alive = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  const leftovers = processesMentioning(plane.tempDir);
  if (alive.length > 0 || leftovers.length > 0) {
    failed = true;
    console.error(`[selfcheck] LEFTOVER PROCESSES: pids ${alive.join(',')}\n${leftovers.join('\n')}`);
  } else {
    step(`STOPPED in ${seconds(tStop)}: no process left (${pids.length} children checked, /proc scanned for ${plane.tempDir})`);
  }
  if (!failed) await rm(plane.tempDir, { recursive: true, force: true });
}
step(failed ? 'FAILED' : 'OK');
process.exit(failed ? 1 : 0);
