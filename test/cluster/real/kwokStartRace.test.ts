/**
 * kwok v0.8.0 sometimes dies as it starts ("fatal error: concurrent map writes" while it builds its CEL environment).
 * The harness starts it again after that death, and only after that one: fault injection with a kwok that dies so
 * once, then runs the real one; and a kwok that dies of anything else fails the start with its log.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { controlPlaneBinDir, startControlPlane } from '../controlplane/harness.js';
import { clusterAvailable } from './support.js';

const available = clusterAvailable();
const OTHERS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

/** A bin dir of the real binaries, with a kwok that prints `death` and exits 2 on its first `deaths` runs. */
function binDirWithDyingKwok(deaths: number, death: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kubilitics-kwok-race-'));
  const real = controlPlaneBinDir();
  const bin = join(root, 'bin');
  symlinkSync(join(real, '..', 'kwok-stages.yaml'), join(root, 'kwok-stages.yaml'));
  mkdirSync(bin);
  for (const name of OTHERS) symlinkSync(join(real, name), join(bin, name));
  const counter = join(root, 'kwok-runs');
  writeFileSync(counter, '');
  writeFileSync(
    join(bin, 'kwok'),
    `#!/bin/sh\necho run >> '${counter}'\nif [ "$(wc -l < '${counter}')" -le ${deaths} ]; then\n` +
      `  echo '${death}'; exit 2\nfi\nexec '${join(real, 'kwok')}' "$@"\n`,
  );
  chmodSync(join(bin, 'kwok'), 0o755);
  return bin;
}

describe.skipIf(!available)('kwok start-up race (real control plane)', { timeout: 240_000 }, () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('starts kwok again after its start-up race, and the plane comes up', async () => {
    const binDir = binDirWithDyingKwok(1, 'fatal error: concurrent map writes');
    dirs.push(binDir);
    const lines: string[] = [];
    const plane = await startControlPlane({ binDir, nodes: 1, log: (line) => lines.push(line) });
    try {
      expect(lines.some((line) => line.includes('kwok died of its start-up race (attempt 1)'))).toBe(true);
      expect(plane.nodeNames).toEqual(['kwok-node-0']);
    } finally {
      await plane.stop();
    }
  });

  it("fails the start, with kwok's log, when kwok dies of anything else", async () => {
    const binDir = binDirWithDyingKwok(1, 'panic: something else');
    dirs.push(binDir);
    await expect(startControlPlane({ binDir, nodes: 1 })).rejects.toThrow(/kwok exited \(exit code 2\)[\s\S]*panic: something else/);
  });
});
