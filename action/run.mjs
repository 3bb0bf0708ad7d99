#!/usr/bin/env node
// The GitHub Action's entry (action.yml): what a pull request changes in the topology, and whether the committed
// diagrams are still true.
//   1. render the head's manifests to a topology export (and the diagram for the summary: Mermaid or SVG);
//   2. render the base commit's manifests the same way, from a git worktree (nothing of it is run, only read);
//   3. `kubilitics diff base head --markdown`: objects, relations, new broken references, by the engine's diff;
//   4. with `check`, `kubilitics render … --check` on the committed outputs;
//   5. Markdown to $GITHUB_STEP_SUMMARY, outputs to $GITHUB_OUTPUT, exit 1 when a diagram is out of date.
// Plain Node and git, no dependencies: it runs straight from the action's checkout. Inputs come as INPUT_* variables
// (action.yml passes them through `env`, never into a shell line); KUBILITICS_CLI is the kubilitics script to run.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SUMMARY_FORMATS = ['mermaid', 'svg', 'none'];
/** GitHub stops drawing a Mermaid block well before a job summary's 1 MiB limit; larger diagrams go as a note. */
export const MAX_INLINE_MERMAID = 50_000;
const EMPTY_EXPORT = JSON.stringify({ format: 'kubilitics-topology', version: 1, title: 'nothing', nodes: [], edges: [] });

/** Splits a list input: by line when it has several lines, else by commas or spaces. */
export function listInput(value, separators = /[\s,]+/) {
  const text = (value ?? '').trim();
  if (text === '') return [];
  const items = text.includes('\n') ? text.split('\n') : text.split(separators);
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** The action's inputs, checked; throws with a message a workflow author can act on. */
export function readInputs(env) {
  const paths = listInput(env.INPUT_PATHS, /\s+/);
  if (paths.length === 0) throw new Error('the "paths" input is required: the manifest files or folders to draw');
  const summary = (env.INPUT_SUMMARY || 'mermaid').trim().toLowerCase();
  if (!SUMMARY_FORMATS.includes(summary)) throw new Error(`"summary" must be one of ${SUMMARY_FORMATS.join(', ')} (got '${summary}')`);
  const check = (env.INPUT_CHECK || 'true').trim().toLowerCase();
  if (check !== 'true' && check !== 'false') throw new Error(`"check" must be true or false (got '${check}')`);
  const args = listInput(env.INPUT_ARGS, /\s+/);
  if (args.some((arg) => arg === '-o' || arg.startsWith('--output') || arg === '--check'))
    throw new Error('put output files in the "outputs" input and use "check", not -o or --check in "args"');
  const cli = env.KUBILITICS_CLI;
  if (!cli || !existsSync(cli)) throw new Error(`KUBILITICS_CLI must name the kubilitics script (got '${cli ?? ''}')`);
  const base = (env.INPUT_BASE ?? '').trim();
  return {
    paths,
    outputs: listInput(env.INPUT_OUTPUTS),
    args,
    check: check === 'true',
    summary,
    // A push that creates a branch has an all-zero "before": there is nothing to compare with.
    base: /^0+$/.test(base) ? '' : base,
    cli: resolve(cli),
  };
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, out: result.stdout, err: result.stderr };
}

function kubilitics(inputs, args, cwd) {
  return run(process.execPath, [inputs.cli, ...args], cwd);
}

