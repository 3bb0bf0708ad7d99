/**
 * The writes behind the actions, against the real control plane, each observed through the watch as the diagram
 * sees it: scale, rollout restart (a new ReplicaSet on the graph), cordon and uncordon, delete with each propagation
 * policy (what goes matches what the confirmation listed), a Secret read as metadata only, and the permission
 * answers for the RBAC-limited identity (denied before asking, and the 403 when asked anyway).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actionSpec } from '../../../src/engine/actions/catalog.js';
import { deletionPlan } from '../../../src/engine/actions/dependents.js';
import { drainPlan } from '../../../src/engine/actions/drainPlan.js';
import type { ObjectRecord } from '../../../src/engine/model/object.js';
import { ApiError } from '../../../src/extension/cluster/apiClient.js';
import { AccessReviewer } from '../../../src/extension/actions/accessReview.js';
import { drainNode } from '../../../src/extension/actions/drain.js';
import { ObjectApi } from '../../../src/extension/actions/objectApi.js';
import * as k from './builders.js';
import type { ClusterAdmin } from './clusterAdmin.js';
import { usePlaneSession, type PlaneSession } from './planeSession.js';
import { clusterAvailable, connect, eventually, settled, type LiveSession } from './support.js';

const available = clusterAvailable();
const NS = 'actions';
const deployId = (name: string): string => `apps/Deployment/${NS}/${name}`;
const ref = (kind: string, name: string, group = 'apps'): { group: string; kind: string; namespace: string; name: string } => ({
  group,
  kind,
  namespace: NS,
  name,
});

describe.skipIf(!available)('actions against the real control plane', () => {
  let plane: PlaneSession['plane'];
  let admin: ClusterAdmin;
  let live: LiveSession;
  let api: ObjectApi;
  const planeSession = usePlaneSession(NS);

  const records = (prefix: string): ObjectRecord[] => [...live.session.engine.objects()].filter((r) => r.id.startsWith(prefix));
  const replicaSetsOf = (name: string): ObjectRecord[] =>
    records(`apps/ReplicaSet/${NS}/${name}-`).filter((r) => r.object.metadata?.ownerReferences?.some((o) => o.name === name));

  beforeAll(() => {
    ({ plane, admin, live } = planeSession());
    api = new ObjectApi(live.session.api, () => live.session.discovery);
  });

  it('scales a Deployment and restarts it: the graph gains its Pods, then a second ReplicaSet', async () => {
    await admin.apply(k.deployment('web', NS, 1));
    await admin.waitForPods(NS, 'web', 1);
    await api.scale(ref('Deployment', 'web'), 3);
    await admin.waitForPods(NS, 'web', 3);
    await eventually('3 Pods of web on the graph', () => records(`core/Pod/${NS}/web-`).length === 3);
    expect(replicaSetsOf('web')).toHaveLength(1);

    await api.restart(ref('Deployment', 'web'), new Date('2026-12-05T12:00:00Z'));
    const sets = await eventually('a second ReplicaSet of web on the graph', () =>
      replicaSetsOf('web').length === 2 ? replicaSetsOf('web') : undefined,
    );
    const template = (
      live.session.engine.record(deployId('web'))?.object['spec'] as { template: { metadata: { annotations: Record<string, string> } } }
    ).template;
    expect(template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe('2026-12-05T12:00:00.000Z');
    const graph = live.session.engine.graph();
    for (const set of sets)
      expect(
        graph.edges.some((e) => e.source === deployId('web') && e.type === 'owns' && e.target === set.id),
        set.id,
      ).toBe(true);
    await expect(api.scale(ref('Deployment', 'web'), -1)).rejects.toThrow(RangeError);
  });

  it('cordons and uncordons a Node', async () => {
    const node = plane.nodeNames[0]!;
    const unschedulable = (): unknown =>
      (live.session.engine.record(`core/Node//${node}`)?.object['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable;
    await api.setUnschedulable(node, true);
    await eventually('the Node cordoned on the graph', () => unschedulable() === true);
    await api.setUnschedulable(node, false);
    await eventually('the Node uncordoned on the graph', () => unschedulable() !== true);
  });

  for (const policy of ['Background', 'Foreground', 'Orphan'] as const) {
    it(`deletes a Deployment with ${policy} propagation: what goes is what the plan listed`, async () => {
      const name = `gone-${policy.toLowerCase()}`;
      await admin.apply(k.deployment(name, NS, 2));
      await admin.waitForPods(NS, name, 2);
      await eventually(`2 Pods of ${name} on the graph`, () => records(`core/Pod/${NS}/${name}-`).length === 2);
      const root = live.session.engine.record(deployId(name))!;
      const plan = deletionPlan([root], live.session.engine.objects(), policy);
      expect(plan.dependents).toBe(policy === 'Orphan' ? 0 : 3);
      const kept = [...records(`apps/ReplicaSet/${NS}/${name}-`), ...records(`core/Pod/${NS}/${name}-`)]
        .map((r) => r.id)
        .filter((id) => !plan.ids.includes(id));
      await api.delete(ref('Deployment', name), policy);
      await eventually(
        `every object the plan listed gone (${policy})`,
        () => plan.ids.every((id) => !live.session.engine.record(id)),
        90_000,
        () => plan.ids.filter((id) => live.session.engine.record(id)).join('\n'),
      );
      // What the plan left (Orphan: the ReplicaSet and its Pods) is still there, its owner reference stripped.
      for (const id of kept) expect(live.session.engine.record(id), id).toBeDefined();
      if (policy === 'Orphan') {
        await eventually('the orphaned ReplicaSet loses its owner reference', () =>
          kept
            .filter((id) => id.includes('/ReplicaSet/'))
            .every((id) => !live.session.engine.record(id)?.object.metadata?.ownerReferences?.length),
        );
      }
    });
  }

  it('drains a Node through the eviction API: a PodDisruptionBudget that allows nothing keeps its Pods, and says so', async () => {
    const strict = { ...k.pdb('held', NS, { app: 'held' }), spec: { minAvailable: 2, selector: { matchLabels: { app: 'held' } } } };
    await admin.apply(k.deployment('held', NS, 2), strict);
    await admin.waitForPods(NS, 'held', 2);
    await eventually('2 Pods of held on the graph', () => records(`core/Pod/${NS}/held-`).length === 2);
    const nodeOf = (record: ObjectRecord): string => (record.object['spec'] as { nodeName: string }).nodeName;
    const node = nodeOf(records(`core/Pod/${NS}/held-`)[0]!);
    const plan = drainPlan(node, live.session.engine.objects());
    const held = plan.evict.filter((pod) => pod.name.startsWith('held-'));
    expect(held.length).toBeGreaterThan(0);
    const progress: string[] = [];
    const strictResult = await drainNode(
      api,
      node,
      { evict: held, skipped: [] },
      { timeoutMs: 1_500, retryMs: 300, onProgress: (line) => progress.push(line) },
    );
    expect(strictResult.evicted).toEqual([]);
    expect(strictResult.left.map((entry) => entry.pod)).toEqual(held.map((pod) => `${NS}/${pod.name}`));
    expect(strictResult.left[0]!.reason).toMatch(/PodDisruptionBudget still refuses: .*disruption budget/i);
    expect(progress.some((line) => line.includes('waiting for its PodDisruptionBudget'))).toBe(true);
    for (const pod of held) expect(live.session.engine.record(pod.id), pod.id).toBeDefined();

    // The budget loosened, the same drain goes through; the Pods come back on the other Node.
    await admin.apply({ ...strict, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'held' } } } });
    const result = await drainNode(api, node, drainPlan(node, live.session.engine.objects()), { timeoutMs: 60_000, retryMs: 500 });
    expect(result.left).toEqual([]);
    expect(result.evicted).toEqual(expect.arrayContaining(held.map((pod) => `${NS}/${pod.name}`)));
    await eventually(
      'the held Pods running elsewhere',
      async () => {
        const running = await admin.runningPods(NS, 'held');
        const here = records(`core/Pod/${NS}/held-`).filter((pod) => nodeOf(pod) === node);
        return running.length === 2 && here.length === 0;
      },
      90_000,
    );
    await api.setUnschedulable(node, false);
  });

  it('reads a Secret as metadata only: no data, no key names, named as a Secret', async () => {
    await admin.apply(k.appliedSecret('db', NS, 'password', 'hunter2'));
    const secret = await api.get(ref('Secret', 'db', 'core'));
    expect(secret.kind).toBe('Secret');
    expect(secret.apiVersion).toBe('v1');
    expect(secret.metadata?.name).toBe('db');
    expect(JSON.stringify(secret)).not.toMatch(/hunter2|aHVudGVyMg|password/);
    const deployment = await api.get(ref('Deployment', 'web'));
    expect((deployment['spec'] as { replicas: number }).replicas).toBe(3);
  });

  it('asks before offering: the limited identity may scale in its namespace, not cordon a Node, and the 403 says why', async () => {
    const limited = await connect(plane.limitedKubeconfigPath);
    try {
      await settled(limited.session);
      const limitedApi = new ObjectApi(limited.session.api, () => limited.session.discovery);
      const reviewer = new AccessReviewer(limited.session.api, limitedApi);
      const mine = { group: 'apps', kind: 'Deployment', namespace: plane.limitedNamespace, name: 'any' };
      expect(await reviewer.check(actionSpec('scale'), mine)).toEqual({ allowed: true });
      expect(await reviewer.check(actionSpec('delete'), { ...mine, namespace: NS })).toEqual({
        allowed: false,
        reason: expect.stringMatching(/^not permitted: delete deployments in namespace actions/) as unknown as string,
      });
      const node = { group: 'core', kind: 'Node', namespace: '', name: plane.nodeNames[0]! };
      const cordon = await reviewer.check(actionSpec('cordon'), node);
      expect(cordon.allowed).toBe(false);
      expect(cordon.reason).toMatch(/^not permitted: patch nodes/);
      const refused = await limitedApi.setUnschedulable(node.name, true).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).kind).toBe('forbidden');
      expect((refused as ApiError).message).toContain('cannot patch resource "nodes"');
    } finally {
      limited.session.dispose();
    }
  });
});
