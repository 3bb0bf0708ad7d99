/**
 * The npm package as a user gets it: `npm pack` (its prepack build, .npmignore) on a copy of the project, the tarball
 * installed into an empty folder outside it (so nothing resolves from the project's node_modules), and the installed
 * `kubilitics` run there: --version, summary, render of every kind of output (PNG needs the resvg addon and the Inter
 * fonts, PDF pdfkit's data), --check up to date and stale, and a bad flag. The registry is only asked for what the
 * npm cache lacks (--prefer-offline). Slow by nature (a production build and an install): no timing is asserted.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const exec = promisify(execFile);
/** What `npm pack` reads and its prepack build needs; the rest of the project (tests, benchmarks) stays behind. */
const PROJECT_ENTRIES = [
  'package.json',
  '.npmignore',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'tsconfig.json',
  'src',
  'scripts',
  'examples',
];
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let dir: string;
let installed: string;
let bin: string;
let packedFiles: string[];

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function kubilitics(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(bin, args, { cwd: installed });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubilitics-pack-'));
  const project = join(dir, 'project');
  for (const entry of PROJECT_ENTRIES) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  // The prepack build bundles from the project's packages; the installed package must not see them.
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const packed = await exec('npm', ['pack', '--json', '--pack-destination', dir], { cwd: project, maxBuffer: 16 * 1024 * 1024 });
  // The prepack build prints its own line first; npm's JSON starts on a line of its own.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[$/m))) as [{ filename: string; files: { path: string }[] }];
  packedFiles = info.files.map((file) => file.path).sort();
  installed = join(dir, 'user');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{"name": "a-user", "private": true}\n');
  await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, info.filename)], { cwd: installed });
  bin = join(installed, 'node_modules', '.bin', 'kubilitics');
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the CLI bundle, the data it reads and the example, and nothing else', () => {
    expect(packedFiles).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/data/sRGB_IEC61966_2_1.icc',
      ...readdirSync(join(ROOT, 'examples/shop'))
        .map((file) => `examples/shop/${file}`)
        .sort(),
      'package.json',
    ]);
    // A production build: no source map comment pointing at a file the package does not have.
    expect(readFileSync(join(installed, 'node_modules/kubilitics/dist/cli.js'), 'utf8')).not.toContain('sourceMappingURL');
  });

  it('runs as `kubilitics` from its bin (a shebang, no VS Code): --version, summary, and the demo example', async () => {
    expect(await kubilitics('--version')).toEqual({ code: 0, out: `${PACKAGE.version}\n`, err: '' });
    const npx = await exec('npx', ['--no-install', 'kubilitics', '--version'], { cwd: installed });
    expect(npx.stdout).toBe(`${PACKAGE.version}\n`);
    const summary = await kubilitics('summary', 'node_modules/kubilitics/examples/shop');
    expect(summary.code).toBe(0);
    expect(summary.out).toMatch(/^6 files, \d+ objects → \d+ nodes, \d+ edges/);
  }, 120_000);

  it('renders every format, checks up to date (0) and stale (1), and refuses a bad flag (2)', async () => {
    const shop = 'node_modules/kubilitics/examples/shop';
    const outputs = 'out/shop.svg,out/shop.png,out/shop.pdf,out/shop.json,out/shop.mmd';
    const render = await kubilitics('render', shop, '-o', outputs);
    expect(render.err).toBe('');
    expect(render.code).toBe(0);
    for (const file of outputs.split(',')) expect(render.out).toContain(`wrote ${file}`);
    expect(readFileSync(join(installed, 'out/shop.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(installed, 'out/shop.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const upToDate = await kubilitics('render', shop, '-o', 'out/shop.svg,out/shop.json', '--check');
    expect(upToDate).toMatchObject({ code: 0 });
    expect(upToDate.out).toContain('up to date: out/shop.svg');

    writeFileSync(
      join(installed, 'out/shop.json'),
      readFileSync(join(installed, 'out/shop.json'), 'utf8').replace(/"name": "api"/g, '"name": "old-api"'),
    );
    const stale = await kubilitics('render', shop, '-o', 'out/shop.svg,out/shop.json', '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('out of date: out/shop.json does not match the manifests');
    expect(stale.err).toContain('topology changes:');

    const bad = await kubilitics('render', shop, '-o', 'out/x.svg', '--no-such-flag');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("kubilitics: Unknown option '--no-such-flag'");
    expect(bad.err).toContain('Exit codes: 0 done, 1 failure or out of date, 2 bad command line.');
  }, 120_000);
});
