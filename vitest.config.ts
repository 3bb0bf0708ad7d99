import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs three projects: fast Node tests (engine, host logic, CLI, the fake API server), the webview in
 * headless Chromium, and the packaged extension in a real VS Code (code-server). The last two skip with a message
 * where Chromium or code-server is not installed, and fail instead under KUBILITICS_REQUIRE_E2E=1 (CI).
 *
 * `npm run test:cluster` runs the fourth, `cluster`: the extension's cluster code against a real control plane
 * (scripts/build-controlplane.sh). It skips where the binaries are not built and fails instead under
 * KUBILITICS_REQUIRE_CLUSTER=1 (CI).
 */

/**
 * The cluster project exists only when named on the command line (`--project cluster`). A plain `vitest run` runs
 * every defined project, and `npm test` must not start control planes: each file boots etcd, kube-apiserver,
 * controllers and kwok (~10 s, two cores busy), and CI runs them as a separate step with KUBILITICS_REQUIRE_CLUSTER=1.
 */
const clusterRequested = process.argv.some((arg, i, all) => arg === '--project=cluster' || (arg === '--project' && all[i + 1] === 'cluster'));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/engine/**/*.test.ts', 'test/extension/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/cluster/fake/**/*.test.ts',
            'test/protocol/**/*.test.ts', 'test/webview/**/*.unit.test.ts', 'test/bench/**/*.test.ts',
            'test/house/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'webview',
          include: ['test/webview/chromium.test.ts', 'test/webview/*.chromium.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      ...(clusterRequested ? [{
        test: {
          name: 'cluster',
          include: ['test/cluster/real/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // One control plane at a time: two would fight over two cores and make every timing meaningless.
          fileParallelism: false,
        },
      }] : []),
    ],
  },
});
