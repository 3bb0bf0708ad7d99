/**
 * `kubilitics render` and `summary` on Helm charts and kustomizations, with real helm and kustomize
 * (scripts/build-tools.sh): the public ones in ../shared/charts and our fixtures, `--check` included.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRenderArgs, parseRenderSourceFlags } from '../../src/cli/renderArgs.js';
import type { CliIo } from '../../src/cli/renderCommand.js';
import { FIXTURES, REPO, SHARED_CHARTS, sharedChartsPresent, toolsBin } from '../tools/support.js';

const bin = toolsBin();
const shared = sharedChartsPresent();
const NOW = ['--now', '2025-01-31T12:00:00Z'];

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tools = (): string[] => ['--helm', join(bin!, 'helm'), '--kustomize', join(bin!, 'kustomize')];
const rel = (path: string): string => relative(process.cwd(), path);

describe('chart and overlay flags', () => {
  it('reads --values (repeatable, -f), --release, --release-namespace and the program paths', () => {
    const parsed = parseRenderArgs(['c', '-o', 'x.svg', '-f', 'a.yaml', '--values', 'b.yaml,c.yaml', '--release', 'shop']);
    expect(parsed.ok && parsed.value.sources).toEqual({ valuesFiles: ['a.yaml', 'b.yaml', 'c.yaml'], release: 'shop', tools: {} });
    const flags = parseRenderSourceFlags({ 'release-namespace': 'prod', helm: '/opt/helm', kubectl: 'k' });
    expect(flags).toEqual({ ok: true, value: { valuesFiles: [], releaseNamespace: 'prod', tools: { helm: '/opt/helm', kubectl: 'k' } } });
  });

  it('refuses names helm would refuse or read as flags, and an empty program path', () => {
    expect(parseRenderSourceFlags({ release: 'Shop' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('not a release name'),
    });
    expect(parseRenderSourceFlags({ release: '-x' })).toMatchObject({ ok: false });
    expect(parseRenderSourceFlags({ 'release-namespace': 'a_b' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('namespace'),
    });
    expect(parseRenderSourceFlags({ kustomize: '' })).toEqual({
      ok: false,
      problem: '--kustomize needs the path of the kustomize program',
    });
  });

  it('--values with no chart among the paths is an error, not ignored', async () => {
    const result = await run('summary', rel(join(REPO, 'examples/shop')), '--values', 'x.yaml');
    expect(result.code).toBe(1);
    expect(result.err).toContain('--values, --release and --release-namespace need a Helm chart');
  });
});

describe.runIf(bin && shared)('CLI on ../shared/charts', () => {
  it('summary of prometheus-pushgateway with a ci/ values file: what it renders and its relations', async () => {
    const chart = rel(join(SHARED_CHARTS, 'helm/prometheus-pushgateway'));
    const result = await run('summary', chart, '--values', join(chart, 'ci/default-sts-values.yaml'), ...tools());
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\d+ files, 3 objects → \d+ nodes, \d+ edges$/m);
    expect(result.out).toContain('runs-as 1');
    expect(result.out).toContain('selects 1');
  });

  it('render + --check on a chart: up to date, then out of date when a values file changes the chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubilitics-chart-check-'));
    const chart = join(dir, 'pushgateway');
    cpSync(join(SHARED_CHARTS, 'helm/prometheus-pushgateway'), chart, { recursive: true });
    const values = join(dir, 'prod.yaml');
    copyFileSync(join(chart, 'ci/default-values.yaml'), values);
    const svg = join(dir, 'topology.svg');
    const args = [chart, '-o', svg, '--values', values, '--release', 'push', ...NOW, ...tools()];
    expect((await run('render', ...args)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('push-prometheus-pushgateway');
    const check = await run('render', ...args, '--check');
    expect(check).toMatchObject({ code: 0, out: `up to date: ${svg}` });
    writeFileSync(values, 'runAsStatefulSet: true\n');
    const stale = await run('render', ...args, '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`out of date: ${svg} does not match the manifests`);
  });

  it('render of each multibases overlay and of all three: the pods kustomize makes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubilitics-overlays-'));
    for (const overlay of ['dev', 'staging', 'production', '.']) {
      const json = join(dir, `${overlay === '.' ? 'all' : overlay}.json`);
      const result = await run('render', rel(join(SHARED_CHARTS, 'kustomize/multibases', overlay)), '-o', json, ...NOW, ...tools());
      expect(result.code, result.err).toBe(0);
      const nodes = (JSON.parse(readFileSync(json, 'utf8')) as { nodes: { id: string }[] }).nodes.map((node) => node.id);
      const expected = {
        dev: ['dev'],
        staging: ['staging'],
        production: ['prod'],
        '.': ['cluster-a-dev', 'cluster-a-prod', 'cluster-a-staging'],
      };
      expect(nodes.sort()).toEqual(expected[overlay as keyof typeof expected].map((prefix) => `core/Pod/default/${prefix}-myapp-pod`));
    }
  });

  it('a chart, an overlay and a plain folder together: one diagram', async () => {
    const result = await run(
      'summary',
      rel(join(SHARED_CHARTS, 'helm/alertmanager')),
      rel(join(SHARED_CHARTS, 'kustomize/helloWorld')),
      rel(join(REPO, 'examples/shop')),
      ...tools(),
    );
    expect(result.code).toBe(0);
    const objects = Number(/(\d+) objects/.exec(result.out)?.[1]);
    // alertmanager renders 5 objects, helloWorld 3, and the shop example has more than 10.
    expect(objects).toBeGreaterThan(5 + 3 + 10);
  });
  it('names a chart and an overlay as what the drawing was made from, not as manifests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubilitics-chart-source-'));
    const mermaid = join(dir, 'topology.mmd');
    const chart = rel(join(SHARED_CHARTS, 'helm/alertmanager'));
    const overlay = rel(join(SHARED_CHARTS, 'kustomize/helloWorld'));
    const shop = rel(join(REPO, 'examples/shop'));
    const result = await run('render', chart, overlay, shop, '-o', mermaid, '--release', 'am', ...NOW, ...tools());
    expect(result.code).toBe(0);
    const firstLine = readFileSync(mermaid, 'utf8').split('\n')[0];
    expect(firstLine).toContain(`from Helm chart ${chart} (release am); kustomization ${overlay}; manifests in ${shop}.`);
  });
});

describe.runIf(bin)('CLI on our fixtures', () => {
  it('problems name the template file and line, not the rendered output', async () => {
    const result = await run('summary', rel(join(FIXTURES, 'charts/shop')), '--release', 'web', ...tools());
    expect(result.out).toContain('test/fixtures/charts/shop/templates/web.yaml:2  Deployment default/web-shop-web → ConfigMap');
  });

  it('a Chart.yaml or kustomization.yaml named as a file renders its chart or overlay', async () => {
    const chart = await run('summary', rel(join(FIXTURES, 'charts/shop/Chart.yaml')), '--release-namespace', 'shop', ...tools());
    expect(chart.out).toMatch(/^1 files, 2 objects → 3 nodes, 2 edges$/m);
    expect(chart.out).toContain('Deployment shop/release-shop-web → ConfigMap shop/release-shop-settings');
    const overlay = await run('summary', rel(join(FIXTURES, 'kustomize/app/overlays/prod/kustomization.yaml')), ...tools());
    expect(overlay.out).toMatch(/^4 files, 4 objects → 4 nodes, 3 edges$/m);
    expect(overlay.out).toContain('relations: env 1, routes 1, selects 1');
  });

  it('a template error: exit 1 and helm’s message, naming the chart and the template', async () => {
    const result = await run('render', rel(join(FIXTURES, 'charts/broken')), '-o', join(tmpdir(), 'never.svg'), ...tools());
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'test/fixtures/charts/broken: helm template failed: Error: execution error at (broken/templates/pod.yaml:8:16)',
    );
  });

  it('a missing helm names the flag to point at it', async () => {
    const result = await run('summary', rel(join(FIXTURES, 'charts/shop')), '--helm', '/nonexistent/helm');
    expect(result.code).toBe(1);
    expect(result.err).toContain('helm was not found at /nonexistent/helm. Install helm v3.10.0 or later');
    expect(result.err).toContain('or pass --helm PATH to the program.');
  });
});
