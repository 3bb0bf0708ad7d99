/**
 * Pod logs through the real kube-apiserver, served by kwok's kubelet endpoint from files the test writes (a kwok
 * `ClusterLogs` rule, see the harness): one container, every container, a Deployment followed across a rollout, the
 * previous container, and the API's own refusals (403 for the limited identity, 404 for a gone Pod, 400 for a Pod
 * whose container cannot have started).
 */
import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogMerger } from '../../../src/engine/logs/merger.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ApiClient, ApiError } from '../../../src/extension/cluster/apiClient.js';
import { loadKubeconfig } from '../../../src/extension/cluster/kubeconfig.js';
import { describeLogFailure } from '../../../src/extension/logs/logErrors.js';
import { LogFollower, type FollowOptions, type PodDirectory } from '../../../src/extension/logs/logFollower.js';
import { EnginePodDirectory } from '../../../src/extension/logs/sessionDirectory.js';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { clusterAvailable, connect, eventually, report, settled, startPlane, type LiveSession } from './support.js';

const available = clusterAvailable();
const NS = 'logs';

/** Appends lines in the kubelet's CRI log format, each stamped now. */
async function write(file: string, ...lines: string[]): Promise<void> {
  await appendFile(file, lines.map((line) => `${new Date().toISOString()} stdout F ${line}\n`).join(''));
}

const plain = (merger: LogMerger): string[] => merger.plainText().split('\n').filter(Boolean);

