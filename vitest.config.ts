import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs three projects: fast Node tests (engine, host logic, CLI, the fake API server), the webview in
 * headless Chromium, and the packaged extension in a real VS Code (code-server). The last two skip with a message
 * where Chromium or code-server is not installed, and fail instead under KUBILITICS_REQUIRE_E2E=1 (CI).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/engine/**/*.test.ts', 'test/extension/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/cluster/fake/**/*.test.ts',
            'test/webview/protocol.test.ts', 'test/webview/**/*.unit.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'webview',
          include: ['test/webview/chromium.test.ts'],
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
    ],
  },
});
