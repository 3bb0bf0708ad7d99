/**
 * The setup of a real-plane file that acts through a live session: one plane, the file's namespace, a session built as
 * clusterManager builds it, settled; afterwards the session is disposed and the plane's logs kept if a test failed.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import * as k from './builders.js';
import { ClusterAdmin } from './clusterAdmin.js';
import { connect, settled, startPlane, type LiveSession } from './support.js';

export interface PlaneSession {
  readonly plane: Awaited<ReturnType<typeof startPlane>>;
  readonly admin: ClusterAdmin;
  readonly live: LiveSession;
}

/** Registers the file's hooks; the returned function gives the session once `beforeAll` has run. */
export function usePlaneSession(namespace: string): () => PlaneSession {
  let plane: PlaneSession['plane'] | undefined;
  let ready: PlaneSession | undefined;
  let failed = false;

  beforeAll(async () => {
    plane = await startPlane();
    const admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    await admin.apply(k.namespace(namespace));
    const live = await connect(plane.adminKubeconfigPath);
    await settled(live.session);
    ready = { plane, admin, live };
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  afterAll(async () => {
    ready?.live.session.dispose();
    await plane?.finish(!failed && ready !== undefined);
  });

  return () => {
    if (ready === undefined) throw new Error('the plane session is not ready: its beforeAll failed');
    return ready;
  };
}
