/**
 * Global set-up of the e2e project (vitest.config.ts): packages the extension once and starts the one code-server
 * the test files share, in the background (see sharedServer.ts). Where code-server is not installed it does
 * nothing, and each test file skips with a message (or fails, under KUBILITICS_REQUIRE_E2E=1).
 */
import type { TestProject } from 'vitest/node';
import { codeServerInstalled, startSharedSetup } from './sharedServer.js';

export async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!codeServerInstalled()) {
    project.provide('kubiliticsE2e', '');
    return undefined;
  }
  const shared = await startSharedSetup(project.config.root);
  project.provide('kubiliticsE2e', shared.endpoint);
  return (): Promise<void> => shared.stop();
}
