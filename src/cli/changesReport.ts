/**
 * Topology changes (engine/export/exportDiff.ts) told to a person: a few lines for a terminal, or Markdown for a pull
 * request's job summary. Names and reasons come from the manifests of a pull request, so in Markdown every one sits in
 * a code span with backticks and line breaks taken out: nothing in a manifest can become a link, an image or HTML.
 */
import type { ObjectChange, RelationChange, TopologyChanges } from '../engine/export/exportDiff.js';

/** Items listed per section; a large refactor says how many more there are rather than filling the summary. */
export const MAX_LISTED = 50;

/** `2 objects added, 1 removed, 3 relations changed, 1 new broken reference`, or `no topology changes`. */
export function describeChanges(changes: TopologyChanges): string {
  const parts = [
    counted(changes.addedObjects.length, 'object', 'added'),
    counted(changes.removedObjects.length, 'object', 'removed'),
    counted(changes.changedObjects.length, 'object', 'changed'),
    counted(changes.addedRelations.length, 'relation', 'added'),
    counted(changes.removedRelations.length, 'relation', 'removed'),
    counted(changes.changedRelations.length, 'relation', 'changed'),
    counted(changes.newBrokenReferences.length, 'new broken reference', ''),
    counted(changes.mendedReferences.length, 'broken reference', 'mended'),
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(', ') : 'no topology changes';
}

function counted(count: number, noun: string, verb: string): string {
  if (count === 0) return '';
  const words = `${count} ${noun}${count === 1 ? '' : 's'}`;
  return verb === '' ? words : `${words} ${verb}`;
}

/** Lines for a terminal: the count, then each change marked + − ~ or ! (a new broken reference). */
export function changesText(changes: TopologyChanges): string[] {
  const lines = [`topology changes: ${describeChanges(changes)}`];
  const add = (mark: string, items: readonly string[]): void => {
    lines.push(...capped(items, `  ${mark} `, '  '));
  };
  add('+', changes.addedObjects.map(objectText));
  add('−', changes.removedObjects.map(objectText));
  add('~', changes.changedObjects.map(objectText));
  add('+', changes.addedRelations.map(relationText));
  add('−', changes.removedRelations.map(relationText));
  add('~', changes.changedRelations.map(relationText));
  add(
    '!',
    changes.newBrokenReferences.map((r) => `broken ${relationText(r)}`),
  );
  return lines;
}

/** The first MAX_LISTED items, each after `mark`, then how many more there are (after `rest`). */
function capped(items: readonly string[], mark: string, rest: string): string[] {
  const shown = items.slice(0, MAX_LISTED).map((item) => `${mark}${item}`);
  return items.length > MAX_LISTED ? [...shown, `${rest}… and ${items.length - MAX_LISTED} more`] : shown;
}

function objectText(change: ObjectChange): string {
  return change.what.length > 0 ? `${change.object}: ${change.what.join('; ')}` : change.object;
}

function relationText(change: RelationChange): string {
  const what = change.what.length > 0 ? `: ${change.what.join('; ')}` : change.via.length > 0 ? ` (${change.via.join(', ')})` : '';
  const broken = change.broken !== undefined && change.what.length === 0 ? ` [${change.broken}]` : '';
  return `${change.type}: ${change.source} → ${change.target}${broken}${what}`;
}

/** A code span that holds any text: no backticks, no line breaks, nothing longer than a line. */
export function code(text: string): string {
  // \p{Cc}: control characters, line breaks among them.
  const flat = text
    .replace(/[`\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `\`${flat.length > 200 ? `${flat.slice(0, 199)}…` : flat || ' '}\``;
}

/** Markdown: a heading, the count in bold, then one list per kind of change (only those that occurred). */
export function changesMarkdown(changes: TopologyChanges, heading = 'Topology changes'): string {
  const out = [`### ${heading}`, '', `**${describeChanges(changes)}**`, ''];
  const section = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push(`#### ${title} (${items.length})`, '');
    out.push(...capped(items, '- ', '- '));
    out.push('');
  };
  section('New broken references', changes.newBrokenReferences.map(relationMarkdown));
  section('Objects added', changes.addedObjects.map(objectMarkdown));
  section('Objects removed', changes.removedObjects.map(objectMarkdown));
  section('Objects changed', changes.changedObjects.map(objectMarkdown));
  section('Relations added', changes.addedRelations.map(relationMarkdown));
  section('Relations removed', changes.removedRelations.map(relationMarkdown));
  section('Relations changed', changes.changedRelations.map(relationMarkdown));
  section('Broken references mended', changes.mendedReferences.map(relationMarkdown));
  return `${out.join('\n').trimEnd()}\n`;
}

function objectMarkdown(change: ObjectChange): string {
  return change.what.length > 0 ? `${code(change.object)}: ${change.what.map(code).join(', ')}` : code(change.object);
}

function relationMarkdown(change: RelationChange): string {
  const broken = change.broken !== undefined && change.what.length === 0 ? ` — broken (${change.broken})` : '';
  const why = change.what.length > 0 ? change.what : change.via;
  const reasons = why.length > 0 ? `: ${why.map(code).join(', ')}` : '';
  return `${code(change.source)} **${change.type}** → ${code(change.target)}${broken}${reasons}`;
}
