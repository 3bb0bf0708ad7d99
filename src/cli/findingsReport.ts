/**
 * The CLI's account of findings: one count by severity (the same `countFindings` the view and the extension
 * use), then each kind of problem as a group. Errors and warnings are listed line by line; notes (things
 * expected, such as Secrets created outside the repository) only by a few examples, so they never bury the rest.
 */
import { countFindings, describeCounts, findingLine, groupFindings, type Finding, type FindingSeverity } from '../engine/findings.js';

const NOTE_EXAMPLES = 3;
const LABEL: Readonly<Record<FindingSeverity, string>> = { error: 'error', warning: 'warning', info: 'note' };

export function findingsReport(findings: readonly Finding[]): string[] {
  const lines = [`problems: ${describeCounts(countFindings(findings))}`];
  for (const group of groupFindings(findings)) {
    lines.push(`${LABEL[group.severity].padEnd(7)} ${group.title} (${group.findings.length})`);
    const shown = group.severity === 'info' ? group.findings.slice(0, NOTE_EXAMPLES) : group.findings;
    for (const finding of shown) lines.push(`          ${findingLine(finding)}`);
    const rest = group.findings.length - shown.length;
    if (rest > 0) lines.push(`          … and ${rest} more like these`);
  }
  return lines;
}

/** One line for commands that draw rather than report (`render`): the same count, and where to see the list. */
export function findingsCountLine(findings: readonly Finding[]): string {
  return `${describeCounts(countFindings(findings))} (\`kubilitics summary\` lists them)`;
}