describe.skipIf(!available)('pod logs against the real control plane (kwok serves the kubelet log endpoint)', () => {
  let plane: Awaited<ReturnType<typeof startPlane>>;
  let admin: ClusterAdmin;
  let live: LiveSession;
  let api: ApiClient;
  const followers: LogFollower[] = [];
  let passed = false;

  beforeAll(async () => {
    plane = await startPlane();
    admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    api = new ApiClient((await loadKubeconfig([plane.adminKubeconfigPath])).config);
    await admin.apply(k.namespace(NS));
    live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
  });

  afterAll(async () => {
    for (const follower of followers) follower.stop();
    live?.session.dispose();
    await plane?.finish(passed);
  });

  /** The Pods behind `id` as the extension reads them: from the live session's engine, told of changes by its deltas. */
  function directory(id: string): PodDirectory {
    return new EnginePodDirectory(
      live.session.engine,
      id,
      (listener) => {
        let seen = live.deltas.length;
        const timer = setInterval(() => {
          if (live.deltas.length !== seen) {
            seen = live.deltas.length;
            listener();
          }
        }, 50);
        return { dispose: () => clearInterval(timer) };
      },
      100,
    );
  }

  function follow(id: string, options: FollowOptions, client: ApiClient = api, dir: PodDirectory = directory(id)): LogFollower {
    const follower = new LogFollower(client, dir, new LogMerger({ maxLines: 10_000 }), options, undefined, {
      retryMs: 200,
      maxRetryMs: 1000,
    });
    followers.push(follower);
    follower.start();
    return follower;
  }

  it("streams one container's log and follows new lines", async () => {
    await admin.apply(k.deployment('solo', NS, 1));
    const [pod] = await admin.waitForPods(NS, 'solo', 1);
    await eventually('the session to hold the Pod', () => live.session.engine.record(`core/Pod/${NS}/${pod!}`));
    await write(plane.podLogFiles.current, 'solo first');
    const follower = follow(`core/Pod/${NS}/${pod!}`, { follow: true, container: 'app' });
    await eventually(
      'the first line',
      () => plain(follower.merger).includes(`${pod!}/app solo first`),
      30_000,
      () => plain(follower.merger).join('\n'),
    );
    expect(follower.state).toBe('following');
    await write(plane.podLogFiles.current, 'solo second');
    await eventually(
      'a followed line',
      () => plain(follower.merger).includes(`${pod!}/app solo second`),
      30_000,
      () => plain(follower.merger).join('\n'),
    );
    follower.stop();
  });

  it('merges every container of a Pod, each with its own prefix', async () => {
    const pod: k.Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'two', namespace: NS },
      spec: {
        containers: [
          { name: 'app', image: 'example.invalid/app:1' },
          { name: 'sidecar', image: 'example.invalid/sidecar:1' },
        ],
        terminationGracePeriodSeconds: 0,
      },
    };
    await admin.apply(pod);
    await eventually('Pod two Running', () => {
      const record = live.session.engine.record(`core/Pod/${NS}/two`);
      return (record?.object as KubeObject & { status?: { phase?: string } })?.status?.phase === 'Running';
    });
    await write(plane.podLogFiles.sidecar, 'from the sidecar');
    const follower = follow(`core/Pod/${NS}/two`, { follow: true, tailLines: 5 });
    await eventually(
      'lines of both containers',
      () => plain(follower.merger).some((l) => l.startsWith('two/app ')) && plain(follower.merger).includes('two/sidecar from the sidecar'),
      30_000,
      () => plain(follower.merger).join('\n'),
    );
    follower.stop();
  });

  it('follows a Deployment across a rollout: new Pods join, old ones leave, and the stream says so', async () => {
    await admin.apply(k.deployment('web', NS, 2));
    const before = await admin.waitForPods(NS, 'web', 2);
    await eventually('the session to see the Pods', () => before.every((name) => live.session.engine.record(`core/Pod/${NS}/${name}`)));
    const follower = follow(`apps/Deployment/${NS}/web`, { follow: true, tailLines: 1 });
    await eventually(
      'both Pods streaming',
      () => before.every((name) => plain(follower.merger).some((l) => l.startsWith(`${name}/app `))),
      30_000,
      () => plain(follower.merger).join('\n'),
    );
    await write(plane.podLogFiles.current, 'during the rollout');
    await admin.apply(k.deployment('web', NS, 2, { image: 'example.invalid/app:2' }));
    await eventually(
      'the old Pods to leave and new ones to join',
      () => {
        const lines = plain(follower.merger);
        return before.every((name) => lines.includes(`# pod ${name} left`)) && lines.filter((l) => / joined$/.test(l)).length >= 2;
      },
      90_000,
      () => plain(follower.merger).join('\n'),
    );
    const after = await admin.waitForPods(NS, 'web', 2);
    await write(plane.podLogFiles.current, 'after the rollout');
    await eventually(
      'the new Pods streaming',
      () => after.every((name) => plain(follower.merger).includes(`${name}/app after the rollout`)),
      30_000,
      () => plain(follower.merger).join('\n'),
    );
    expect(follower.state).toBe('following');
    report(`rollout: ${follower.merger.total} lines, ${follower.merger.duplicates} duplicates dropped`);
    follower.stop();
  });

  it('reads the previous (crashed) container', async () => {
    await write(plane.podLogFiles.previous, 'last words before the crash');
    const [pod] = await admin.waitForPods(NS, 'solo', 1);
    const follower = follow(`core/Pod/${NS}/${pod!}`, { follow: true, previous: true, container: 'app' });
    await eventually('the previous container to be read to its end', () => follower.state === 'ended', 30_000);
    expect(plain(follower.merger)).toContain(`${pod!}/app last words before the crash`);
  });

  it("refuses the limited identity another namespace's pods/log (403) and says which permission is missing", async () => {
    const [pod] = await admin.waitForPods(NS, 'solo', 1);
    const id = `core/Pod/${NS}/${pod!}`;
    const limited = new ApiClient((await loadKubeconfig([plane.limitedKubeconfigPath])).config);
    // The limited identity cannot list Pods here either, so the Pod comes from the admin's session.
    const follower = follow(id, { follow: true, container: 'app' }, limited, directory(id));
    await eventually('the refusal', () => follower.state === 'error', 30_000);
    expect(follower.lastFailure?.kind).toBe('forbidden');
    expect(follower.lastFailure?.status).toBe(403);
    // The whole message logErrors.ts builds: the permission, the line to check it with, and whom to ask.
    const told = describeLogFailure(new ApiError('forbidden', 'forbidden', 403), { namespace: NS, pod: pod!, container: 'app' }).message;
    expect(plain(follower.merger)).toContain(`# ${told}`);
    expect(told).toContain(`needs "get" on "pods/log" in namespace ${NS}`);
    expect(told).toContain(`kubectl auth can-i get pods --subresource=log -n ${NS}`);
    // And it is told once, not once per retry: a 403 is not retried.
    expect(plain(follower.merger).filter((line) => line === `# ${told}`)).toHaveLength(1);
  });

  it('ends with "the pod is gone" when the API no longer has the Pod (404)', async () => {
    const ghost: PodDirectory = {
      pods: () => [`core/Pod/${NS}/ghost`],
      pod: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', namespace: NS }, spec: { containers: [{ name: 'app' }] } }),
      onChange: () => ({ dispose: () => undefined }),
    };
    const follower = follow(`core/Pod/${NS}/ghost`, { follow: true }, api, ghost);
    await eventually('the stream to end', () => follower.activeStreams === 0, 30_000);
    expect(follower.lastFailure?.kind).toBe('pod-gone');
    expect(follower.lastFailure?.status).toBe(404);
  });

  it('waits for the container of a Pod not yet scheduled (the API answers with an empty log) and keeps trying', async () => {
    const pending: k.Manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pending', namespace: NS },
      spec: { nodeSelector: { nowhere: 'true' }, containers: [{ name: 'app', image: 'example.invalid/app:1' }] },
    };
    await admin.apply(pending);
    await eventually('the session to hold the pending Pod', () => live.session.engine.record(`core/Pod/${NS}/pending`));
    const follower = follow(`core/Pod/${NS}/pending`, { follow: true });
    await eventually(
      'the not-started note',
      () => follower.lastFailure !== undefined,
      30_000,
      () => `state ${follower.state}, ${follower.activeStreams} streams:\n${plain(follower.merger).join('\n')}`,
    );
    expect(follower.lastFailure?.kind).toBe('not-started');
    expect(follower.state).toBe('connecting');
    expect(follower.activeStreams).toBe(1);
    follower.stop();
  });

  it("reports the API server's 400 for a container the Pod does not have, with its message", async () => {
    const [pod] = await admin.waitForPods(NS, 'solo', 1);
    const follower = follow(`core/Pod/${NS}/${pod!}`, { follow: true, container: 'nope' }, api, {
      pods: () => [`core/Pod/${NS}/${pod!}`],
      pod: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod!, namespace: NS }, spec: { containers: [{ name: 'nope' }] } }),
      onChange: () => ({ dispose: () => undefined }),
    });
    await eventually('the refusal', () => follower.state === 'error', 30_000);
    expect(follower.lastFailure?.status).toBe(400);
    expect(follower.lastFailure?.message).toMatch(/container nope is not valid for pod/);
    passed = true;
  });
});
