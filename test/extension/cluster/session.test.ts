import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyDelta } from '../../../src/engine/graph/delta.js';
import { TopologyEngine } from '../../../src/engine/graph/engine.js';
import { serializeGraph } from '../../../src/engine/graph/validate.js';
import type { TopologyGraph } from '../../../src/engine/model/graph.js';
import type { KubeObject } from '../../../src/engine/model/object.js';
import { ApiClient } from '../../../src/extension/cluster/apiClient.js';
import { trimObject } from '../../../src/extension/cluster/resources.js';
import { ClusterSession } from '../../../src/extension/cluster/session.js';
import { startFakeApiServer, type FakeApiServer } from '../../cluster/fake/fakeApiServer.js';
import { ADMIN, eventually } from '../../cluster/fake/fixtures.js';

const CANARY = 'Y2FuYXJ5LXNlY3JldC12YWx1ZS0xMjM0NQ==';

const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});
const deployment = (name: string, namespace: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          { name: 'c', image: 'i', envFrom: [{ secretRef: { name: `${name}-secret` } }, { configMapRef: { name: `${name}-config` } }] },
        ],
      },
    },
  },
});
const pod = (name: string, namespace: string, app: string, phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app } },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'i' }] },
  status: { phase },
});
const service = (name: string, namespace: string, app: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace },
  spec: { selector: { app } },
});
const secret = (name: string, namespace: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name, namespace },
  type: 'Opaque',
  data: { password: CANARY },
});
const configMap = (name: string, namespace: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: { x: CANARY },
});

/** What the cluster holds, as the client must end up seeing it. */
class Truth {
  readonly objects = new Map<string, KubeObject>();
  constructor(private readonly server: FakeApiServer) {}
  put(object: KubeObject): void {
    const stored = this.server.upsert(object as never) as KubeObject;
    this.objects.set(key(stored), stored);
  }
  remove(object: KubeObject): void {
    this.server.delete(object as never);
    this.objects.delete(key(object));
  }
  graph(): TopologyGraph {
    return TopologyEngine.build(
      [...this.objects.values()].map((object) => ({ object: trimObject(object as Record<string, unknown>, typeOf(object)) })),
    ).graph();
  }
}

