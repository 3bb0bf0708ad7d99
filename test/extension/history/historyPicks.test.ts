import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterStore } from '../../../src/engine/store/clusters.js';
import { HistoryStore } from '../../../src/engine/store/history.js';
import { historyPicks } from '../../../src/extension/history/historyPicks.js';
import { deployment, open, pod, tempDir } from '../../engine/store/support.js';

const WEB = 'apps/Deployment/shop/web';
const CARTS = 'apps/Deployment/shop/carts';
const OLD_POD = 'core/Pod/shop/old';
const BACK = 'core/Pod/shop/back';
const minute = (n: number): number => Date.UTC(2026, 11, 3, 20, n);

/** A real sql.js history: one cluster with live, deleted and re-created objects, another cluster's object beside it. */
async function recorded(): Promise<{ history: HistoryStore; prod: number; dev: number }> {
  const { store } = await open(join(await tempDir(), 'kubilitics.db'));
  const clusters = new ClusterStore(store);
  const prod = clusters.ensure({ context: 'prod', server: 'https://prod' }, 0);
  const dev = clusters.ensure({ context: 'dev', server: 'https://dev' }, 0);
  const history = new HistoryStore(store);
  history.recordMany([
    { clusterId: prod, objectId: WEB, change: 'added', at: minute(1), after: deployment('web', 1) },
    { clusterId: prod, objectId: WEB, change: 'modified', at: minute(5), before: deployment('web', 1), after: deployment('web', 3) },
    { clusterId: prod, objectId: OLD_POD, change: 'added', at: minute(2), after: pod('old', 'Running') },
    { clusterId: prod, objectId: OLD_POD, change: 'deleted', at: minute(6), before: pod('old', 'Running') },
    { clusterId: prod, objectId: BACK, change: 'added', at: minute(1), after: pod('back', 'Running') },
    { clusterId: prod, objectId: BACK, change: 'deleted', at: minute(3), before: pod('back', 'Running') },
    { clusterId: prod, objectId: BACK, change: 'added', at: minute(4), after: pod('back', 'Pending') },
    { clusterId: dev, objectId: CARTS, change: 'added', at: minute(7), after: deployment('carts', 1) },
  ]);
  return { history, prod, dev };
}

describe('Show Resource History offers the objects that have history', () => {
  it('lists each object of the cluster once, newest change first, with its count and whether it is gone', async () => {
    const { history, prod, dev } = await recorded();
    expect(history.objects(prod)).toEqual([
      { objectId: OLD_POD, changes: 2, lastChange: 'deleted', lastAt: minute(6) },
      { objectId: WEB, changes: 2, lastChange: 'modified', lastAt: minute(5) },
      { objectId: BACK, changes: 3, lastChange: 'added', lastAt: minute(4) },
    ]);
    expect(history.objects(dev).map((summary) => summary.objectId)).toEqual([CARTS]);
  });

  it('labels picks by kind, namespace and name, marks deleted ones, and finds them by id too', async () => {
    const { history, prod } = await recorded();
    const picks = historyPicks(history.objects(prod));
    expect(picks.map((pick) => pick.label)).toEqual(['$(trash) Pod shop/old', 'Deployment shop/web', 'Pod shop/back']);
    expect(picks.map((pick) => pick.deleted)).toEqual([true, false, false]);
    expect(picks[0]!.description).toBe(`deleted 2026-12-03 20:06:00 UTC · ${OLD_POD}`);
    expect(picks[1]!.description).toBe(`2 changes, last 2026-12-03 20:05:00 UTC · ${WEB}`);
    expect(picks.map((pick) => pick.objectId)).toEqual([OLD_POD, WEB, BACK]);
  });

  it('puts the object selected in the view first', async () => {
    const { history, prod } = await recorded();
    expect(historyPicks(history.objects(prod), BACK).map((pick) => pick.objectId)).toEqual([BACK, OLD_POD, WEB]);
    expect(historyPicks(history.objects(prod), 'core/Pod/shop/unknown').map((pick) => pick.objectId)).toEqual([OLD_POD, WEB, BACK]);
  });
});
