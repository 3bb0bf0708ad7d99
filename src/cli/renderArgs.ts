/**
 * The `render` command line: flags to a checked request, or the reason it is not one. Pure, so every
 * bad-input message is unit-tested without touching the file system.
 */
import { parseArgs } from 'node:util';
import type { ExportChoices } from '../engine/export/filters.js';
import type { ExportFormat } from '../engine/export/formats.js';
import { SUPPORTED_EXTENSIONS, formatOfPath } from '../engine/export/formats.js';
import type { ExportTheme } from '../engine/export/palette.js';
import { EXPORT_THEMES } from '../engine/export/palette.js';
import type { Orientation, PageSize } from '../engine/export/pdfPlan.js';
import { MAX_PNG_SCALE, MIN_PNG_SCALE } from '../engine/export/png.js';
import type { IntakeLimits } from '../engine/intake/limits.js';
import type { LevelChoice } from '../engine/viewModel/viewOptions.js';
import { LEVEL_CHOICES } from '../engine/viewModel/viewOptions.js';
import { LIMIT_OPTIONS, parseLimitFlags } from './limitArgs.js';

export interface OutputFile {
  readonly path: string;
  readonly format: ExportFormat;
}

export interface RenderRequest {
  readonly paths: readonly string[];
  readonly outputs: readonly OutputFile[];
  readonly defaultNamespace: string;
  readonly choices: ExportChoices;
  readonly theme: ExportTheme;
  readonly scale?: number;
  readonly width?: number;
  readonly page: PageSize;
  readonly orientation: Orientation;
  readonly title?: string;
  readonly check: boolean;
  /** Whole seconds, ISO; the PDF title block and metadata time. */
  readonly now?: string;
  /** The intake limits, with what --max-file-mb, --max-total-mb and --max-objects set. */
  readonly limits: IntakeLimits;
  /** How charts and kustomizations among the paths are rendered (--values, --release, --helm, …). */
  readonly sources?: RenderSourceFlags;
}

/** Flags for the charts and kustomizations among the paths, shared by `render` and `summary`. */
export interface RenderSourceFlags {
  readonly valuesFiles: readonly string[];
  readonly release?: string;
  readonly releaseNamespace?: string;
  /** Programs named by --helm, --kustomize, --kubectl (else looked up on PATH). */
  readonly tools: { readonly helm?: string; readonly kustomize?: string; readonly kubectl?: string };
}

export const NO_RENDER_SOURCE_FLAGS: RenderSourceFlags = { valuesFiles: [], tools: {} };

export const RENDER_SOURCE_OPTIONS = {
  values: { type: 'string', short: 'f', multiple: true },
  release: { type: 'string' },
  'release-namespace': { type: 'string' },
  helm: { type: 'string' },
  kustomize: { type: 'string' },
  kubectl: { type: 'string' },
} as const;

interface RenderSourceValues {
  values?: string[];
  release?: string;
  'release-namespace'?: string;
  helm?: string;
  kustomize?: string;
  kubectl?: string;
}

export function parseRenderSourceFlags(v: RenderSourceValues): Parsed<RenderSourceFlags> {
  const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
  if (v.release !== undefined && !(label.test(v.release) && v.release.length <= 53))
    return fail(`--release '${v.release}' is not a release name: lower-case letters, digits and '-', at most 53`);
  if (v['release-namespace'] !== undefined && !(label.test(v['release-namespace']) && v['release-namespace'].length <= 63))
    return fail(`--release-namespace '${v['release-namespace']}' is not a namespace name: lower-case letters, digits and '-'`);
  const tools: { helm?: string; kustomize?: string; kubectl?: string } = {};
  for (const tool of ['helm', 'kustomize', 'kubectl'] as const) {
    const path = v[tool];
    if (path === '') return fail(`--${tool} needs the path of the ${tool} program`);
    if (path !== undefined) tools[tool] = path;
  }
  return {
    ok: true,
    value: {
      valuesFiles: list(v.values),
      ...(v.release === undefined ? {} : { release: v.release }),
      ...(v['release-namespace'] === undefined ? {} : { releaseNamespace: v['release-namespace'] }),
      tools,
    },
  };
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const MAX_WIDTH = 32_768;

export const RENDER_OPTIONS = {
  output: { type: 'string', short: 'o', multiple: true },
  namespace: { type: 'string', short: 'n', multiple: true },
  kind: { type: 'string', short: 'k', multiple: true },
  'group-by': { type: 'string' },
  'collapse-pods': { type: 'boolean' },
  'no-collapse-pods': { type: 'boolean' },
  level: { type: 'string' },
  theme: { type: 'string' },
  scale: { type: 'string' },
  width: { type: 'string' },
  page: { type: 'string' },
  orientation: { type: 'string' },
  title: { type: 'string' },
  check: { type: 'boolean' },
  now: { type: 'string' },
  'default-namespace': { type: 'string' },
  ...LIMIT_OPTIONS,
  ...RENDER_SOURCE_OPTIONS,
} as const;

export function parseRenderArgs(args: readonly string[]): Parsed<RenderRequest> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: RENDER_OPTIONS });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const { values: v, positionals } = parsed;
  if (positionals.length === 0) return fail('render needs the manifests to draw: kubilitics render <files|folders…> -o FILE');
  const outputs = outputFiles(list(v.output));
  if (!outputs.ok) return outputs;
  const enums = enumFlags(v);
  if (!enums.ok) return enums;
  const size = sizeFlags(v.scale, v.width);
  if (!size.ok) return size;
  const now = v.now === undefined ? undefined : isoSeconds(v.now);
  if (now === null) return fail(`--now '${v.now ?? ''}' is not a date and time (e.g. 2025-01-31T12:00:00Z)`);
  if (v['collapse-pods'] === true && v['no-collapse-pods'] === true) return fail('use --collapse-pods or --no-collapse-pods, not both');
  const limits = parseLimitFlags(v);
  if (!limits.ok) return limits;
  const sources = parseRenderSourceFlags(v);
  if (!sources.ok) return sources;
  const level = v.level === undefined ? undefined : oneOf<LevelChoice>('level', v.level, LEVEL_CHOICES, 'workload');
  if (level?.ok === false) return level;
  const { groupBy, ...look } = enums.value;
  const choices: ExportChoices = {
    namespaces: list(v.namespace),
    kinds: list(v.kind),
    groupByNamespace: groupBy === 'namespace',
    collapsePods: v['no-collapse-pods'] !== true,
    ...(level === undefined ? {} : { level: level.value }),
  };
  return {
    ok: true,
    value: {
      paths: positionals,
      outputs: outputs.value,
      defaultNamespace: v['default-namespace'] ?? 'default',
      choices,
      ...look,
      ...size.value,
      ...(v.title === undefined ? {} : { title: v.title }),
      check: v.check === true,
      ...(now === undefined ? {} : { now }),
      limits: limits.value,
      sources: sources.value,
    },
  };
}

