/**
 * The GitHub Action's entry script (action/run.mjs), run as the action runs it: a child `node` process in a real git
 * checkout, with the built CLI, INPUT_* variables, and temporary files as $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT.
 * The repository has a base commit (the shop example and its committed diagrams) and a head commit that adds a
 * Deployment whose ConfigMap does not exist; the checkout is a shallow clone, as actions/checkout makes, so the
 * script has to fetch the base itself.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuildOptions } from '../../scripts/build.mjs';
import { WORKER } from '../cli/workerManifest.js';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'action/run.mjs');
// Next to the project's node_modules, where the bundle finds the packages it leaves external.
const CLI = join(ROOT, 'out/action-test/cli.js');
const OUTPUTS = 'docs/topology.svg,docs/topology.json';

let dir: string;
let origin: string;
let baseSha: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

function kubilitics(cwd: string, ...args: string[]): void {
  execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

interface ActionRun {
  readonly code: number;
  readonly log: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
}

/** A fresh shallow clone of the origin's head (actions/checkout's default), and the action run in it. */
function runAction(name: string, inputs: Record<string, string>): ActionRun {
  const work = join(dir, name);
  git(dir, 'clone', '--quiet', '--depth=1', `file://${origin}`, work);
  const summaryFile = join(dir, `${name}-summary.md`);
  const outputFile = join(dir, `${name}-output.txt`);
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const runnerTemp = join(dir, `${name}-temp`);
  mkdirSync(runnerTemp);
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? dir,
    KUBILITICS_CLI: CLI,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
    ...inputs,
  };
  const result = spawnSync(process.execPath, [SCRIPT], { cwd: work, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  // The base worktree is gone again: only the checkout itself is listed.
  expect(git(work, 'worktree', 'list').split('\n')).toHaveLength(1);
  return { code: result.status ?? -1, log: `${result.stdout}${result.stderr}`, summary: readFileSync(summaryFile, 'utf8'), outputs };
}

beforeAll(async () => {
  const [cli] = nodeBuildOptions().filter((o) => String(o.outfile).endsWith('cli.js'));
  await esbuild.build({ ...cli, outfile: CLI, logLevel: 'error' });
  dir = mkdtempSync(join(tmpdir(), 'kubilitics-action-'));
  origin = join(dir, 'origin');
  mkdirSync(origin);
  git(origin, 'init', '--quiet', '--initial-branch=main');
  git(origin, 'config', 'user.email', 'ci@example.com');
  git(origin, 'config', 'user.name', 'CI');
  git(origin, 'config', 'commit.gpgsign', 'false');
  // Fetching a commit by its id from this "remote", as GitHub allows.
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  cpSync(join(ROOT, 'examples/shop'), join(origin, 'deploy/shop'), { recursive: true });
  kubilitics(origin, 'render', 'deploy/shop', '-o', OUTPUTS);
  git(origin, 'add', '.');
  git(origin, 'commit', '--quiet', '-m', 'base: the shop and its diagrams');
  baseSha = git(origin, 'rev-parse', 'HEAD');
  appendFileSync(join(origin, 'deploy/shop/20-api.yaml'), WORKER);
  git(origin, 'commit', '--quiet', '-am', 'head: a worker whose ConfigMap is missing');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the action entry script', () => {
  it('fails on a stale diagram with the changes since the base, the fix and the new diagram in the job summary', () => {
    const run = runAction('stale', { INPUT_PATHS: 'deploy/shop', INPUT_OUTPUTS: OUTPUTS, INPUT_BASE: baseSha });
    expect(run.code).toBe(1);
    expect(run.summary).toContain('❌ **Out of date:** `docs/topology.svg`, `docs/topology.json`. To update, run:');
    expect(run.summary).toContain('```sh\nnpx kubilitics render deploy/shop -o docs/topology.svg,docs/topology.json\n```');
    expect(run.summary).toContain(`Compared with the base commit \`${baseSha.slice(0, 12)}\`.`);
    expect(run.summary).toContain('### What this change does to the topology');
    expect(run.summary).toContain('**1 object added, 2 relations added, 1 new broken reference**');
    expect(run.summary).toContain(
      '#### New broken references (1)\n\n- `Deployment shop/worker` **env** → `ConfigMap shop/worker-settings` — broken (missing)',
    );
    expect(run.summary).toContain('#### Objects added (1)\n\n- `Deployment shop/worker`');
    expect(run.summary).toMatch(/#### Diagram\n\n```mermaid\n%%.*\nflowchart LR\n[\s\S]*worker[\s\S]*\n```/);
    expect(run.outputs).toMatchObject({ changed: 'true', 'out-of-date': 'true' });
    expect(readFileSync(run.outputs['summary']!, 'utf8')).toBe(run.summary.trimEnd() + '\n');
    expect(run.outputs['diagram']).toMatch(/topology\.mmd$/);
    // The log has the CLI's own lines, and an error annotation GitHub shows on the run.
    expect(run.log).toContain('out of date: docs/topology.json does not match the manifests');
    expect(run.log).toContain('::error title=Kubilitics::Out of date: docs/topology.svg, docs/topology.json.');
  });

  it('passes once the diagrams are updated, still telling what changed since the base', () => {
    const update = join(dir, 'update');
    git(dir, 'clone', '--quiet', origin, update);
    kubilitics(update, 'render', 'deploy/shop', '-o', OUTPUTS);
    git(
      update,
      '-c',
      'user.email=ci@example.com',
      '-c',
      'user.name=CI',
      '-c',
      'commit.gpgsign=false',
      'commit',
      '--quiet',
      '-am',
      'diagrams updated',
    );
    git(update, 'push', '--quiet', 'origin', 'HEAD:refs/heads/updated');
    git(origin, 'checkout', '--quiet', 'updated');
    try {
      const run = runAction('fresh', { INPUT_PATHS: 'deploy/shop', INPUT_OUTPUTS: OUTPUTS, INPUT_BASE: baseSha, INPUT_SUMMARY: 'svg' });
      expect(run.code).toBe(0);
      expect(run.summary).toContain('✅ The committed diagrams are up to date: `docs/topology.svg`, `docs/topology.json`.');
      expect(run.summary).toContain('**1 object added, 2 relations added, 1 new broken reference**');
      expect(run.summary).toContain('attached to this run as the artifact `kubilitics-topology`');
      expect(run.summary).not.toContain('```mermaid');
      expect(run.outputs).toMatchObject({ changed: 'true', 'out-of-date': 'false' });
      expect(readFileSync(run.outputs['diagram']!, 'utf8')).toMatch(/^<svg|^<\?xml/);
    } finally {
      git(origin, 'checkout', '--quiet', 'main');
    }
  });

  it('counts everything as added when the base has none of the manifests', () => {
    const first = git(origin, 'rev-list', '--max-parents=0', 'HEAD');
    const empty = git(origin, 'commit-tree', '-m', 'empty', git(origin, 'hash-object', '-t', 'tree', '/dev/null'));
    expect(first).toBe(baseSha);
    git(origin, 'update-ref', 'refs/heads/empty', empty);
    const run = runAction('new', { INPUT_PATHS: 'deploy/shop', INPUT_CHECK: 'false', INPUT_BASE: empty, INPUT_SUMMARY: 'none' });
    expect(run.code).toBe(0);
    expect(run.summary).toContain('The base commit has none of these paths: everything counts as added.');
    expect(run.summary).toMatch(/\*\*\d+ objects added, \d+ relations added, \d+ new broken references\*\*/);
    expect(run.summary).not.toContain('#### Diagram');
    expect(run.outputs).toMatchObject({ changed: 'true', 'out-of-date': 'false', diagram: '' });
  });

  it('says what is wrong with its inputs, in the summary and the log', () => {
    const run = runAction('bad', { INPUT_PATHS: 'deploy/shop', INPUT_SUMMARY: 'png' });
    expect(run.code).toBe(1);
    expect(run.summary).toContain(`❌ "summary" must be one of mermaid, svg, none (got 'png')`);
    expect(run.log).toContain('::error title=Kubilitics::"summary" must be one of');
    const missing = runAction('missing', { INPUT_PATHS: 'deploy/nothing-here', INPUT_BASE: baseSha });
    expect(missing.code).toBe(1);
    expect(missing.summary).toContain('kubilitics render failed:');
    expect(missing.summary).toContain('no such file or folder: deploy/nothing-here');
    expect(existsSync(join(dir, 'missing', 'docs/topology.svg'))).toBe(true);
  });
});
