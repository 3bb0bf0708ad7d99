/**
 * `kubilitics diff` and what `render --check` says about a stale export, through `main()` on real manifests: the shop
 * example, and a copy of it with a Deployment added (whose ConfigMap does not exist) and another one scaled.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/renderCommand.js';
import { WORKER } from './workerManifest.js';

const EXAMPLE = resolve(__dirname, '../../examples/shop');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let changed: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubilitics-diff-'));
  changed = join(dir, 'shop');
  cpSync(EXAMPLE, changed, { recursive: true });
  appendFileSync(join(changed, '20-api.yaml'), WORKER);
  const api = join(changed, '20-api.yaml');
  writeFileSync(api, readFileSync(api, 'utf8').replace('replicas: 2', 'replicas: 3'));
  expect((await run('render', EXAMPLE, '-o', join(dir, 'before.json'))).code).toBe(0);
  expect((await run('render', changed, '-o', join(dir, 'after.json'))).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubilitics diff', () => {
  it('lists the changes, writes them as Markdown, and exits 1', async () => {
    const markdown = join(dir, 'summary', 'changes.md');
    const result = await run('diff', join(dir, 'before.json'), join(dir, 'after.json'), '--markdown', markdown);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      'topology changes: 1 object added, 1 object changed, 2 relations added, 1 new broken reference',
      '  + Deployment shop/worker',
      '  ~ Deployment shop/api: 2 desired → 3 desired',
      '  + env: Deployment shop/worker → ConfigMap shop/worker-settings [missing] (envFrom (worker))',
      '  + applies-to: NetworkPolicy shop/default-deny → Deployment shop/worker (podSelector)',
      '  ! broken env: Deployment shop/worker → ConfigMap shop/worker-settings [missing] (envFrom (worker))',
    ]);
    const text = readFileSync(markdown, 'utf8');
    expect(text).toContain('**1 object added, 1 object changed, 2 relations added, 1 new broken reference**');
    expect(text).toContain(
      '#### New broken references (1)\n\n- `Deployment shop/worker` **env** → `ConfigMap shop/worker-settings` — broken (missing)',
    );
    expect(text).toContain('#### Objects added (1)\n\n- `Deployment shop/worker`');
  });

  it('tells a summary node at --level namespace by its name and the objects that joined it', async () => {
    const [before, after] = [join(dir, 'ns-before.json'), join(dir, 'ns-after.json')];
    expect((await run('render', EXAMPLE, '-o', before, '--level', 'namespace')).code).toBe(0);
    expect((await run('render', changed, '-o', after, '--level', 'namespace')).code).toBe(0);
    const result = await run('diff', before, after);
    expect(result.code).toBe(1);
    expect(result.out.split('\n')).toEqual([
      'topology changes: 1 object changed',
      '  ~ Namespace shop: + Deployment shop/worker; + ConfigMap shop/worker-settings',
    ]);
  });

  it('exits 0 and says so when nothing changed', async () => {
    const result = await run('diff', join(dir, 'before.json'), join(dir, 'before.json'));
    expect(result).toEqual({ code: 0, out: 'topology changes: no topology changes', err: '' });
  });

  it('exits 2 with the reason for a file that is not an export, or a missing one', async () => {
    const svg = join(dir, 'a.svg');
    writeFileSync(svg, '<svg/>');
    const notExport = await run('diff', svg, join(dir, 'after.json'));
    expect(notExport.code).toBe(2);
    expect(notExport.err).toContain('a.svg is not a Kubilitics topology export');
    const missing = await run('diff', join(dir, 'nope.json'), join(dir, 'after.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.json: no such file');
    const oneSide = await run('diff', join(dir, 'before.json'));
    expect(oneSide.code).toBe(2);
    expect(oneSide.err).toContain('diff needs two exports');
  });
});

describe('render --check on a stale export', () => {
  it('lists the topology changes since the committed export', async () => {
    const committed = join(dir, 'committed.json');
    cpSync(join(dir, 'before.json'), committed);
    const result = await run('render', changed, '-o', committed, '--check');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`out of date: ${committed} does not match the manifests`);
    expect(result.err).toContain('topology changes: 1 object added, 1 object changed, 2 relations added, 1 new broken reference');
    expect(result.err).toContain('! broken env: Deployment shop/worker → ConfigMap shop/worker-settings');
    expect(readFileSync(committed, 'utf8')).toBe(readFileSync(join(dir, 'before.json'), 'utf8'));
  });

  it('says how to get the changes listed when no export is among the outputs', async () => {
    const svg = join(dir, 'stale.svg');
    writeFileSync(svg, '<svg/>');
    const result = await run('render', changed, '-o', svg, '--check');
    expect(result.code).toBe(1);
    expect(result.err).toContain('add a .json output (-o topology.json) to have --check list what changed');
  });
});