function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}

/** Repeated flags and comma lists alike: `-o a.svg -o b.png` or `-o a.svg,b.png`. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function outputFiles(paths: readonly string[]): Parsed<OutputFile[]> {
  if (paths.length === 0) return fail('render needs at least one output: -o FILE (.svg, .png, .pdf, .json, .yaml, .mmd or .dot)');
  const outputs: OutputFile[] = [];
  for (const path of paths) {
    const format = formatOfPath(path);
    if (format === undefined) return fail(`cannot tell the format of '${path}': use one of ${SUPPORTED_EXTENSIONS}`);
    outputs.push({ path, format });
  }
  return { ok: true, value: outputs };
}

interface EnumFlags {
  readonly theme: ExportTheme;
  readonly page: PageSize;
  readonly orientation: Orientation;
  readonly groupBy: 'namespace' | 'none';
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): Parsed<T> {
  if (value === undefined) return { ok: true, value: fallback };
  const found = allowed.find((a) => a === value.toLowerCase());
  return found === undefined ? fail(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`) : { ok: true, value: found };
}

function enumFlags(v: { theme?: string; page?: string; orientation?: string; 'group-by'?: string }): Parsed<EnumFlags> {
  const theme = oneOf('theme', v.theme, EXPORT_THEMES, 'document');
  if (!theme.ok) return theme;
  const page = oneOf<PageSize>('page', v.page, ['a4', 'letter'], 'a4');
  if (!page.ok) return page;
  const orientation = oneOf<Orientation>('orientation', v.orientation, ['auto', 'landscape', 'portrait'], 'auto');
  if (!orientation.ok) return orientation;
  const groupBy = oneOf<'namespace' | 'none'>('group-by', v['group-by'], ['namespace', 'none'], 'namespace');
  if (!groupBy.ok) return groupBy;
  return { ok: true, value: { theme: theme.value, page: page.value, orientation: orientation.value, groupBy: groupBy.value } };
}

function sizeFlags(scale: string | undefined, width: string | undefined): Parsed<{ scale?: number; width?: number }> {
  if (scale !== undefined && width !== undefined) return fail('use --scale or --width for a PNG, not both');
  if (scale !== undefined) {
    const n = Number(scale);
    if (!(n >= MIN_PNG_SCALE && n <= MAX_PNG_SCALE))
      return fail(`--scale must be a number from ${MIN_PNG_SCALE} to ${MAX_PNG_SCALE} (got '${scale}')`);
    return { ok: true, value: { scale: n } };
  }
  if (width !== undefined) {
    const n = Number(width);
    if (!(Number.isInteger(n) && n >= 16 && n <= MAX_WIDTH))
      return fail(`--width must be a whole number of pixels from 16 to ${MAX_WIDTH} (got '${width}')`);
    return { ok: true, value: { width: n } };
  }
  return { ok: true, value: {} };
}

/** An ISO time cut to whole seconds (what a PDF date can hold, so `--check` can reproduce it); null if invalid. */
export function isoSeconds(value: string | Date): string | null {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
