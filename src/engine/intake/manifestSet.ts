import * as l10n from '@vscode/l10n';
import { decodeManifestBytes } from './decode.js';
import { kustomizationInputs, kustomizationReading, leftOutNote } from './kustomizations.js';
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './limits.js';
import type { IntakeProblem, IntakeWarning, ManifestObject, ParsedManifests } from './manifestTypes.js';
import { parseManifestText } from './manifests.js';

interface FileState {
  readonly objects: ManifestObject[];
  readonly warnings: IntakeWarning[];
  /** Objects of the last version that parsed cleanly, shown while the file has errors (mid-edit). */
  readonly lastGood?: ManifestObject[];
}

/**
 * The manifests of an editor session, file by file. A file with YAML errors keeps showing its last good
 * version, so a typo mid-edit never blanks the diagram; the errors are reported all the same.
 */
export class ManifestSet {
  private readonly files = new Map<string, FileState>();

  /** `limits` apply to every file of the session (the extension's settings). */
  constructor(private readonly limits: IntakeLimits = DEFAULT_INTAKE_LIMITS) {}

  /** A file's new content: its text (an editor buffer) or its bytes, decoded here so bad UTF-8 is reported. */
  update(file: string, content: string | Uint8Array): void {
    const decoded = typeof content === 'string' ? { text: content } : decodeManifestBytes(content, file);
    const read = parseManifestText(decoded.text, file, this.limits);
    this.setParsed(file, decoded.warning ? { objects: read.objects, warnings: [decoded.warning, ...read.warnings] } : read);
  }

  /** A file parsed elsewhere (the extension's parse worker, under the same limits). */
  setParsed(file: string, parsed: ParsedManifests): void {
    const broken = parsed.warnings.some((warning) => warning.severity === 'error' && MID_EDIT.has(warning.problem));
    const previous = this.files.get(file);
    const lastGood = broken ? (previous?.lastGood ?? previous?.objects) : parsed.objects;
    const warnings =
      broken && lastGood && lastGood.length > parsed.objects.length ? [...parsed.warnings, lastGoodNote(file)] : parsed.warnings;
    this.files.set(file, { objects: parsed.objects, warnings, ...(lastGood ? { lastGood } : {}) });
  }

  /** A file that is not read (too large): it contributes no objects, only the note saying why. */
  skip(file: string, warning: IntakeWarning): void {
    this.files.set(file, { objects: [], warnings: [warning] });
  }

  remove(file: string): boolean {
    return this.files.delete(file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  /**
   * Every object, files in sorted order; a file with errors contributes its last good version when that has more.
   * A file a kustomization of the set patches or generates from contributes none (kustomizations.ts).
   */
  objects(): ManifestObject[] {
    const result: ManifestObject[] = [];
    const inputs = this.kustomizationInputs();
    for (const file of [...this.files.keys()].sort()) {
      if (kustomizationReading(file, inputs) !== undefined) continue;
      const state = this.files.get(file)!;
      const useLastGood = state.lastGood && state.lastGood.length > state.objects.length;
      result.push(...(useLastGood ? state.lastGood! : state.objects));
    }
    return result;
  }

  warnings(): IntakeWarning[] {
    const inputs = this.kustomizationInputs();
    return [...this.files.keys()].sort().flatMap((file) => {
      const kustomization = kustomizationReading(file, inputs);
      return kustomization === undefined ? this.files.get(file)!.warnings : [leftOutNote(file, kustomization)];
    });
  }

  private kustomizationInputs(): ReadonlyMap<string, string> {
    return kustomizationInputs(this.fileNames().flatMap((file) => this.files.get(file)!.warnings));
  }

  fileNames(): string[] {
    return [...this.files.keys()].sort();
  }
}

/** Problems a file has while someone is typing it (a half-written alias too): the last good version stays. */
const MID_EDIT: ReadonlySet<IntakeProblem | undefined> = new Set<IntakeProblem>(['yaml-error', 'bad-alias']);

function lastGoodNote(file: string): IntakeWarning {
  return { file, line: 1, severity: 'note', problem: 'last-good', message: l10n.t('showing the last version of this file that parsed') };
}
