/**
 * Rendering with real helm and kustomize (built by scripts/build-tools.sh): the public charts and overlays in
 * ../shared/charts and our own fixtures, through src/tools and the engine, as the CLI and the extension do.
 */
import { chmodSync, copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topologyFromRendered } from '../../src/engine/render/renderedTopology.js';
import type { RenderTarget } from '../../src/engine/render/renderTarget.js';
import { renderTarget, type HelmChoices, type ToolSettings } from '../../src/tools/renderTarget.js';
import { ToolError } from '../../src/tools/toolCommand.js';
import { FIXTURES, REPO, SHARED_CHARTS, sharedChartsPresent, toolsBin } from './support.js';

const bin = toolsBin();
const shared = sharedChartsPresent();
const tools = (paths: ToolSettings['paths'] = {}): ToolSettings => ({
  paths: { helm: join(bin ?? '', 'helm'), kustomize: join(bin ?? '', 'kustomize'), ...paths },
  pointAt: (tool) => `set kubilitics.${tool}.path`,
});
const shown = (absolute: string): string => relative(REPO, absolute);

function chart(root: string): RenderTarget {
  return { tool: 'helm', root, marker: join(root, 'Chart.yaml') };
}
function kustomization(root: string): RenderTarget {
  return { tool: 'kustomize', root, marker: join(root, 'kustomization.yaml') };
}

async function render(target: RenderTarget, helm?: HelmChoices, settings = tools()): Promise<Awaited<ReturnType<typeof renderTarget>>> {
  return renderTarget({ target, tools: settings, shownName: shown, ...(helm ? { helm } : {}) });
}

function described(result: Awaited<ReturnType<typeof renderTarget>>): string[] {
  return result.set.parsed.objects.map(
    ({ object, source }) => `${object.kind} ${object.metadata?.namespace ?? '-'}/${object.metadata?.name} ${source.file}:${source.line}`,
  );
}

