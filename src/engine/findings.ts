/**
 * Findings: everything worth telling about a topology (YAML errors, duplicates, broken references, insights,
 * what RBAC hides), in one list with one severity scale. Every place that counts or lists them — the CLI
 * summary, the extension's log, the view's status bar and details, the Problems panel — reads this list and
 * counts it with `countFindings`, so they cannot disagree.
 */
import * as l10n from '@vscode/l10n';
import type { SourceLocation } from './model/graph.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly severity: FindingSeverity;
  /** The kind of problem (`broken-reference`, `yaml-error`, `duplicate`, …): findings are grouped by it. */
  readonly kind: string;
  readonly message: string;
  /** Node ids: the object the finding is about first, then the others it names. */
  readonly objects: readonly string[];
  readonly source?: SourceLocation;
}

export type SeverityCounts = Readonly<Record<FindingSeverity, number>>;

export const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];

export function countFindings(findings: readonly Finding[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

const SEVERITY_WORDS: Readonly<Record<FindingSeverity, readonly [string, string]>> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

/**
 * "25 errors, 176 warnings, 56 notes"; severities with none are left out; "no problems" when all are. English on
 * purpose: only the CLI and the log output channel (kept English for bug reports) print it.
 */
export function describeCounts(counts: SeverityCounts): string {
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map((severity) => countWord(counts[severity], severity));
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

function countWord(count: number, severity: FindingSeverity): string {
  const [one, many] = SEVERITY_WORDS[severity];
  return `${count} ${count === 1 ? one : many}`;
}

export interface FindingGroup {
  /** The kind, refined by the missing object's kind for broken references (`broken-reference:Secret`). */
  readonly key: string;
  readonly title: string;
  readonly severity: FindingSeverity;
  readonly findings: readonly Finding[];
}

/** Titles are made when asked for, not at load: the host configures l10n after this module is loaded. */
const GROUP_TITLES: Readonly<Record<string, () => string>> = {
  'yaml-error': () => l10n.t('YAML errors'),
  'run-together': () => l10n.t('Objects run together without ---'),
  unreadable: () => l10n.t('Files that cannot be read'),
  'malformed-object': () => l10n.t('Objects that cannot be read'),
  duplicate: () => l10n.t('Duplicate objects'),
  'defined-in-several-sets': () => l10n.t('Objects defined in more than one deployment set (drawn once)'),
  'not-an-object': () => l10n.t('Documents that are not Kubernetes objects'),
  'too-large': () => l10n.t('Files skipped for their size'),
  'parser-stopped': () => l10n.t('Files the parser stopped on (out of memory or time)'),
  'last-good': () => l10n.t('Files shown as they last parsed'),
  limit: () => l10n.t('Skipped at an intake limit (nesting, aliases, keys per map, total size, objects)'),
  'bad-alias': () => l10n.t('Documents with an alias that cannot be resolved'),
  'invalid-utf8': () => l10n.t('Files that are not valid UTF-8'),
  'symlink-loop': () => l10n.t('Symlinked folders that loop'),
  'helm-chart': () => l10n.t('Helm charts in a folder (templates not read as YAML)'),
  kustomization: () => l10n.t('Kustomizations in a folder (open one to render it)'),
  'kustomization-input': () => l10n.t('Patches and generator files of kustomizations (not objects)'),
  'external-secret': () => l10n.t('Secrets created outside the manifests (tokens, TLS, pull secrets)'),
  'kustomize-generated': () => l10n.t('ConfigMaps and Secrets that kustomizations generate'),
  'service-selects-nothing': () => l10n.t('Services that select nothing'),
  'workload-not-selected': () => l10n.t('Workloads their Service does not select'),
  'unbound-claim': () => l10n.t('Unbound volume claims'),
  'scale-target-missing': () => l10n.t('Autoscalers whose target is missing'),
  'policy-selects-nothing': () => l10n.t('NetworkPolicies that select no pods'),
  'hidden-by-rbac': () => l10n.t('Hidden by RBAC'),
};

/** Findings grouped by kind of problem: errors first, then warnings, then notes; larger groups first. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, { severity: FindingSeverity; findings: Finding[] }>();
  for (const finding of findings) {
    const key = `${groupKey(finding)}\u0000${finding.severity}`;
    const group = groups.get(key) ?? { severity: finding.severity, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  const rank = (severity: FindingSeverity): number => SEVERITIES.indexOf(severity);
  return [...groups]
    .map(([key, group]) => ({ key: key.split('\u0000')[0]!, title: groupTitle(key.split('\u0000')[0]!), ...group }))
    .sort((a, b) => rank(a.severity) - rank(b.severity) || b.findings.length - a.findings.length || (a.key < b.key ? -1 : 1));
}

function groupKey(finding: Finding): string {
  if (finding.kind !== 'broken-reference') return finding.kind;
  const missing = finding.objects[1];
  // Ids are `group/Kind/namespace/name` (model/kinds.ts, not imported: the webview's stricter compiler reads this file).
  const kind = missing?.split('/')[1];
  return kind ? `${finding.kind}:${kind}` : finding.kind;
}

function groupTitle(key: string): string {
  const [kind, detail] = key.split(':');
  if (kind === 'broken-reference') return detail ? l10n.t('Broken references to a {0}', detail) : l10n.t('Broken references');
  return Object.hasOwn(GROUP_TITLES, key) ? GROUP_TITLES[key]!() : key;
}

/** `file:line  message`, or the message alone: how the CLI and the view's lists print a finding. */
export function findingLine(finding: Finding): string {
  return finding.source ? `${finding.source.file}:${finding.source.line}  ${finding.message}` : finding.message;
}

/**
 * Kinds of finding that say a referenced object is absent from the files on purpose (insights.ts `expectedMissing`):
 * kustomize generates it when it renders, or the cluster makes it (tokens, TLS, pull secrets).
 */
const EXPECTED_ABSENCE: ReadonlySet<string> = new Set(['kustomize-generated', 'external-secret']);

/**
 * Placeholder ids the findings expect to be absent: the view and exports draw them as made elsewhere, not as broken.
 * Such a finding names the referring object first and the absent one second.
 */
export function expectedPlaceholders(findings: readonly Finding[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const finding of findings) {
    const absent = finding.objects[1];
    if (EXPECTED_ABSENCE.has(finding.kind) && finding.severity === 'info' && absent !== undefined) ids.add(absent);
  }
  return ids;
}
