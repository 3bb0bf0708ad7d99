import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeInsights } from '../engine/insights.js';
import { topologyFromPaths } from '../engine/topology.js';
import { serializeGraph } from '../engine/graph/validate.js';

const USAGE = `Usage:
  kubilitics summary <files|folders…>          print what the manifests contain and what is wrong with them
  kubilitics render <files|folders…> -o FILE   write the topology (.json)
  kubilitics demo                              render the bundled example into ./kubilitics-demo/`;

/** The headless `kubilitics` command: the engine without VS Code. Exit codes: 0 ok, 1 failure, 2 usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
    output: { type: 'string', short: 'o' },
    namespace: { type: 'string', default: 'default' },
  } });
  switch (command) {
    case 'summary':
      return summary(positionals, values.namespace!);
    case 'render':
      if (!values.output || positionals.length === 0) return usage('render needs <files|folders…> and -o FILE');
      return render(positionals, values.output, values.namespace!);
    case 'demo':
      return demo();
    default:
      return usage(command ? `unknown command '${command}'` : undefined);
  }
}

function usage(problem?: string): number {
  if (problem) console.error(`kubilitics: ${problem}`);
  console.error(USAGE);
  return 2;
}

async function summary(paths: readonly string[], defaultNamespace: string): Promise<number> {
  if (paths.length === 0) return usage('summary needs <files|folders…>');
  const topology = await topologyFromPaths(paths, { defaultNamespace, root: process.cwd() });
  const graph = topology.engine.graph();
  const insights = computeInsights({ graph, record: (id) => topology.engine.record(id) });
  console.log(`${topology.manifests.files.length} files, ${topology.manifests.objects.length} objects → ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
  const counts = new Map<string, number>();
  for (const edge of graph.edges) counts.set(edge.type, (counts.get(edge.type) ?? 0) + 1);
  console.log(`relations: ${[...counts].sort().map(([type, count]) => `${type} ${count}`).join(', ')}`);
  for (const warning of topology.warnings.filter((w) => w.severity === 'error')) console.log(`error   ${warning.file}:${warning.line}  ${warning.message}`);
  for (const insight of insights) {
    console.log(`${insight.severity.padEnd(7)} ${insight.source ? `${insight.source.file}:${insight.source.line}  ` : ''}${insight.message}`);
  }
  return topology.manifests.objects.length > 0 ? 0 : 1;
}

async function render(paths: readonly string[], output: string, defaultNamespace: string): Promise<number> {
  const topology = await topologyFromPaths(paths, { defaultNamespace, root: process.cwd() });
  if (topology.manifests.objects.length === 0) {
    console.error(`kubilitics: no Kubernetes objects found in ${paths.join(', ')}`);
    return 1;
  }
  if (!output.endsWith('.json')) return usage(`cannot render '${output}': supported formats are .json`);
  await mkdir(dirname(resolve(output)), { recursive: true });
  await writeFile(output, `${serializeGraph(topology.engine.graph())}\n`);
  console.log(`wrote ${output}`);
  return 0;
}

async function demo(): Promise<number> {
  const example = resolve(__dirname, '..', 'examples', 'shop');
  const out = resolve('kubilitics-demo');
  const status = await summary([example], 'default');
  if (status !== 0) return status;
  return render([example], join(out, 'shop.json'), 'default');
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    console.error(`kubilitics: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
