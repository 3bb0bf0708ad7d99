import { loadAll, type LoadOptions } from 'js-yaml';
import { admitDocument, type DocumentLines } from './admitDocument.js';
import { CORE_SCHEMA_AS_YAML } from './coreSchema.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './limits.js';
import type { ParsedManifests } from './manifestTypes.js';
import { NotMirrored, PositionRecorder, type DocumentPositions } from './positionRecorder.js';
import { parseRunTogetherFast } from './runTogether.js';

const LONE_CARRIAGE_RETURN = /\r(?!\n)/;

/**
 * Parses one file's text with js-yaml, recording the same lines as the `yaml` path (yamlManifests.ts), about five
 * times faster. Returns undefined when this file needs the `yaml` path to be read exactly as it reads it: any
 * YAML error (its message and line), duplicate keys (and the run-together recovery), anchors and aliases (its
 * alias-bomb guard), tags, non-string keys, directives, js-yaml warnings, and anything over the limits (the `yaml`
 * path says which limit, per document).
 * The whole file goes back, so none of its documents is lost. Objects run together are read here when the `yaml`
 * path would read them the same way (runTogether.ts).
 */
export function parseManifestTextFast(
  text: string,
  file: string,
  limits: IntakeLimits = DEFAULT_INTAKE_LIMITS,
): ParsedManifests | undefined {
  if (mayDiffer(text)) return undefined;
  // Objects run together without `---` (a dump's Lists concatenated) are read piece by piece, as the `yaml` path does.
  const runTogether = parseRunTogetherFast(text, file, (piece, name) => parseManifestTextFast(piece, name, limits));
  if (runTogether !== undefined) return runTogether;
  const recorder = new PositionRecorder(limits);
  let documents: unknown[];
  try {
    const options: LoadOptions & { maxDepth: number } = {
      schema: CORE_SCHEMA_AS_YAML,
      // js-yaml (4.3) recurses per node, collections and scalars: one past the depth limit bounds its stack, and
      // the recorder gives anything deeper than the limit to the `yaml` path, which names the limit per document.
      // @types/js-yaml does not list maxDepth yet.
      maxDepth: limits.depth + 1,
      listener: recorder.listener,
      onWarning: (warning) => {
        throw new NotMirrored(warning.message);
      },
    };
    documents = loadAll(text, null, options);
  } catch {
    return undefined;
  }
  if (documents.length !== recorder.documents.length) return undefined;
  const result: ParsedManifests = { objects: [], warnings: [] };
  for (let index = 0; index < documents.length; index++) {
    const positions = recorder.documents[index]!;
    const value = documents[index];
    const lines = linesOf(positions, itemsOf(value));
    if (lines === undefined) return undefined;
    admitDocument(value, file, positions.startLine, lines, result);
  }
  return result;
}

/**
 * A carriage return alone ends a line for js-yaml but not for the `yaml` path's line counter; a directive
 * (`%YAML 1.1`, `%TAG`) changes what the `yaml` path reads, where js-yaml would keep its schema.
 */
function mayDiffer(text: string): boolean {
  if (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text)) return true;
  return text.startsWith('%') || text.includes('\n%');
}

function itemsOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)['items'] : undefined;
}

function linesOf(positions: DocumentPositions, items: unknown): DocumentLines | undefined {
  const itemLines = Array.isArray(items) ? positions.itemLines.get(items) : [];
  if (itemLines === undefined) return undefined;
  return { valueLines: positions.valueLines, itemLine: (index) => itemLines[index] ?? positions.startLine };
}