const key = (object: KubeObject): string => `${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
const typeOf = (object: KubeObject): Parameters<typeof trimObject>[1] => {
  const [group, version] = object.apiVersion?.includes('/')
    ? (object.apiVersion.split('/') as [string, string])
    : ['', object.apiVersion ?? 'v1'];
  return { group, version, resource: '', kind: object.kind ?? '', namespaced: true, metadataOnly: object.kind === 'Secret' };
};

describe('cluster session against a fault-injecting API server', () => {
  let server: FakeApiServer | undefined;
  let session: ClusterSession | undefined;
  afterEach(async () => {
    session?.dispose();
    await server?.stop();
  });

  async function connect(token = ADMIN.token, receiver?: { graph: TopologyGraph }): Promise<ClusterSession> {
    const config = new KubeConfig();
    config.loadFromString(server!.kubeconfigYaml({ token }));
    session = new ClusterSession(new ApiClient(config, 5000), {
      flushIntervalMs: 20,
      contextNamespace: 'team-a',
      informer: { initialBackoffMs: 10, maxBackoffMs: 200, watchTimeoutSeconds: 5, pageSize: 7 },
      onDelta: (delta) => {
        if (receiver) receiver.graph = applyDelta(receiver.graph, delta);
      },
      onStatus: () => undefined,
    });
    await session.start();
    if (receiver) receiver.graph = session.snapshot();
    return session;
  }

  it('converges on the server state through hundreds of random changes and faults, and the webview deltas replay to it', async () => {
    server = await startFakeApiServer({ tls: true, seed: 7, identities: [ADMIN], historyLimit: 50, bookmarkIntervalMs: 200 });
    const truth = new Truth(server);
    for (const name of ['team-a', 'team-b']) truth.put(ns(name));
    for (let i = 0; i < 6; i++) {
      const namespace = i % 2 ? 'team-b' : 'team-a';
      truth.put(deployment(`app${i}`, namespace));
      truth.put(service(`app${i}`, namespace, `app${i}`));
      truth.put(secret(`app${i}-secret`, namespace));
      truth.put(configMap(`app${i}-config`, namespace));
      for (let r = 0; r < 3; r++) truth.put(pod(`app${i}-${r}`, namespace, `app${i}`));
    }
    const receiver = { graph: { nodes: [], edges: [] } as TopologyGraph };
    const live = await connect(ADMIN.token, receiver);
    await eventually(() => serializeGraph(live.engine.graph()) === serializeGraph(truth.graph()), 10_000, 'initial sync').catch(
      (error: unknown) => {
        const mine = new Set(live.engine.graph().nodes.map((n) => JSON.stringify(n)));
        const theirs = truth.graph().nodes.map((n) => JSON.stringify(n));
        console.log(
          'missing',
          theirs.filter((n) => !mine.has(n)).slice(0, 3),
          'kinds',
          live
            .kinds()
            .map((k) => `${k.type.resource}:${[...k.scopes.values()].map((s) => s.phase)}`)
            .join(' '),
        );
        throw error;
      },
    );

    let random = 42;
    const next = (n: number): number => (random = (random * 1103515245 + 12345) % 2147483648) % n;
    for (let step = 0; step < 300; step++) {
      const i = next(8);
      const namespace = next(2) ? 'team-b' : 'team-a';
      switch (next(10)) {
        case 0:
          truth.put(pod(`extra${i}`, namespace, `app${next(6)}`, next(2) ? 'Pending' : 'Running'));
          break;
        case 1: {
          const victim = [...truth.objects.values()].filter((o) => o.kind === 'Pod')[i];
          if (victim) truth.remove(victim);
          break;
        }
        case 2:
          truth.put(service(`svc${i}`, namespace, `app${next(6)}`));
          break;
        case 3:
          server.dropWatches();
          break;
        case 4:
          server.failNext(1 + next(3), { status: next(2) ? 429 : 500, ...(next(2) ? { retryAfterSeconds: 0 } : {}) });
          break;
        case 5:
          server.expireHistory();
          break;
        case 6:
          if (step % 50 === 6) await server.restart(30);
          break;
        case 7:
          truth.put(ns(next(2) ? 'team-a' : 'team-b', { tier: String(next(3)) }));
          break;
        default:
          truth.put(pod(`app${next(6)}-${next(3)}`, namespace, `app${next(6)}`, next(2) ? 'Failed' : 'Running'));
      }
      if (step % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    server.clearFaults();
    await eventually(() => serializeGraph(live.engine.graph()) === serializeGraph(truth.graph()), 20_000, 'convergence after faults').catch(
      (error: unknown) => {
        const mine = live.engine.graph().nodes.map((n) => JSON.stringify(n));
        const theirs = truth.graph().nodes.map((n) => JSON.stringify(n));
        console.log(
          'missing',
          theirs.filter((n) => !mine.includes(n)).slice(0, 3),
          'extra',
          mine.filter((n) => !theirs.includes(n)).slice(0, 3),
          'kinds',
          live
            .kinds()
            .filter((k) => [...k.scopes.values()].some((st) => st.phase !== 'live'))
            .map((k) => `${k.type.resource}:${JSON.stringify([...k.scopes.values()])}`)
            .join(' '),
        );
        throw error;
      },
    );
    await eventually(() => serializeGraph(receiver.graph) === serializeGraph(live.engine.graph()), 2_000, 'webview replay');
    await eventually(() => live.connection === 'connected', 2_000, 'connected again');

    // Secret data never reached the extension: every Secret request asked for metadata only, and the canary is nowhere.
    const secretRequests = server.requests().filter((request) => request.resource === 'secrets');
    expect(secretRequests.length).toBeGreaterThan(0);
    expect(
      secretRequests.filter(
        (request) => !/^application\/json;as=PartialObjectMetadata(List)?;g=meta\.k8s\.io;v=v1/.test(request.accept ?? ''),
      ),
    ).toEqual([]);
    expect(JSON.stringify([...live.engine.objects()].map((record) => record.object))).not.toContain(CANARY);
    expect(JSON.stringify(receiver.graph)).not.toContain(CANARY);

    live.dispose();
    await eventually(() => server!.openWatches() === 0, 3_000, 'watches closed after dispose');
    expect(live.openInformers()).toBe(0);
  }, 60_000);

  it('falls back to the namespaces it may read and says what is hidden', async () => {
    server = await startFakeApiServer({
      tls: true,
      identities: [
        ADMIN,
        {
          token: 'limited',
          user: 'dev',
          allow: (verb, resource, namespace) =>
            ['get', 'list', 'watch'].includes(verb) &&
            (namespace === 'team-a' || resource === 'namespaces' || resource === 'customresourcedefinitions') &&
            resource !== 'secrets',
        },
      ],
    });
    const truth = new Truth(server);
    truth.put(ns('team-a'));
    truth.put(ns('team-b'));
    truth.put(pod('visible', 'team-a', 'x'));
    truth.put(pod('invisible', 'team-b', 'x'));
    const live = await connect('limited');
    await eventually(() => live.engine.record('core/Pod/team-a/visible') !== undefined, 10_000, 'namespace fallback');
    await eventually(
      () => live.hidden().some((text) => text.startsWith('pods: cluster-wide list forbidden, shown for team-a')),
      5_000,
      'hidden report',
    );
    expect(live.engine.record('core/Pod/team-b/invisible')).toBeUndefined();
    expect(live.hidden().join('\n')).toMatch(/secrets: .*forbidden/);
  }, 30_000);

  it('hands object changes to a recorder attached mid-session (a window taking over history), and stops when detached', async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    const truth = new Truth(server);
    truth.put(ns('team-a'));
    truth.put(pod('before', 'team-a', 'x'));
    const live = await connect();
    await eventually(() => live.engine.record('core/Pod/team-a/before') !== undefined, 10_000, 'first list');
    const seen: string[] = [];
    live.recordObjects((change) => seen.push(`${change.type} ${change.id} live=${String(change.live)}`));
    truth.put(pod('after', 'team-a', 'x'));
    await eventually(() => seen.includes('upsert core/Pod/team-a/after live=true'), 10_000, 'change recorded');
    expect(seen.some((entry) => entry.includes('/before'))).toBe(false);
    live.recordObjects(undefined);
    truth.put(pod('unrecorded', 'team-a', 'x'));
    await eventually(() => live.engine.record('core/Pod/team-a/unrecorded') !== undefined, 10_000, 'applied without a recorder');
    expect(seen.some((entry) => entry.includes('/unrecorded'))).toBe(false);
  }, 30_000);

  it('applies each page of the first lists as one engine batch, and still tells the recorder of every object', async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    const truth = new Truth(server);
    truth.put(ns('team-a'));
    for (let i = 0; i < 20; i++) truth.put(pod(`p${i}`, 'team-a', 'x'));
    const config = new KubeConfig();
    config.loadFromString(server.kubeconfigYaml({ token: ADMIN.token }));
    session = new ClusterSession(new ApiClient(config, 5000), {
      informer: { pageSize: 7 },
      onDelta: () => undefined,
      onStatus: () => undefined,
    });
    const pages: string[][] = [];
    const batch = session.engine.applyBatch.bind(session.engine);
    session.engine.applyBatch = (events) => {
      pages.push(events.map((event) => `${event.object.kind}/${event.object.metadata?.name}`));
      return batch(events);
    };
    const single = vi.spyOn(session.engine, 'apply');
    const recorded: string[] = [];
    session.recordObjects((change) => recorded.push(`${change.id} live=${String(change.live)}`));
    await session.start();
    const live = session;
    await eventually(() => serializeGraph(live.engine.graph()) === serializeGraph(truth.graph()), 10_000, 'first lists');
    const podPages = pages.filter((page) => page.every((name) => name.startsWith('Pod/')));
    expect(podPages.map((page) => page.length)).toEqual([7, 7, 6]);
    expect(single).not.toHaveBeenCalled();
    expect(recorded.filter((entry) => entry.includes('/Pod/'))).toHaveLength(20);
    expect(recorded).toContain('core/Pod/team-a/p0 live=false');
  }, 30_000);

  it('a context switch leaves no watch behind', async () => {
    server = await startFakeApiServer({ tls: true, identities: [ADMIN] });
    new Truth(server).put(ns('team-a'));
    const first = await connect();
    await eventually(() => server!.openWatches() > 0, 5_000, 'watches open');
    first.dispose();
    await eventually(() => server!.openWatches() === 0, 3_000, 'no watches after dispose');
  }, 20_000);
});