function git(args, cwd) {
  const result = run('git', args, cwd);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.err.trim()}`);
  return result.out.trim();
}

/** The head's export, and the diagram for the summary. Throws with the CLI's own message if it cannot render. */
function renderHead(inputs, temp) {
  const exported = join(temp, 'head.json');
  const diagram = inputs.summary === 'none' ? undefined : join(temp, inputs.summary === 'svg' ? 'topology.svg' : 'topology.mmd');
  const outputs = diagram === undefined ? exported : `${exported},${diagram}`;
  const result = kubilitics(inputs, ['render', ...inputs.paths, ...inputs.args, '-o', outputs], process.cwd());
  if (result.code !== 0) throw new Error(`kubilitics render failed:\n${result.err.trim()}`);
  return { exported, diagram };
}

/** Makes sure the base commit is here: a shallow checkout (the default) has only the head. */
function fetchBase(base, cwd) {
  if (run('git', ['cat-file', '-e', `${base}^{commit}`], cwd).code === 0) return;
  git(['fetch', '--no-tags', '--depth=1', 'origin', base], cwd);
}

/**
 * The base commit's export: its manifests rendered with the same paths and flags, from a worktree beside the
 * checkout, at the same place relative to the repository root. A base without those manifests is an empty topology.
 */
function renderBase(inputs, temp) {
  const exported = join(temp, 'base.json');
  const cwd = process.cwd();
  fetchBase(inputs.base, cwd);
  const prefix = git(['rev-parse', '--show-prefix'], cwd);
  const tree = join(temp, 'base');
  git(['worktree', 'add', '--detach', tree, inputs.base], cwd);
  try {
    const here = join(tree, prefix);
    const present = inputs.paths.filter((path) => existsSync(resolve(here, path)));
    const result = present.length === 0 ? undefined : kubilitics(inputs, ['render', ...present, ...inputs.args, '-o', exported], here);
    if (result?.code === 0) return { exported, note: undefined };
    writeFileSync(exported, EMPTY_EXPORT);
    const why = result === undefined ? 'has none of these paths' : `did not render (${lastLine(result.err)})`;
    return { exported, note: `The base commit ${why}: everything counts as added.` };
  } finally {
    git(['worktree', 'remove', '--force', tree], cwd);
  }
}

function lastLine(text) {
  return text.trim().split('\n').at(-1) ?? '';
}

/** `render --check` on the committed outputs: the files out of date, and the CLI's own lines for the log. */
function checkOutputs(inputs) {
  const result = kubilitics(inputs, ['render', ...inputs.paths, ...inputs.args, '-o', inputs.outputs.join(','), '--check'], process.cwd());
  const stale = [...result.err.matchAll(/^out of date: (.*?) (?:does not exist|does not match the manifests)$/gm)].map((m) => m[1]);
  if (result.code !== 0 && stale.length === 0) throw new Error(`kubilitics render --check failed:\n${result.err.trim()}`);
  return { stale, log: `${result.out}${result.err}` };
}

function command(inputs) {
  const quote = (arg) => (/^[\w./,=:@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
  return ['npx', 'kubilitics', 'render', ...inputs.paths, ...inputs.args, '-o', inputs.outputs.join(',')].map(quote).join(' ');
}

function statusSection(inputs, checked) {
  if (checked === undefined) return inputs.check ? ['No `outputs` to check: only the changes are shown.', ''] : [];
  if (checked.stale.length === 0)
    return [`✅ The committed diagrams are up to date: ${inputs.outputs.map((o) => `\`${o}\``).join(', ')}.`, ''];
  return [
    `❌ **Out of date:** ${checked.stale.map((o) => `\`${o}\``).join(', ')}. To update, run:`,
    '',
    '```sh',
    command(inputs),
    '```',
    '',
  ];
}

function diagramSection(inputs, diagram) {
  if (diagram === undefined) return [];
  if (inputs.summary === 'svg')
    return ['#### Diagram', '', `The new diagram is attached to this run as the artifact \`kubilitics-topology\` (\`topology.svg\`).`, ''];
  const mermaid = readFileSync(diagram, 'utf8');
  if (mermaid.length > MAX_INLINE_MERMAID)
    return ['#### Diagram', '', `The Mermaid diagram (${mermaid.length} characters) is too large to show here; use \`summary: svg\`.`, ''];
  return ['#### Diagram', '', '```mermaid', mermaid.trimEnd(), '```', ''];
}

/** The job summary: status, what changed since the base, the diagram. */
export function summaryMarkdown({ inputs, checked, changes, baseNote, diagram }) {
  const against = inputs.base ? `Compared with the base commit \`${inputs.base.slice(0, 12)}\`.` : 'No base commit to compare with.';
  return [
    '## Kubilitics topology',
    '',
    ...statusSection(inputs, checked),
    against,
    ...(baseNote ? ['', baseNote] : []),
    '',
    ...(changes ? [changes.trimEnd(), ''] : []),
    ...diagramSection(inputs, diagram),
  ].join('\n');
}

function compare(inputs, temp, head) {
  if (!inputs.base) return { changes: undefined, changed: false, baseNote: undefined };
  const base = renderBase(inputs, temp);
  const markdown = join(temp, 'changes.md');
  const heading = 'What this change does to the topology';
  const diff = kubilitics(inputs, ['diff', base.exported, head.exported, '--markdown', markdown, '--heading', heading], process.cwd());
  if (diff.code === 2) throw new Error(`kubilitics diff failed:\n${diff.err.trim()}`);
  return { changes: readFileSync(markdown, 'utf8'), changed: diff.code === 1, baseNote: base.note, log: diff.out };
}

function setOutputs(env, values) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(
    env.GITHUB_OUTPUT,
    Object.entries(values)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
}

/** Runs the action; returns the exit code. */
export function main(env = process.env, log = console) {
  try {
    const inputs = readInputs(env);
    const temp = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'kubilitics-'));
    const head = renderHead(inputs, temp);
    const compared = compare(inputs, temp, head);
    const checked = inputs.check && inputs.outputs.length > 0 ? checkOutputs(inputs) : undefined;
    const markdown = summaryMarkdown({ inputs, checked, changes: compared.changes, baseNote: compared.baseNote, diagram: head.diagram });
    const summaryFile = join(temp, 'summary.md');
    writeFileSync(summaryFile, markdown);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    const outOfDate = (checked?.stale.length ?? 0) > 0;
    setOutputs(env, { changed: compared.changed, 'out-of-date': outOfDate, summary: summaryFile, diagram: head.diagram ?? '' });
    log.log([compared.log, checked?.log].filter(Boolean).join('\n').trimEnd() || markdown);
    if (!outOfDate) return 0;
    log.log(`::error title=Kubilitics::Out of date: ${checked.stale.join(', ')}. Run: ${command(inputs)}`);
    return 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `## Kubilitics topology\n\n❌ ${message}\n`);
    log.error(`::error title=Kubilitics::${message.split('\n').join('%0A')}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main();
