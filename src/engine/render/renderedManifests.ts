/**
 * Rendered output (`helm template`, `kustomize build`) → manifest objects that name the file a person edits: the
 * template or the overlay/base file, with a line near the object, instead of a rendered text nobody has open. What
 * cannot be traced (a subchart packed in a .tgz, a remote base) names the Chart.yaml or kustomization instead, and
 * the message of a finding still carries the path the tool gave.
 */
import * as l10n from '@vscode/l10n';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from '../intake/limits.js';
import type { IntakeWarning, ManifestObject, ParsedManifests } from '../intake/manifestTypes.js';
import { parseManifestText } from '../intake/manifests.js';
import type { KubeObject } from '../model/object.js';
import { chartRelativePath, helmDocumentSources, sourceAtLine, templateLineOf } from './helmSources.js';
import { takeOrigin, type KustomizeOrigin } from './kustomizeOrigins.js';
import type { RenderTool } from './renderTarget.js';

export interface RenderedInput {
  readonly tool: RenderTool;
  /** The Chart.yaml or kustomization, as findings name files (relative to the view's root, `/`-separated). */
  readonly marker: string;
  /** What the tool wrote on stdout. */
  readonly output: string;
  /**
   * The file a source the tool named stands for, as findings name files, or undefined when it is not on this disk:
   * for helm a chart-relative path (`templates/web.yaml`), for kustomize the origin annotation's path.
   */
  readonly fileOf: (toolSource: string) => string | undefined;
  /** A file's text, to find the object's line in it (undefined when it cannot be read). */
  readonly readText: (file: string) => string | undefined;
  readonly limits?: IntakeLimits;
  /** Helm: the release namespace, where `helm install -n` puts namespaced objects that name none. */
  readonly defaultNamespace?: string;
}

/** The objects of a rendered output, each with the source file and line a person edits. */
export function attributeRendered(input: RenderedInput): ParsedManifests {
  const renderedName = `${input.marker} (rendered by ${input.tool})`;
  const parsed = parseManifestText(input.output, renderedName, input.limits ?? DEFAULT_INTAKE_LIMITS);
  const warnings: IntakeWarning[] = parsed.warnings.map((warning) => ({
    ...warning,
    file: input.marker,
    line: 1,
    message: l10n.t('rendered output, line {0}: {1}', warning.line, warning.message),
  }));
  const place = input.tool === 'helm' ? helmPlacer(input) : kustomizePlacer(input);
  const namespace = input.defaultNamespace === undefined ? {} : { defaultNamespace: input.defaultNamespace };
  const objects = parsed.objects.map((manifest) => ({ ...place(manifest), ...namespace }));
  return { objects, warnings };
}

type Placer = (manifest: ManifestObject) => ManifestObject;

function helmPlacer(input: RenderedInput): Placer {
  const documents = helmDocumentSources(input.output);
  const seen = new Map<string, number>();
  const texts = new TextCache(input.readText);
  return (manifest) => {
    const source = sourceAtLine(documents, manifest.source.line);
    const relative = source === undefined ? undefined : chartRelativePath(source);
    const file = relative === undefined ? undefined : input.fileOf(relative);
    if (file === undefined) return placed(manifest.object, input.marker, 1);
    const kind = manifest.object.kind ?? '';
    const key = `${file}\n${kind}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const text = texts.get(file);
    return placed(manifest.object, file, text === undefined ? 1 : templateLineOf(text, kind, nth));
  };
}

function kustomizePlacer(input: RenderedInput): Placer {
  const texts = new TextCache(input.readText);
  return (manifest) => {
    const { object, origin } = takeOrigin(manifest.object);
    const file = origin === undefined || origin.repo !== undefined ? undefined : input.fileOf(origin.path);
    if (file === undefined) return placed(object, input.marker, 1);
    const text = texts.get(file);
    return placed(object, file, text === undefined ? 1 : declaredLine(text, file, object, origin!));
  };
}

/** The line of the document that declares `object` in `text`: same kind, and a name the rendered one contains. */
function declaredLine(text: string, file: string, object: KubeObject, origin: KustomizeOrigin): number {
  const name = object.metadata?.name ?? '';
  if (origin.generated) return lineOfName(text, name) ?? 1;
  const declared = parseManifestText(text, file).objects.filter((candidate) => candidate.object.kind === object.kind);
  const best = declared
    .filter((candidate) => name.includes(candidate.object.metadata?.name ?? '\0'))
    .sort((a, b) => (b.object.metadata?.name ?? '').length - (a.object.metadata?.name ?? '').length)[0];
  return (best ?? declared[0])?.source.line ?? templateLineOf(text, object.kind ?? '', 0);
}

/** A generator's entry: the `name:` line whose value the generated name contains (namePrefix, hash suffix). */
function lineOfName(text: string, name: string): number | undefined {
  let best: { line: number; length: number } | undefined;
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const match = /^\s*(?:-\s+)?name:\s*["']?([^"'#\s]+)/.exec(line);
    if (match && name.includes(match[1]!) && match[1]!.length > (best?.length ?? 0)) best = { line: index + 1, length: match[1]!.length };
  }
  return best?.line;
}

/** Rendered objects keep no value lines: those were lines of the rendered text, not of the file named. */
function placed(object: KubeObject, file: string, line: number): ManifestObject {
  return { object, source: { file, line } };
}

class TextCache {
  private readonly texts = new Map<string, string | undefined>();
  constructor(private readonly read: (file: string) => string | undefined) {}
  get(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.read(file));
    return this.texts.get(file);
  }
}
