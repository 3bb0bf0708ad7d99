/**
 * Server-side apply against the real control plane: a manifest's dry run classified (created, configured, unchanged)
 * with the fields that change, the apply reported per object and seen through the watch; a conflict with another
 * field manager explained from the Status causes and then forced; a 422 pointed at the line of the field; a Secret
 * applied with its values never coming back; and the 403 of the RBAC-limited identity explained.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { itemsToApply } from '../../../src/engine/actions/applyManifests.js';
import { fieldConflicts, invalidFields } from '../../../src/engine/actions/applyStatus.js';
import { editableYaml } from '../../../src/engine/actions/editableObject.js';
import { lineOfField, placeProblems } from '../../../src/engine/actions/fieldLine.js';
import { parse } from 'yaml';
import { ApiError } from '../../../src/extension/cluster/apiClient.js';
import { countOutcomes, planApply, reasonOf, runApply } from '../../../src/extension/actions/manifestApply.js';
import { ObjectApi } from '../../../src/extension/actions/objectApi.js';
import { ServerSideApply } from '../../../src/extension/actions/serverSideApply.js';
import * as k from './builders.js';
import type { ClusterAdmin } from './clusterAdmin.js';
import { usePlaneSession, type PlaneSession } from './planeSession.js';
import { clusterAvailable, connect, eventually, settled, type LiveSession } from './support.js';

const available = clusterAvailable();
const NS = 'apply';

const manifest = (replicas: number, image = 'nginx:1'): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: ${NS}
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: ${NS}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      terminationGracePeriodSeconds: 0
      containers:
        - name: shop
          image: ${image}
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: ${NS}
stringData:
  password: hunter2
`;

describe.skipIf(!available)('server-side apply against the real control plane', () => {
  let plane: PlaneSession['plane'];
  let admin: ClusterAdmin;
  let live: LiveSession;
  let ssa: ServerSideApply;
  const planeSession = usePlaneSession(NS);

  beforeAll(() => {
    ({ plane, admin, live } = planeSession());
    ssa = new ServerSideApply(live.session.api, new ObjectApi(live.session.api, () => live.session.discovery), 'default');
  });

  it('dry-runs a manifest (everything created), applies it, and a second dry run finds it unchanged', async () => {
    const { items, warnings } = itemsToApply(manifest(2), 'app.yaml');
    expect(warnings).toEqual([]);
    const planned = await planApply(ssa, items);
    expect(planned.map((p) => [p.label, p.outcome])).toEqual([
      [`ConfigMap ${NS}/settings`, 'created'],
      [`Deployment ${NS}/shop`, 'created'],
      [`Secret ${NS}/db`, 'created'],
    ]);
    // The dry run wrote nothing.
    expect(live.session.engine.record(`apps/Deployment/${NS}/shop`)).toBeUndefined();
    // A Secret's values never come back from the server: the dry-run result is its metadata.
    const { object: _mine, ...told } = planned[2]!;
    expect(JSON.stringify(told)).not.toMatch(/hunter2|aHVudGVyMg/);
    expect(planned[2]!.dryRun?.['data']).toBeUndefined();

    const applied = await runApply(ssa, planned);
    expect(countOutcomes(applied)).toBe('3 created');
    await eventually('the Deployment on the graph', () => live.session.engine.record(`apps/Deployment/${NS}/shop`));

    const again = await planApply(ssa, itemsToApply(manifest(2), 'app.yaml').items);
    expect(again.map((p) => [p.outcome, p.changes])).toEqual([
      ['unchanged', []],
      ['unchanged', []],
      ['unchanged', []],
    ]);
    expect(countOutcomes(await runApply(ssa, again))).toBe('3 unchanged');
  });

  it('classifies a change as configured, with the fields, and applies it', async () => {
    // The managedFields time has whole seconds: a Secret rewritten within the second of its last apply would read as
    // unchanged (secretDataChange), so this one waits for the next second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const planned = await planApply(ssa, itemsToApply(manifest(3, 'nginx:2').replace('hunter2', 'hunter3'), 'app.yaml').items);
    expect(planned[2]).toMatchObject({ outcome: 'configured', changes: ['data changed (values are never shown)'] });
    expect(planned[1]).toMatchObject({
      outcome: 'configured',
      changes: ['spec.replicas', 'spec.template.spec.containers[0].image'],
    });
    expect(planned[0]!.outcome).toBe('unchanged');
    const applied = await runApply(ssa, planned);
    expect(applied.map((a) => a.outcome)).toEqual(['unchanged', 'configured', 'configured']);
    await eventually(
      '3 replicas on the graph',
      () => (live.session.engine.record(`apps/Deployment/${NS}/shop`)?.object['spec'] as { replicas: number }).replicas === 3,
    );
  });

  it('explains a conflict with another field manager, and forcing takes the field over', async () => {
    await admin.apply(k.deployment('owned', NS, 1));
    const current = await ssa.live(ssa.target({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'owned', namespace: NS } }));
    const edited = parse(editableYaml(current!, { context: 'admin', id: `apps/Deployment/${NS}/owned` })) as Record<string, unknown>;
    (edited['spec'] as { replicas: number }).replicas = 4;
    const refused = await ssa.apply(edited).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).kind).toBe('conflict');
    expect(fieldConflicts((refused as ApiError).apiStatus)).toEqual([{ manager: 'kubilitics-tests', field: '.spec.replicas' }]);
    expect(reasonOf(refused, `Deployment ${NS}/owned`)).toContain('• .spec.replicas is owned by "kubilitics-tests"');

    const forced = await ssa.apply(edited, { force: true });
    expect((forced['spec'] as { replicas: number }).replicas).toBe(4);
    const managers = (forced.metadata as { managedFields: { manager: string; fieldsV1: unknown }[] }).managedFields;
    expect(JSON.stringify(managers.find((m) => m.manager === 'kubilitics')?.fieldsV1)).toContain('f:replicas');
  });

  it('points a 422 at the line of the field in the edited document', async () => {
    const current = await ssa.live(ssa.target({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: NS } }));
    const text = editableYaml(current!, { context: 'admin', id: `apps/Deployment/${NS}/shop` }).replace('replicas: 3', 'replicas: -1');
    const refused = await ssa.apply(parse(text) as Record<string, unknown>).catch((error: unknown) => error);
    expect((refused as ApiError).kind).toBe('invalid');
    const [problem] = invalidFields((refused as ApiError).apiStatus);
    expect(problem!.field).toBe('spec.replicas');
    const line = text.split('\n').findIndex((l) => l.includes('replicas: -1')) + 1;
    expect(lineOfField(text, problem!.field)).toEqual({ line, exact: true });
    // The dry run of a manifest says the same, per object.
    const file = manifest(-1);
    const planned = await planApply(ssa, itemsToApply(file, 'app.yaml').items);
    expect(planned[1]).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('spec.replicas') as unknown });
    // Apply to Cluster places it in the file, in the Deployment's own document (the second).
    const placed = placeProblems(file, planned[1]!.source!.line, invalidFields(planned[1]!.error!.apiStatus));
    const fileLine = file.split('\n').findIndex((l) => l.includes('replicas: -1')) + 1;
    expect(placed[0]).toMatchObject({ line: fileLine, exact: true });
  });

  it('explains the 403 of the limited identity', async () => {
    const limited = await connect(plane.limitedKubeconfigPath);
    try {
      await settled(limited.session);
      const api = new ObjectApi(limited.session.api, () => limited.session.discovery);
      const limitedSsa = new ServerSideApply(limited.session.api, api, plane.limitedNamespace);
      const planned = await planApply(limitedSsa, itemsToApply(manifest(1), 'app.yaml').items.slice(0, 1));
      expect(planned[0]!.outcome).toBe('failed');
      expect(planned[0]!.error?.kind).toBe('forbidden');
      expect(planned[0]!.reason).toMatch(/^not permitted \(403\): server-side apply needs the patch verb/);
      expect(planned[0]!.reason).toContain('User "dev" cannot');
      // In its own namespace (objects naming none go there) it may.
      const own = await planApply(limitedSsa, [{ object: k.deployment('mine', '', 1), source: { file: 'x', line: 1 } }]);
      expect(own[0]).toMatchObject({ label: `Deployment ${plane.limitedNamespace}/mine`, outcome: 'created' });
    } finally {
      limited.session.dispose();
    }
  });
});
