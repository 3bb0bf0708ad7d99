/**
 * The setup every `*.plane.test.ts` file shares: the real control plane, the objects the file acts on, and a window of
 * the shared code-server whose workspace names the plane's admin kubeconfig. The plane's logs are kept when a test
 * failed; a failed test leaves a screenshot.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ClusterAdmin } from '../cluster/real/clusterAdmin.js';
import { startPlane } from '../cluster/real/support.js';
import { openSharedWindow, screenshotOnFailure, type SharedWindow, type SharedWindowOptions, useWorkspaceKubeconfig } from './support.js';

export interface PlaneWindow {
  readonly admin: ClusterAdmin;
  readonly workbench: SharedWindow;
  readonly page: Page;
}

export interface PlaneWindowOptions extends SharedWindowOptions {
  /** Creates what the file's tests act on, before the window opens. */
  readonly seed: (admin: ClusterAdmin) => Promise<void>;
}

/** Registers the file's hooks; the returned function gives the window once `beforeAll` has run. */
export function usePlaneWindow(options: PlaneWindowOptions): () => PlaneWindow {
  let plane: Awaited<ReturnType<typeof startPlane>> | undefined;
  let opened: PlaneWindow | undefined;
  let failed = false;

  beforeAll(async () => {
    plane = await startPlane();
    const admin = ClusterAdmin.fromFile(plane.adminKubeconfigPath);
    await options.seed(admin);
    const kubeconfig = await readFile(plane.adminKubeconfigPath, 'utf8');
    const workbench = await openSharedWindow({
      ...options,
      prepare: async (dirs) => {
        await useWorkspaceKubeconfig(dirs.root, dirs.workspaceFolder, kubeconfig);
        await options.prepare?.(dirs);
      },
    });
    opened = { admin, workbench, page: workbench.page };
  }, 300_000);

  screenshotOnFailure(() => opened?.page);
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });

  afterAll(async () => {
    await opened?.workbench.close();
    await plane?.finish(!failed && opened !== undefined);
  });

  return () => {
    if (opened === undefined) throw new Error('the plane window is not open: its beforeAll failed');
    return opened;
  };
}
