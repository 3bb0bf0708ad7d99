import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowestFilesReporter } from './test/reporters/slowestFiles';

/**
 * `npm test` runs three projects: fast Node tests (engine, host logic, CLI, the fake API server), the webview in
 * headless Chromium, and the packaged extension in a real VS Code (code-server). The last two skip with a message
 * where Chromium or code-server is not installed, and fail instead under KUBILITICS_REQUIRE_E2E=1 (CI).
 *
 * `npm run test:cluster` runs the fourth, `cluster`: the extension's cluster code against a real control plane
 * (scripts/build-controlplane.sh). It skips where the binaries are not built and fails instead under
 * KUBILITICS_REQUIRE_CLUSTER=1 (CI).
 *
 * Where the time goes (a 2-core machine): unit and webview files run side by side in two workers (the webview files
 * share one build, one server and one Chromium: test/webview/globalSetup.ts); the e2e files then run one after
 * another in one worker, each in a window of the one code-server the e2e project's global set-up starts in the
 * background at the beginning of the run (test/e2e/harness/sharedServer.ts). The slowest files are printed at the end.
 */

/**
 * The cluster project exists only when named on the command line (`--project cluster`). A plain `vitest run` runs
 * every defined project, and `npm test` must not start control planes: each file boots etcd, kube-apiserver,
 * controllers and kwok (~10 s, two cores busy), and CI runs them as a separate step with KUBILITICS_REQUIRE_CLUSTER=1.
 */
const requested = (name: string): boolean =>
  process.argv.some((arg, i, all) => arg === `--project=${name}` || (arg === '--project' && all[i + 1] === name));
const clusterRequested = requested('cluster');
/**
 * `cluster-e2e`, likewise only when named: a real VS Code (code-server) driven against a real control plane, for what
 * the fake API server cannot do (writes: scale, delete). `npm run test:cluster` runs it after `cluster`.
 */
const clusterE2eRequested = requested('cluster-e2e');

/**
 * Vitest's default is one worker fewer than the cores, so a 2-core machine ran every file one after another. Most of
 * a webview file's time is spent waiting for Chromium, a separate process, so two workers there are worth it.
 */
const workers = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    maxWorkers: workers,
    minWorkers: 1,
    reporters: ['default', new SlowestFilesReporter()],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/engine/**/*.test.ts',
            'test/extension/**/*.test.ts',
            'test/cli/**/*.test.ts',
            'test/tools/**/*.test.ts',
            'test/action/**/*.test.ts',
            'test/cluster/fake/**/*.test.ts',
            'test/protocol/**/*.test.ts',
            'test/webview/**/*.unit.test.ts',
            'test/bench/**/*.test.ts',
            'test/repo/**/*.test.ts',
            'test/house/**/*.test.ts',
          ],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'webview',
          include: ['test/webview/chromium.test.ts', 'test/webview/*.chromium.test.ts'],
          globalSetup: ['test/webview/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits 1 s by default: on a loaded 2-core machine a page can take longer to show a change.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/harness/globalSetup.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          expect: { poll: { timeout: 10_000 } },
          // One file at a time, in one worker, after the unit and webview files: each drives a code-server window
          // through Chromium, and two at once on two cores make their UI waits time out. (A project's own
          // `fileParallelism: false` does not limit the shared worker pool; `singleFork` does.)
          poolOptions: { forks: { singleFork: true } },
        },
      },
      ...(clusterRequested
        ? [
            {
              test: {
                name: 'cluster',
                include: ['test/cluster/real/**/*.test.ts'],
                testTimeout: 180_000,
                hookTimeout: 240_000,
                // One control plane at a time: two would fight over two cores and make every timing meaningless.
                // (`fileParallelism: false` here would not limit the shared worker pool; `singleFork` does.)
                poolOptions: { forks: { singleFork: true } },
              },
            },
          ]
        : []),
      ...(clusterE2eRequested
        ? [
            {
              test: {
                name: 'cluster-e2e',
                include: ['test/e2e/**/*.plane.test.ts'],
                globalSetup: ['test/e2e/harness/globalSetup.ts'],
                testTimeout: 240_000,
                hookTimeout: 300_000,
                poolOptions: { forks: { singleFork: true } },
              },
            },
          ]
        : []),
    ],
  },
});
