/**
 * Shell and port-forward through the real kube-apiserver, served by kwok's kubelet endpoint (see the harness): its
 * `ClusterExec` rule runs the asked command on this machine in a pty, its `ClusterPortForward` rule dials the port
 * the test listens on. The stream code is the extension's own (ExecStream, PortForwarder over client-node).
 */
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../../src/extension/cluster/apiClient.js';
import { loadKubeconfig } from '../../../src/extension/cluster/kubeconfig.js';
import { AccessReviewer } from '../../../src/extension/actions/accessReview.js';
import { ObjectApi } from '../../../src/extension/actions/objectApi.js';
import { actionSpec } from '../../../src/engine/actions/catalog.js';
import { offeredPorts, podBehindService } from '../../../src/engine/actions/forwardTarget.js';
import { ExecStream, type ExecEnd } from '../../../src/extension/shell/execStream.js';
import { LocalPortInUseError, PortForwarder } from '../../../src/extension/portForward/portForwarder.js';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { clusterAvailable, connect, eventually, settled, startPlane } from './support.js';

const available = clusterAvailable();
const NS = 'shell';

/** A shell session whose output is gathered and whose end is awaited. */
async function openShell(api: ApiClient, namespace: string, pod: string, command = ['sh']) {
  let output = '';
  let resolveEnd: (end: ExecEnd) => void = () => undefined;
  const ended = new Promise<ExecEnd>((resolve) => (resolveEnd = resolve));
  const stream = await ExecStream.open(
    api,
    { namespace, pod, container: 'app', command },
    { columns: 80, rows: 24 },
    { onOutput: (data) => (output += data.toString('utf8')), onEnd: resolveEnd },
  );
  return { stream, ended, output: (): string => output };
}