describe.runIf(bin && shared)('public charts and overlays (../shared/charts)', () => {
  const helmDir = join(SHARED_CHARTS, 'helm');
  const kustomizeDir = join(SHARED_CHARTS, 'kustomize');

  it('alertmanager: every object names its template in the chart folder, at its kind line', async () => {
    const result = await render(chart(join(helmDir, 'alertmanager')), { valuesFiles: [], release: 'alerts', namespace: 'monitoring' });
    expect(result.ranWith).toMatch(/^helm v3\.\d+\.\d+$/);
    const lines = described(result);
    const base = '../shared/charts/helm/alertmanager/templates';
    // The chart sets metadata.namespace itself; the two Services of services.yaml are told apart by their kind lines.
    expect(lines).toEqual([
      `ServiceAccount monitoring/alerts-alertmanager ${base}/serviceaccount.yaml:3`,
      `ConfigMap monitoring/alerts-alertmanager ${base}/configmap.yaml:3`,
      `Service monitoring/alerts-alertmanager ${base}/services.yaml:2`,
      `Service monitoring/alerts-alertmanager-headless ${base}/services.yaml:45`,
      `StatefulSet monitoring/alerts-alertmanager ${base}/statefulset.yaml:3`,
    ]);
    // Helm's test hooks (templates/tests) are left out: they are not what the chart deploys.
    expect(lines.some((line) => line.includes('/tests/'))).toBe(false);
    const topology = topologyFromRendered({ rendered: [result.set] });
    const graph = topology.engine.graph();
    const edge = graph.edges.find((e) => e.type === 'runs-as');
    expect(edge).toMatchObject({ source: 'apps/StatefulSet/monitoring/alerts-alertmanager' });
    expect(topology.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('prometheus-pushgateway with a values file from its ci/ folder: the values change what is rendered', async () => {
    const root = join(helmDir, 'prometheus-pushgateway');
    const plain = described(await render(chart(root)));
    const sts = described(
      await render(chart(root), { valuesFiles: [join(root, 'ci/default-sts-values.yaml')], release: 'push', namespace: 'default' }),
    );
    expect(plain.some((line) => line.startsWith('Deployment default/release-prometheus-pushgateway'))).toBe(true);
    expect(sts.some((line) => line.startsWith('Deployment '))).toBe(false);
    const statefulSet = sts.find((line) => line.startsWith('StatefulSet default/push-prometheus-pushgateway'));
    expect(statefulSet).toMatch(/ \.\.\/shared\/charts\/helm\/prometheus-pushgateway\/templates\/statefulset\.yaml:\d+$/);
  });

  it('helloWorld: each object names the overlay file that declares it', async () => {
    const result = await render(kustomization(join(kustomizeDir, 'helloWorld')));
    expect(result.ranWith).toMatch(/^kustomize v5\.\d+\.\d+$/);
    const base = '../shared/charts/kustomize/helloWorld';
    expect(described(result).sort()).toEqual([
      `ConfigMap -/the-map ${base}/configMap.yaml:1`,
      `Deployment -/the-deployment ${base}/deployment.yaml:1`,
      `Service -/the-service ${base}/service.yaml:1`,
    ]);
    expect(result.set.parsed.objects.every(({ object }) => !JSON.stringify(object).includes('config.kubernetes.io/origin'))).toBe(true);
    const graph = topologyFromRendered({ rendered: [result.set] }).engine.graph();
    expect(graph.edges.map((e) => `${e.type} ${e.source} ${e.target}`).sort()).toEqual([
      'env apps/Deployment/default/the-deployment core/ConfigMap/default/the-map',
      'selects core/Service/default/the-service apps/Deployment/default/the-deployment',
    ]);
  });

  it.each(['dev', 'staging', 'production'])('multibases/%s: the prefixed pod names the base file outside the overlay', async (overlay) => {
    const result = await render(kustomization(join(kustomizeDir, 'multibases', overlay)));
    const prefix = { dev: 'dev', staging: 'staging', production: 'prod' }[overlay];
    expect(described(result)).toEqual([`Pod -/${prefix}-myapp-pod ../shared/charts/kustomize/multibases/base/pod.yaml:1`]);
    // A change to the base re-renders the overlay: the base's folder is one of the inputs.
    expect(result.inputs).toContain(join(kustomizeDir, 'multibases', 'base'));
  });

  it('multibases: all three overlays at once, each pod from the one base file', async () => {
    const result = await render(kustomization(join(kustomizeDir, 'multibases')));
    expect(described(result).map((line) => line.split(' ')[1])).toEqual([
      '-/cluster-a-dev-myapp-pod',
      '-/cluster-a-prod-myapp-pod',
      '-/cluster-a-staging-myapp-pod',
    ]);
  });
});

describe.runIf(bin)('our fixtures: edge cases', () => {
  const shop = join(FIXTURES, 'charts/shop');

  it('a values file changes the output; release name and namespace are applied', async () => {
    const plain = await render(chart(shop), { valuesFiles: [], release: 'one', namespace: 'shop' });
    expect(described(plain)).toEqual([
      'Service -/one-shop-web test/fixtures/charts/shop/templates/web.yaml:25',
      'Deployment -/one-shop-web test/fixtures/charts/shop/templates/web.yaml:2',
    ]);
    // The templates name no namespace: the objects are drawn in the release's, where `helm install -n shop` puts them.
    const ids = topologyFromRendered({ rendered: [plain.set] })
      .engine.graph()
      .nodes.map((node) => node.id);
    // (The ConfigMap the Deployment reads is not in the chart: a stub, in the same namespace.)
    expect(ids.sort()).toEqual([
      'apps/Deployment/shop/one-shop-web',
      'core/ConfigMap/shop/one-shop-settings',
      'core/Service/shop/one-shop-web',
    ]);
    const prod = await render(chart(shop), { valuesFiles: [join(shop, 'values-prod.yaml')], release: 'one', namespace: 'shop' });
    expect(described(prod)).toContain('StatefulSet -/one-shop-cache test/fixtures/charts/shop/templates/cache.yaml:3');
    expect(prod.set.parsed.objects.find((o) => o.object.kind === 'Deployment')?.object['spec']).toMatchObject({ replicas: 3 });
    expect(prod.inputs).toContain(join(shop, 'values-prod.yaml'));
  });

  it('a template error is a clear message naming the template', async () => {
    const error = await render(chart(join(FIXTURES, 'charts/broken'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).problem).toBe('failed');
    expect((error as ToolError).message).toContain('helm template failed');
    expect((error as ToolError).message).toContain('broken/templates/pod.yaml:8');
    expect((error as ToolError).message).toContain('image.tag is required');
    // The Problems panel shows it on the template's line, not on Chart.yaml.
    expect((error as ToolError).source).toEqual({ file: 'test/fixtures/charts/broken/templates/pod.yaml', line: 8 });
  });

  it('a chart whose dependencies were never fetched: helm says which, on the Chart.yaml', async () => {
    const error = (await render(chart(join(FIXTURES, 'charts/needs-deps'))).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('failed');
    expect(error.message).toMatch(/missing in charts\/ directory: redis/);
    expect(error.source).toEqual({ file: 'test/fixtures/charts/needs-deps/Chart.yaml', line: 1 });
  });

  it('a kustomization naming a file that is not there: kustomize says which, about the user’s own kustomization', async () => {
    const root = join(FIXTURES, 'kustomize/missing-resource');
    const error = (await render(kustomization(root)).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('failed');
    expect(error.message).toContain('kustomize build failed');
    expect(error.message).toContain('deployment.yaml');
    // Built again without our wrapper, so the message names the user's folder, not a temporary one.
    expect(error.message).not.toContain('kubilitics-kustomize-');
    expect(error.source).toEqual({ file: 'test/fixtures/kustomize/missing-resource/kustomization.yaml', line: 1 });
  });

  it('kustomize: prefix and namespace applied, objects from the base name the base files, generator its kustomization', async () => {
    const result = await render(kustomization(join(FIXTURES, 'kustomize/app/overlays/prod')));
    const lines = described(result).map((line) => line.replace(/-[a-z0-9]{10} /, '-HASH '));
    expect(lines.sort()).toEqual([
      'ConfigMap prod/prod-app-settings-HASH test/fixtures/kustomize/app/base/kustomization.yaml:5',
      'Deployment prod/prod-app test/fixtures/kustomize/app/base/deployment.yaml:1',
      'Ingress prod/prod-app test/fixtures/kustomize/app/overlays/prod/ingress.yaml:1',
      'Service prod/prod-app test/fixtures/kustomize/app/base/service.yaml:1',
    ]);
  });

  it('a missing program: what is missing, where to get it, and the setting to point at it', async () => {
    const missing = join(tmpdir(), 'no-such-helm');
    const error = (await render(chart(shop), undefined, tools({ helm: missing })).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('missing');
    expect(error.message).toBe(
      `helm was not found at ${missing}. Install helm v3.10.0 or later (https://helm.sh/docs/intro/install/), ` +
        'or set kubilitics.helm.path to the program.',
    );
  });

  it('no kustomize on PATH: kubectl kustomize is tried, and the message names both settings', async () => {
    const settings: ToolSettings = { paths: {}, pointAt: (tool) => `set kubilitics.${tool}.path` };
    const path = process.env['PATH'];
    process.env['PATH'] = mkdtempSync(join(tmpdir(), 'empty-path-'));
    try {
      const error = (await render(kustomization(join(FIXTURES, 'kustomize/app/base')), undefined, settings).catch((e) => e)) as ToolError;
      expect(error.problem).toBe('missing');
      expect(error.message).toContain('kustomize was not found on PATH');
      expect(error.message).toContain('set kubilitics.kustomize.path');
      expect(error.message).toContain('kubectl v1.27.0 or later would do too (kubectl kustomize; set kubilitics.kubectl.path)');
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('no kustomize on PATH but a kubectl: `kubectl kustomize` renders, with the same attribution', async () => {
    const settings: ToolSettings = { paths: { kubectl: join(bin!, 'kubectl') }, pointAt: (tool) => `set kubilitics.${tool}.path` };
    const path = process.env['PATH'];
    process.env['PATH'] = mkdtempSync(join(tmpdir(), 'empty-path-'));
    try {
      const result = await render(kustomization(join(FIXTURES, 'kustomize/app/overlays/prod')), undefined, settings);
      expect(result.ranWith).toMatch(/^kubectl v1\.\d+\.\d+ kustomize$/);
      expect(
        described(result)
          .map((line) => line.replace(/-[a-z0-9]{10} /, '-HASH '))
          .sort(),
      ).toEqual([
        'ConfigMap prod/prod-app-settings-HASH test/fixtures/kustomize/app/base/kustomization.yaml:5',
        'Deployment prod/prod-app test/fixtures/kustomize/app/base/deployment.yaml:1',
        'Ingress prod/prod-app test/fixtures/kustomize/app/overlays/prod/ingress.yaml:1',
        'Service prod/prod-app test/fixtures/kustomize/app/base/service.yaml:1',
      ]);
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('a program older than supported is refused with its version (a stand-in that only prints an old version)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'old-helm-'));
    const old = join(dir, 'helm');
    writeFileSync(old, '#!/bin/sh\necho v3.2.4\n');
    chmodSync(old, 0o755);
    const error = (await render(chart(shop), undefined, tools({ helm: old })).catch((e: unknown) => e)) as ToolError;
    expect(error.problem).toBe('too-old');
    expect(error.message).toContain(`helm at ${old} is older than v3.10.0, the oldest supported (it is v3.2.4)`);
    expect(error.message).toContain('set kubilitics.helm.path');
  });

  it('a release name that could be read as a flag is refused before helm runs', async () => {
    const error = (await render(chart(shop), { valuesFiles: [], release: '--post-renderer', namespace: 'x' }).catch((e) => e)) as ToolError;
    expect(error.problem).toBe('bad-input');
  });

  describe('sealed, as in Restricted Mode (an untrusted workspace)', () => {
    /** A `git` that only notes that it ran: whether kustomize started it is the question. */
    function recordingGit(): { bin: string; ran: string } {
      const dir = mkdtempSync(join(tmpdir(), 'recording-git-'));
      const ran = join(dir, 'ran');
      writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$@" >> '${ran}'\nexit 1\n`);
      chmodSync(join(dir, 'git'), 0o755);
      return { bin: dir, ran };
    }
    function remoteBase(): string {
      const dir = mkdtempSync(join(tmpdir(), 'remote-base-'));
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v3.3.1\n',
      );
      return dir;
    }
    const withPath = async <T>(path: string, work: () => Promise<T>): Promise<T> => {
      const saved = process.env['PATH'];
      process.env['PATH'] = path;
      try {
        return await work();
      } finally {
        process.env['PATH'] = saved;
      }
    };

    it('a remote base runs no git and is not fetched; the message says why and how to build it', async () => {
      const git = recordingGit();
      const root = remoteBase();
      const sealed = await withPath(`${git.bin}:${process.env['PATH']}`, () =>
        render(kustomization(root), undefined, { ...tools(), sealed: true }).catch((e: unknown) => e),
      );
      expect(sealed).toBeInstanceOf(ToolError);
      expect((sealed as ToolError).problem).toBe('failed');
      expect((sealed as ToolError).message).toContain('kustomize build failed: in Restricted Mode remote bases and charts are not fetched');
      expect((sealed as ToolError).message).toContain('trust this workspace to build it');
      expect(existsSync(git.ran)).toBe(false);
      // Not sealed, the same kustomization starts that git (so the check above can fail).
      const open = await withPath(`${git.bin}:${process.env['PATH']}`, () => render(kustomization(root)).catch((e: unknown) => e));
      expect(open).toBeInstanceOf(ToolError);
      expect((open as ToolError).message).not.toContain('Restricted Mode');
      expect(readFileSync(git.ran, 'utf8')).toMatch(/^init/m);
    });

    it('a resource fetched over HTTPS is not fetched: every proxy points at a closed port', async () => {
      const root = mkdtempSync(join(tmpdir(), 'remote-file-'));
      const url = 'https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/application/deployment.yaml';
      writeFileSync(join(root, 'kustomization.yaml'), `resources:\n- ${url}\n`);
      const error = (await render(kustomization(root), undefined, { ...tools(), sealed: true }).catch((e: unknown) => e)) as ToolError;
      expect(error.problem).toBe('failed');
      expect(error.message).toContain('kustomize build failed: in Restricted Mode remote bases and charts are not fetched');
      expect(error.message).toContain('proxyconnect tcp: dial tcp 127.0.0.1:9');
    });

    it('a local kustomization and a chart render as they do unsealed, the programs found on PATH', async () => {
      const onPath: ToolSettings = { paths: {}, pointAt: (tool) => `set kubilitics.${tool}.path`, sealed: true };
      const [overlay, shopChart] = await withPath(`${bin!}:${process.env['PATH']}`, () =>
        Promise.all([
          render(kustomization(join(FIXTURES, 'kustomize/app/overlays/prod')), undefined, onPath),
          render(chart(shop), undefined, onPath),
        ]),
      );
      const plain = await render(kustomization(join(FIXTURES, 'kustomize/app/overlays/prod')));
      expect(described(overlay)).toEqual(described(plain));
      expect(described(shopChart)).toEqual(described(await render(chart(shop))));
      expect(overlay.ranWith).toMatch(/^kustomize v5/);
    });

    it('a setting that names a bare program is looked up on PATH, as unsealed', async () => {
      const bare: ToolSettings = { paths: { helm: 'helm' }, pointAt: (tool) => `set kubilitics.${tool}.path`, sealed: true };
      const result = await withPath(`${bin!}:${process.env['PATH']}`, () => render(chart(shop), undefined, bare));
      expect(described(result)).toEqual(described(await render(chart(shop))));
    });

    it('a program on no PATH is missing, named as such', async () => {
      const onPath: ToolSettings = { paths: {}, pointAt: (tool) => `set kubilitics.${tool}.path`, sealed: true };
      const error = (await withPath(mkdtempSync(join(tmpdir(), 'empty-path-')), () =>
        render(chart(shop), undefined, onPath).catch((e: unknown) => e),
      )) as ToolError;
      expect(error.problem).toBe('missing');
      expect(error.message).toContain('helm was not found on PATH');
    });
  });

  it('a chart copied elsewhere renders the same objects (nothing depends on the repository layout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chart-copy-'));
    cpSync(shop, join(dir, 'shop'), { recursive: true });
    copyFileSync(join(shop, 'values-prod.yaml'), join(dir, 'prod.yaml'));
    const result = await render(chart(join(dir, 'shop')), { valuesFiles: [join(dir, 'prod.yaml')], release: 'r', namespace: 'n' });
    expect(result.set.parsed.objects.map((o) => o.object.kind).sort()).toEqual(['Deployment', 'Service', 'StatefulSet']);
  });
});
