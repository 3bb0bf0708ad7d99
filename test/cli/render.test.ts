/**
 * `kubilitics render`, `--check` and the demo, through `main()` with captured output, and once through
 * the built bundle in a child process as a user would run it.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuildOptions } from '../../scripts/build.mjs';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/renderCommand.js';
import { pdfCreationDate } from '../../src/cli/renderCommand.js';
import { stubLine } from '../../src/engine/export/legend.js';

const ROOT = resolve(__dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/shop');
const NOW = '2025-01-31T12:00:00Z';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubilitics-cli-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kubilitics render', () => {
  it('writes every format and says where', async () => {
    const files = ['a.svg', 'a.png', 'a.pdf', 'a.json', 'a.yaml', 'a.mmd', 'a.dot'].map((f) => join(dir, 'all', f));
    const result = await run(
      'render',
      EXAMPLE,
      '-o',
      files.slice(0, 3).join(','),
      '-o',
      files[3]!,
      '--output',
      files.slice(4).join(','),
      '--now',
      NOW,
      '--scale',
      '2',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    for (const file of files) {
      expect(existsSync(file), file).toBe(true);
      expect(result.out).toContain(`wrote ${file} (`);
    }
    expect(pdfCreationDate(readFileSync(files[2]!))).toBe('2025-01-31T12:00:00.000Z');
  });

  it('applies namespace, kind, grouping and collapse flags', async () => {
    const file = join(dir, 'filtered.json');
    const result = await run(
      'render',
      EXAMPLE,
      '-o',
      file,
      '-n',
      'shop',
      '--namespace',
      'payments',
      '-k',
      'Deployment,Service',
      '--group-by',
      'none',
      '--no-collapse-pods',
    );
    expect(result.code).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: { namespace: string; kind: string }[];
      groups: unknown[];
      filters: string[];
    };
    expect(new Set(data.nodes.map((n) => n.namespace))).toEqual(new Set(['shop', 'payments']));
    expect(new Set(data.nodes.map((n) => n.kind))).toEqual(new Set(['Deployment', 'Service']));
    expect(data.groups).toEqual([]);
    expect(data.filters).toEqual(['namespaces: payments, shop', 'kinds: Deployment, Service', 'not grouped by namespace']);
  });

  it('--level namespace draws one summary per namespace and infrastructure family, carrying every object', async () => {
    const file = join(dir, 'levels.json');
    const svg = join(dir, 'levels.svg');
    const result = await run('render', EXAMPLE, '-o', `${file},${svg}`, '--level', 'namespace');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: { id: string; members?: string[] }[];
      edges: { id: string; count?: number }[];
      view: { level: string };
      filters: string[];
    };
    expect(data.view.level).toBe('namespace');
    expect(data.filters).toContain('level: namespace');
    expect(data.nodes.length).toBeGreaterThan(0);
    expect(data.nodes.every((n) => n.id.startsWith('nsc:') || n.id.startsWith('infra:'))).toBe(true);
    // Each line between two summaries carries its count in the data. Drawn straight, those lines crossed the summaries
    // between their ends, so drawings draw them short at their source, with the far end and count named, and say so.
    const counted = data.edges.filter((e) => e.count !== undefined);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.every((e) => (e.count ?? 0) >= 1)).toBe(true);
    const drawn = readFileSync(svg, 'utf8');
    expect(drawn).toContain(stubLine(counted.length));
    expect(drawn).not.toContain('not drawn');
    expect(drawn.match(/<g data-stub="/g)?.length ?? 0).toBeGreaterThan(0);
    expect(drawn).toMatch(/→ NAMESPACE [a-z-]+ \(\d+\)/);
    expect(drawn).not.toMatch(/<text x="[^"]+" y="[^"]+" font-size="10" text-anchor="middle"[^>]*>\d+<\/text>/);
    const objects = await run('render', EXAMPLE, '-o', join(dir, 'objects.json'), '--level', 'object');
    expect(objects.code).toBe(0);
    const all = JSON.parse(readFileSync(join(dir, 'objects.json'), 'utf8')) as { nodes: unknown[] };
    expect(data.nodes.reduce((sum, n) => sum + (n.members?.length ?? 1), 0)).toBe(all.nodes.length);
    expect((await run('render', EXAMPLE, '-o', file, '--level', 'pods')).err).toContain('--level must be one of');
  });

  it('--level application draws the example app in its namespace box beside the rest, carrying every object', async () => {
    const file = join(dir, 'apps.json');
    const result = await run('render', EXAMPLE, '-o', file, '--level', 'application');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: { id: string; group?: string; members?: string[] }[];
      view: { level: string };
      filters: string[];
    };
    expect(data.view.level).toBe('application');
    expect(data.filters).toContain('level: application');
    // The shop's Deployments say part-of=shop; their Services, ConfigMaps, Secrets and ServiceAccounts join them.
    const app = data.nodes.find((n) => n.id === 'app:shop/shop');
    expect(app?.group).toBe('ns:shop');
    expect(app?.members).toEqual(expect.arrayContaining(['apps/Deployment/shop/api', 'core/Service/shop/frontend']));
    expect(data.nodes.find((n) => n.id === 'nsc:shop')?.members).toContain('apps/StatefulSet/shop/postgres');
    const objects = await run('render', EXAMPLE, '-o', join(dir, 'apps-objects.json'), '--level', 'object');
    const all = JSON.parse(readFileSync(join(dir, 'apps-objects.json'), 'utf8')) as { nodes: unknown[] };
    expect(objects.code).toBe(0);
    expect(data.nodes.reduce((sum, n) => sum + (n.members?.length ?? 1), 0)).toBe(all.nodes.length);
  });

  it('--check passes when the files match the manifests and fails once they change', async () => {
    const manifests = join(dir, 'manifests');
    cpSync(EXAMPLE, manifests, { recursive: true });
    const outputs = ['docs/topology.svg', 'docs/topology.json', 'docs/topology.mmd', 'docs/topology.pdf'].map((f) => join(dir, f));
    // No --now: the PDF gets the current time, and the check reads it back from the file.
    expect((await run('render', manifests, '-o', outputs.join(','))).code).toBe(0);
    const fresh = await run('render', manifests, '-o', outputs.join(','), '--check');
    expect(fresh.err).toBe('');
    expect(fresh.code).toBe(0);
    expect(fresh.out.split('\n')).toEqual(outputs.map((o) => `up to date: ${o}`));
    const file = join(manifests, '20-api.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/name: search\b/, 'name: search-v2'));
    const stale = await run('render', manifests, '-o', outputs.join(','), '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`out of date: ${outputs[0]} does not match the manifests`);
    expect(stale.err).toContain('run the same command without --check to update');
    const missing = await run('render', manifests, '-o', join(dir, 'nowhere.svg'), '--check');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nowhere.svg does not exist');
  });

  it.each([
    [['render'], 2, 'render needs the manifests to draw'],
    [['render', EXAMPLE], 2, 'render needs at least one output: -o FILE'],
    [['render', EXAMPLE, '-o', 'x.bmp'], 2, "x.bmp': use one of .svg, .png, .pdf, .json, .yaml, .yml, .mmd, .mermaid, .dot, .gv"],
    [['render', EXAMPLE, '-o', 'x.png', '--scale', '9'], 2, '--scale must be a number from 1 to 4'],
    [['render', EXAMPLE, '-o', 'x.png', '--scale', '2', '--width', '800'], 2, 'use --scale or --width'],
    [['render', EXAMPLE, '-o', 'x.svg', '--theme', 'solarized'], 2, '--theme must be one of document, light, dark, high-contrast'],
    [['render', EXAMPLE, '-o', 'x.pdf', '--page', 'a3'], 2, '--page must be one of a4, letter'],
    [['render', EXAMPLE, '-o', 'x.svg', '--now', 'yesterday'], 2, "--now 'yesterday' is not a date and time"],
    [['render', EXAMPLE, '-o', 'x.svg', '--colour', 'red'], 2, "Unknown option '--colour'"],
    [['render', 'no/such/folder', '-o', 'x.svg'], 1, 'no such file or folder: no/such/folder'],
    [
      ['render', EXAMPLE, '-o', 'x.svg', '-n', 'prod'],
      1,
      "the manifests have no namespace 'prod' (namespaces: (cluster-scoped), infra, payments, shop)",
    ],
    [['render', EXAMPLE, '-o', 'x.svg', '-k', 'Widget'], 1, "the manifests have no kind 'Widget'"],
    [['frobnicate'], 2, "unknown command 'frobnicate'"],
  ])('%j exits %i: %s', async (argv, code, message) => {
    const result = await run(...argv.map((a) => (a.startsWith('x.') ? join(dir, a) : a)));
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(result.out).toBe('');
  });

  it('fails clearly on a folder without Kubernetes objects', async () => {
    const empty = join(dir, 'empty');
    cpSync(join(ROOT, 'src/engine/export'), empty, { recursive: true, filter: (src) => !src.endsWith('.json') });
    const result = await run('render', empty, '-o', join(dir, 'e.svg'));
    expect(result.code).toBe(1);
    expect(result.err).toContain(`no Kubernetes objects found in ${empty}`);
  });

  it('draws a ConfigMap a kustomization generates as made outside the files, not as a broken reference', async () => {
    const svgFile = join(dir, 'generated.svg');
    const result = await run('render', join(ROOT, 'test/fixtures/kustomize/patched'), '-o', svgFile, '--now', NOW);
    expect(result.code).toBe(0);
    const svg = readFileSync(svgFile, 'utf8');
    const generated = /<g data-id="core\/ConfigMap\/default\/web-settings"><path [^>]*stroke="([^"]+)"/.exec(svg);
    expect(generated?.[1]).toBe('#59636e'); // the muted grey of the legend's "Made outside the files", not the error red
    expect(svg).toMatch(/<title>Deployment web [^<]*ConfigMap web-settings<\/title>/);
    expect(svg).not.toContain('broken reference');
    // The legend keys the families drawn, and only those.
    expect(svg).toContain('>Made outside the files (generated, external)<');
    expect(svg).toContain('>Workloads<');
    expect(svg).not.toContain('>Missing (referenced, not found)<');
    expect(svg).not.toContain('>Custom resources<');
  });
});

describe('the built kubilitics command', () => {
  const bundle = join(ROOT, 'out/cli-test/cli.js');
  const exec = promisify(execFile);

  beforeAll(async () => {
    const [cli] = nodeBuildOptions().filter((o) => String(o.outfile).endsWith('cli.js'));
    await esbuild.build({ ...cli, outfile: bundle, logLevel: 'error' });
  });

  it('renders with Node alone and exits 2 with the usage on bad input', async () => {
    const svg = join(dir, 'bundle.svg');
    const ok = await exec('node', [bundle, 'render', EXAMPLE, '-o', svg]);
    expect(ok.stdout).toContain(`wrote ${svg} (svg,`);
    const bad = await exec('node', [bundle, 'render', EXAMPLE]).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain('Usage:');
  });

  it('renders the bundled example for `npm run demo` and prints where the files are', async () => {
    const cwd = join(dir, 'demo');
    cpSync(EXAMPLE, join(cwd, 'ignored'), { recursive: true });
    const { stdout } = await exec('node', [bundle, 'demo'], { cwd });
    const files = readdirSync(join(cwd, 'kubilitics-demo')).sort();
    expect(files).toEqual(['shop.dot', 'shop.json', 'shop.mmd', 'shop.pdf', 'shop.png', 'shop.svg', 'shop.yaml']);
    for (const file of files) expect(stdout).toContain(join(cwd, 'kubilitics-demo', file));
    // The example's broken references are deliberate, and the demo says so before it lists them.
    expect(stdout.indexOf('broken on purpose')).toBeGreaterThan(-1);
    expect(stdout.indexOf('broken on purpose')).toBeLessThan(stdout.indexOf('problems: 7 warnings, 4 notes'));
  }, 60_000);
});
