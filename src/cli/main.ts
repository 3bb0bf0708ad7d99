import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { EXPORT_FORMATS, FORMAT_EXTENSION } from '../engine/export/formats.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from '../engine/intake/limits.js';
import { diffCommand } from './diffCommand.js';
import { findingsReport } from './findingsReport.js';
import { LIMIT_OPTIONS, parseLimitFlags } from './limitArgs.js';
import { parseRenderArgs, parseRenderSourceFlags, RENDER_SOURCE_OPTIONS, type RenderSourceFlags } from './renderArgs.js';
import type { CliIo } from './renderCommand.js';
import { consoleIo, runRender } from './renderCommand.js';
import { topologyFromCliPaths } from './renderSources.js';

export const USAGE = `Usage:
  kubilitics summary <files|folders|charts…>      what the manifests contain and what is wrong with them
  kubilitics render <files|folders|charts…> -o FILE…
                                                  draw the topology into files, format by extension:
                                                  .svg .png .pdf .json .yaml .mmd (Mermaid) .dot (Graphviz)
  kubilitics diff BEFORE.json AFTER.json          what changed between two topology exports (render -o FILE.json):
                                                  objects, relations, new broken references; --markdown FILE
  kubilitics demo                                 render the bundled example into ./kubilitics-demo/
  kubilitics --version                            the version

A Helm chart (a folder with Chart.yaml) is rendered with \`helm template\`, a kustomization (a folder with
kustomization.yaml) with \`kustomize build\` (or \`kubectl kustomize\`); each object names its template or overlay file.
Charts and kustomizations (render and summary):
  -f, --values FILE            a values file for the charts, after the chart's values.yaml; repeatable
  --release NAME               the release name (default "release")
  --release-namespace NS       the release's namespace (default: --default-namespace)
  --helm PATH, --kustomize PATH, --kubectl PATH
                               the program to run (default: found on PATH; kubectl kustomize when there is
                               no kustomize); needs helm >= 3.10, kustomize >= 5.0 or kubectl >= 1.27

Limits (render and summary), for untrusted or very large folders; what is over a limit is skipped with a note:
  --max-file-mb MB             bytes of one manifest file (default 10)
  --max-total-mb MB            bytes of all manifest files together (default 25)
  --max-objects N              objects read in one run (default 200000)

Render options:
  -o, --output FILE[,FILE…]    output file(s); repeatable
  -n, --namespace NS           show only this namespace; repeatable ("(cluster-scoped)" for cluster objects)
  -k, --kind KIND              show only this kind; repeatable
  --group-by namespace|none    namespace boxes (default) or none
  --collapse-pods / --no-collapse-pods
                               fold pods into one node per owner, as the view does (default), or show each
  --level namespace|application|workload|object|auto
                               level of detail: one summary node per namespace, one per application
                               (app.kubernetes.io/part-of or instance), workloads with what they run folded
                               (default), or every object; auto picks namespace above 300 objects
  --theme document|light|dark|high-contrast
                               colours (default: document, a light theme for docs and paper)
  --scale 1-4 | --width PX     PNG size: pixels per diagram pixel (default 1), or the image width
  --page a4|letter             PDF paper (default a4)
  --orientation auto|landscape|portrait
                               PDF orientation (default auto: whichever prints larger); a diagram whose
                               node labels would print under 6 pt on one page is tiled across pages
  --title TEXT                 title for the diagram (default: "Topology of <folder>")
  --now ISO-TIME               time in the PDF title block (default: SOURCE_DATE_EPOCH, else now)
  --default-namespace NS       namespace of manifests that name none (default "default")
  --check                      write nothing; exit 1 if a file is missing or differs from what would be written
                               (with a .json or .yaml export among the outputs, the topology changes are listed)

Exit codes: 0 done, 1 failure or out of date, 2 bad command line.
diff: 0 the same, 1 different, 2 bad command line or a file that is not an export.`;

