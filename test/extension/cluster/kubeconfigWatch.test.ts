import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchKubeconfigFiles } from '../../../src/extension/cluster/kubeconfigWatch.js';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

describe('watchKubeconfigFiles', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  it('does not loop on a missing kubeconfig when every change re-arms the watch, as a reload does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubilitics-watch-'));
    const file = join(dir, 'config');
    let changes = 0;
    const arm = (): void => {
      stops.splice(0).forEach((stop) => stop());
      stops.push(watchKubeconfigFiles([file], onChange, 20));
    };
    const onChange = (): void => {
      changes++;
      arm();
    };
    arm();
    // Without the filter, Node's first call for a missing file re-arms and fires again at once: thousands per second.
    await sleep(500);
    expect(changes).toBe(0);
    await writeFile(file, 'apiVersion: v1\n');
    await expect.poll(() => changes, { interval: 20, timeout: 30_000 }).toBe(1);
    await rm(dir, { recursive: true });
    await expect.poll(() => changes, { interval: 20, timeout: 30_000 }).toBe(2);
  });
});