/** Sends `line` and reads the answer back: what the TCP echo server at the far end says. Rejects on a socket error. */
function roundTrip(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no echo of ${JSON.stringify(line)} within 20 s (got ${JSON.stringify(answer)})`));
    }, 20_000);
    socket.on('data', (data: Buffer) => {
      answer += data.toString('utf8');
      if (!answer.includes(line)) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    });
    socket.on('error', (error) => (clearTimeout(timer), reject(error)));
    socket.write(line);
  });
}

describe.skipIf(!available)('shell and port-forward against the real control plane (kwok simulates the kubelet)', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let api: ApiClient;
  let pod: string;
  let echo: Server;
  const forwarders: PortForwarder[] = [];
  let passed = false;

  beforeAll(async () => {
    plane = await startPlane();
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    api = new ApiClient((await loadKubeconfig([plane.adminKubeconfigPath])).config);
    await admin.apply(k.namespace(NS), k.deployment('web', NS, 1));
    [pod] = (await admin.waitForPods(NS, 'web', 1)) as [string];
    // The "container" behind every forwarded port: an echo server that prefixes what it echoes.
    echo = createServer((socket) => socket.on('data', (data: Buffer) => socket.write(`echo:${data.toString('utf8')}`)));
    await new Promise<void>((resolve) => echo.listen(plane.portForwardTargetPort, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const forwarder of forwarders) await forwarder.stop();
    echo?.close();
    await plane?.finish(passed);
  });

  it('runs a command in an interactive sh and reads its output; exit ends the stream with its status', async () => {
    const shell = await openShell(api, NS, pod);
    shell.stream.write('echo hello-$((6*7))\n');
    await eventually('hello-42 in the output', () => shell.output().includes('hello-42'), 20_000);
    shell.stream.write('exit\n');
    expect(await shell.ended).toEqual({ exitCode: 0, reason: 'exited with status 0' });
    expect(shell.stream.open).toBe(false);

    // A kubelet tells a non-zero exit as a NonZeroExitCode Status with the code as a cause (unit-tested in
    // test/extension/shell); kwok tells it as an InternalError whose text ends with Go's "exit status 3", passed on.
    const failing = await openShell(api, NS, pod);
    failing.stream.write('exit 3\n');
    const end = await failing.ended;
    expect(end.exitCode).toBeUndefined();
    expect(end.reason).toMatch(/exit status 3$/);
  });

  it('sends resizes on the resize channel: the pty takes each size', async () => {
    const shell = await openShell(api, NS, pod);
    shell.stream.write('stty size\n');
    await eventually('the first size (24 80)', () => shell.output().includes('24 80'), 20_000);
    shell.stream.resize({ columns: 132, rows: 43 });
    // The resize is a separate channel: give the pty a moment to take it before asking.
    await eventually(
      'the new size (43 132)',
      async () => {
        shell.stream.write('stty size\n');
        await new Promise((resolve) => setTimeout(resolve, 300));
        return shell.output().includes('43 132');
      },
      20_000,
    );
    shell.stream.close();
    expect(await shell.ended).toEqual({ reason: 'closed' });
  });

  it('closing from this side ends a running command: the stream ends once', async () => {
    const shell = await openShell(api, NS, pod);
    shell.stream.write('sleep 30\n');
    shell.stream.close();
    shell.stream.close();
    expect(await shell.ended).toEqual({ reason: 'closed' });
  });

  it('forwards a local port to the Pod: bytes reach the server behind it and come back', async () => {
    const forwarder = await PortForwarder.start(api, { namespace: NS, pod, port: 8080 }, 0);
    forwarders.push(forwarder);
    expect(forwarder.localPort).toBeGreaterThan(0);
    expect(await roundTrip(forwarder.localPort, 'ping-1\n')).toBe('echo:ping-1\n');
    // Every connection gets its own stream.
    const answers = await Promise.all(['a\n', 'b\n', 'c\n'].map((line) => roundTrip(forwarder.localPort, line)));
    expect(answers).toEqual(['echo:a\n', 'echo:b\n', 'echo:c\n']);
    await forwarder.stop();
    await expect(roundTrip(forwarder.localPort, 'after-stop\n')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('forwards a Service port through the ready Pod behind it, resolved from what the session holds', async () => {
    await admin.apply(k.service('web', NS, { app: 'web' }));
    const live = await connect(plane.adminKubeconfigPath);
    try {
      await settled(live.session);
      const service = await eventually('the Service on the graph', () => live.session.engine.record(`core/Service/${NS}/web`));
      const [port] = offeredPorts(service.object);
      expect(port).toEqual({ port: 80, name: 'http', protocol: 'TCP', target: 8080, label: 'http' });
      const resolved = await eventually('a ready Pod behind the Service', () => {
        const answer = podBehindService(service, port!, live.session.engine.objects());
        return 'pod' in answer ? answer : undefined;
      });
      expect({ pod: resolved.pod.name, port: resolved.port }).toEqual({ pod, port: 8080 });
      const forwarder = await PortForwarder.start(live.session.api, { namespace: NS, pod: resolved.pod.name, port: resolved.port }, 0);
      forwarders.push(forwarder);
      expect(await roundTrip(forwarder.localPort, 'via-service\n')).toBe('echo:via-service\n');
    } finally {
      live.session.dispose();
    }
  });

  it('tells a taken local port as LocalPortInUseError', async () => {
    const first = await PortForwarder.start(api, { namespace: NS, pod, port: 8080 }, 0);
    forwarders.push(first);
    const refused = await PortForwarder.start(api, { namespace: NS, pod, port: 8080 }, first.localPort).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LocalPortInUseError);
    expect((refused as LocalPortInUseError).port).toBe(first.localPort);
  });

  it('the limited identity may not exec outside its namespace: denied before asking, and the 403 when asked anyway', async () => {
    const limited = await connect(plane.limitedKubeconfigPath);
    try {
      await settled(limited.session);
      const reviewer = new AccessReviewer(limited.session.api, new ObjectApi(limited.session.api, () => limited.session.discovery));
      const target = { group: 'core', kind: 'Pod', namespace: NS, name: pod };
      const denied = await reviewer.check(actionSpec('shell'), target);
      expect(denied).toEqual({ allowed: false, reason: expect.stringMatching(/^not permitted: create pods\/exec in namespace shell/) });
      expect(await reviewer.check(actionSpec('shell'), { ...target, namespace: plane.limitedNamespace })).toEqual({ allowed: true });
      const refused = await openShell(limited.session.api, NS, pod).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).kind).toBe('forbidden');
      expect((refused as ApiError).status).toBe(403);
      expect((refused as ApiError).message).toBe(`/api/v1/namespaces/${NS}/pods/${pod}/exec: not permitted (HTTP 403)`);
    } finally {
      limited.session.dispose();
    }
    passed = true;
  });
});