/** The headless `kubilitics` command: the engine without VS Code. Exit codes: 0 ok, 1 failure, 2 usage. */
export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'summary':
      return summaryCommand(rest, io);
    case 'render': {
      const parsed = parseRenderArgs(rest);
      return parsed.ok ? runRender(parsed.value, version, io) : usage(io, parsed.problem);
    }
    case 'diff':
      return diffCommand(rest, io);
    case 'demo':
      return demo(io);
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    case '--version':
    case '-v':
    case 'version':
      io.out(version);
      return 0;
    default:
      return usage(io, command ? `unknown command '${command}'` : undefined);
  }
}

function usage(io: CliIo, problem?: string): number {
  if (problem) io.err(`kubilitics: ${problem}`);
  io.err(USAGE);
  return 2;
}

async function summaryCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { 'default-namespace': { type: 'string', default: 'default' }, ...LIMIT_OPTIONS, ...RENDER_SOURCE_OPTIONS },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length === 0) return usage(io, 'summary needs <files|folders…>');
  const limits = parseLimitFlags(parsed.values);
  if (!limits.ok) return usage(io, limits.problem);
  const sources = parseRenderSourceFlags(parsed.values);
  if (!sources.ok) return usage(io, sources.problem);
  return summary(parsed.positionals, parsed.values['default-namespace'] ?? 'default', io, limits.value, sources.value);
}

async function summary(
  paths: readonly string[],
  defaultNamespace: string,
  io: CliIo,
  limits: IntakeLimits,
  sources?: RenderSourceFlags,
): Promise<number> {
  const sourced = await topologyFromCliPaths(paths, { defaultNamespace, root: process.cwd(), limits, ...(sources ? { sources } : {}) });
  if (!sourced.ok) {
    io.err(`kubilitics: ${sourced.problem}`);
    return 1;
  }
  const { topology } = sourced;
  const graph = topology.engine.graph();
  io.out(
    `${topology.manifests.files.length} files, ${topology.manifests.objects.length} objects → ` +
      `${graph.nodes.length} nodes, ${graph.edges.length} edges`,
  );
  const counts = new Map<string, number>();
  for (const edge of graph.edges) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  io.out(
    `relations: ${[...counts]
      .sort()
      .map(([type, count]) => `${type} ${count}`)
      .join(', ')}`,
  );
  for (const line of findingsReport(topology.findings)) io.out(line);
  return topology.manifests.objects.length > 0 ? 0 : 1;
}

/** The bundled example: next to dist/ when run from the build, two levels up when run from the sources. */
function exampleFolder(): string {
  const candidates = [resolve(__dirname, '..', 'examples', 'shop'), resolve(__dirname, '..', '..', 'examples', 'shop')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The example breaks references on purpose; a first-time reader should not think the demo itself is broken. */
export const DEMO_INTRO = `The shop example (examples/shop) leaves some references broken on purpose — a missing ConfigMap, Secrets,
a RuntimeClass, a webhook Service, a Service that selects nothing — to show how Kubilitics reports them.
The warnings and notes below are those deliberate ones.
`;

async function demo(io: CliIo): Promise<number> {
  const example = exampleFolder();
  const out = resolve('kubilitics-demo');
  io.out(DEMO_INTRO);
  const status = await summary([example], 'default', io, DEFAULT_INTAKE_LIMITS);
  if (status !== 0) return status;
  const outputs = EXPORT_FORMATS.map((format) => ({ path: join(out, `shop${FORMAT_EXTENSION[format]}`), format }));
  const code = await runRender(
    {
      paths: [relative(process.cwd(), example) || '.'],
      outputs,
      defaultNamespace: 'default',
      choices: {},
      theme: 'document',
      scale: 2,
      page: 'a4',
      orientation: 'auto',
      title: 'Shop example',
      check: false,
      limits: DEFAULT_INTAKE_LIMITS,
    },
    version,
    io,
  );
  if (code === 0) io.out(`\nThe diagrams are in ${out}/ — open shop.svg or shop.pdf, or paste shop.mmd into a Markdown file.`);
  return code;
}
