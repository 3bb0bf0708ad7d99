/**
 * Where the tests find real helm and kustomize: KUBILITICS_TOOLS_BIN (set by .ci/run from scripts/build-tools.sh),
 * else the build's cache for the pinned versions. Under KUBILITICS_REQUIRE_TOOLS=1 (CI) their absence fails the
 * file; elsewhere the tests skip with a message that says how to build them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const SHARED_CHARTS = resolve(REPO, '../shared/charts');
export const FIXTURES = join(REPO, 'test/fixtures');
const BUILD_HINT = 'npm run tools:build';

function pinned(file: string): Record<string, string> {
  const text = readFileSync(join(REPO, file), 'utf8');
  return Object.fromEntries([...text.matchAll(/^([A-Z0-9_]+)=(\S+)/gm)].map((match) => [match[1]!, match[2]!]));
}

function cachedBin(): string {
  const { HELM_VERSION, KUSTOMIZE_VERSION } = pinned('test/tools/versions.env');
  const { K8S_VERSION } = pinned('test/cluster/controlplane/versions.env');
  const root = process.env['KUBILITICS_TOOLS_CACHE'] ?? join(homedir(), '.cache', 'kubilitics-tools');
  return join(root, `helm-${HELM_VERSION}_kustomize-${KUSTOMIZE_VERSION}_kubectl-${K8S_VERSION}`, 'bin');
}

/** The folder holding the built helm, kustomize and kubectl, or undefined (with the skip message printed) when absent. */
export function toolsBin(): string | undefined {
  const bin = process.env['KUBILITICS_TOOLS_BIN'] || cachedBin();
  const ready = ['helm', 'kustomize', 'kubectl'].every((tool) => existsSync(join(bin, tool)));
  if (!ready && process.env['KUBILITICS_REQUIRE_TOOLS'] === '1') {
    throw new Error(`real helm and kustomize are required (KUBILITICS_REQUIRE_TOOLS=1) but missing in ${bin}: ${BUILD_HINT}`);
  }
  if (!ready) console.log(`skipped: no helm built (${BUILD_HINT})`);
  return ready ? bin : undefined;
}

/** Whether ../shared/charts (the public charts and overlays) is here; says so when not. */
export function sharedChartsPresent(): boolean {
  const present = existsSync(SHARED_CHARTS);
  if (!present) console.log('skipped: no ../shared/charts');
  return present;
}
