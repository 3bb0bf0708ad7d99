/**
 * `helm template` output → which template wrote each document. Helm writes every manifest as
 * `---\n# Source: <chart>/templates/<file>\n<yaml>`; a subchart's as `<chart>/charts/<sub>/templates/<file>`.
 * Pure text work, so it is tested without helm.
 */

export interface DocumentSource {
  /** 1-based line where the document starts in the output (its `---`, or line 1). */
  readonly startLine: number;
  /** The `# Source:` path as helm wrote it, or undefined when the document has none. */
  readonly source: string | undefined;
}

const SOURCE_COMMENT = /^# Source: (.+?)\s*$/;
const DOCUMENT_START = /^---(\s|$)/;

/** The documents of a rendered text in order, each with the `# Source:` comment that heads it. */
export function helmDocumentSources(text: string): DocumentSource[] {
  const documents: { startLine: number; source: string | undefined }[] = [{ startLine: 1, source: undefined }];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (DOCUMENT_START.test(line)) {
      documents.push({ startLine: index + 1, source: undefined });
      continue;
    }
    const current = documents[documents.length - 1]!;
    const match = current.source === undefined ? SOURCE_COMMENT.exec(line) : null;
    if (match) current.source = match[1]!;
  }
  return documents;
}

/**
 * The source of the document holding `line` (1-based), from `helmDocumentSources`' list. Of documents starting on
 * the same line (an empty one before a `---` on line 1), the last counts.
 */
export function sourceAtLine(documents: readonly DocumentSource[], line: number): string | undefined {
  let found: string | undefined;
  for (const document of documents) {
    if (document.startLine > line) break;
    found = document.source;
  }
  return found;
}

/**
 * A `# Source:` path as a path inside the chart folder: the first segment is the chart's name, the rest is the
 * file below the chart (`shop/templates/web.yaml` → `templates/web.yaml`, `shop/charts/db/templates/x.yaml` →
 * `charts/db/templates/x.yaml`). Anything that would leave the chart (`..`, absolute) is refused.
 */
export function chartRelativePath(source: string): string | undefined {
  const parts = source.split('/');
  if (parts.length < 2) return undefined;
  const rest = parts.slice(1);
  if (rest.some((part) => part === '..' || part === '' || part === '.')) return undefined;
  return rest.join('/');
}

/**
 * The line in a template of the `nth` (0-based) document of `kind` it declares: a template's `kind:` line is
 * usually literal, so the diagram's "Go to YAML" and a Problem land on the object's own template, near the object.
 * Falls back to the first `kind:` line of any kind, then to line 1.
 */
export function templateLineOf(template: string, kind: string, nth: number): number {
  const lines = template.split(/\r?\n/);
  const kindLine = new RegExp(`^\\s*kind:\\s*["']?${escapeRegExp(kind)}["']?\\s*(#.*)?$`);
  const matches: number[] = [];
  for (const [index, line] of lines.entries()) if (kindLine.test(line)) matches.push(index + 1);
  if (matches.length > 0) return matches[Math.min(nth, matches.length - 1)]!;
  const anyKind = lines.findIndex((line) => /^kind:/.test(line));
  return anyKind === -1 ? 1 : anyKind + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where a `helm template` error points: `execution error at (shop/templates/web.yaml:8:16)`,
 * `template: shop/templates/web.yaml:12:3: executing …`, or `YAML parse error on shop/templates/web.yaml`. The path
 * is as in `# Source:` comments (chart name first); the line is the template's, when helm gives one.
 */
export function helmErrorLocation(message: string): { source: string; line: number } | undefined {
  const at = /(?:error at \(|template: )([^\s():]+\.(?:ya?ml|tpl|txt|json)):(\d+)(?::\d+)?/.exec(message);
  if (at) return { source: at[1]!, line: Number(at[2]) };
  const parse = /parse error on ([^\s:]+\.(?:ya?ml|tpl|txt|json))/.exec(message);
  return parse ? { source: parse[1]!, line: 1 } : undefined;
}
