/**
 * package.json is ready for translation: every user-facing string is a `%key%` with its English text in
 * package.nls.json, every key is used, and scripts/nls.mjs (`npm run nls`) moves new plain strings there.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalize, localizableSlots, slug } from '../../scripts/nls.mjs';

const ROOT = resolve(__dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(resolve(ROOT, file), 'utf8')) as Record<string, unknown>;
const REFERENCE = /^%([^%\s]+)%$/;

/** Manifest fields whose string values a user reads (in `contributes`, wherever they are nested). */
const TEXT_FIELDS = new Set([
  'title',
  'shortTitle',
  'category',
  'description',
  'markdownDescription',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'name',
  'contextualTitle',
  'contents',
  'label',
  'altText',
  'displayName',
]);
const TEXT_LIST_FIELDS = new Set(['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']);
/** Subtrees that hold values, not text for people (a setting's default may well have a `name`). */
const VALUE_FIELDS = new Set(['default', 'enum', 'examples', 'const']);

/** Every user-facing string under `value`, as `path: text`, found by field name alone (independent of the script). */
function textStrings(value: unknown, path: string): Array<{ path: string; text: string }> {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([field, child]) => {
    const here = `${path}.${field}`;
    if (VALUE_FIELDS.has(field)) return [];
    if (typeof child === 'string') return TEXT_FIELDS.has(field) ? [{ path: here, text: child }] : [];
    if (TEXT_LIST_FIELDS.has(field) && Array.isArray(child)) {
      return child.flatMap((text: unknown, i) => (typeof text === 'string' ? [{ path: `${here}.${i}`, text }] : []));
    }
    return textStrings(child, here);
  });
}

function manifestTexts(manifest: Record<string, unknown>): Array<{ path: string; text: string }> {
  const top = ['displayName', 'description'].flatMap((field) =>
    typeof manifest[field] === 'string' ? [{ path: field, text: manifest[field] }] : [],
  );
  return [...top, ...textStrings(manifest['capabilities'], 'capabilities'), ...textStrings(manifest['contributes'], 'contributes')];
}

describe('package.json and package.nls.json', () => {
  const manifest = readJson('package.json');
  const nls = readJson('package.nls.json');
  const texts = manifestTexts(manifest);

  it('find the strings they check', () => {
    expect(texts.map((text) => text.path)).toEqual(
      expect.arrayContaining(['displayName', 'contributes.commands.0.title', 'contributes.viewsWelcome.0.contents']),
    );
    expect(texts.length).toBeGreaterThan(50);
  });

  it('have no plain user-facing string in the manifest (run `npm run nls`)', () => {
    expect(texts.filter((text) => !REFERENCE.test(text.text)).map((text) => `${text.path}: ${text.text}`)).toEqual([]);
  });

  it('have English text for every %key% the manifest names', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^%\s"]+)%"/g)].map((match) => match[1]!);
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((key) => typeof nls[key] !== 'string' || nls[key] === '')).toEqual([]);
  });

  it('have no orphan keys in package.nls.json', () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%\s"]+)%"/g)].map((match) => match[1]!));
    expect(Object.keys(nls).filter((key) => !used.has(key))).toEqual([]);
  });

  it('are what `npm run nls` leaves: the script moves exactly the strings this test asks for', () => {
    const copy = structuredClone(manifest);
    const slotted = new Set(localizableSlots(copy).map((slot) => slot.get()));
    const unknownToScript = texts.filter((text) => !slotted.has(text.text)).map((text) => text.path);
    expect(unknownToScript).toEqual([]);
    const result = externalize(copy, structuredClone(nls) as Record<string, string>);
    expect({ moved: result.moved, orphans: result.orphans }).toEqual({ moved: [], orphans: [] });
    expect(copy).toEqual(manifest);
    expect(Object.entries(result.nls)).toEqual(Object.entries(nls));
  });
});

describe('scripts/nls.mjs', () => {
  const fresh = (): { manifest: Record<string, unknown>; nls: Record<string, string> } => ({
    manifest: {
      displayName: 'Kubilitics',
      contributes: {
        commands: [
          { command: 'kubilitics.openTopology', title: '%command.kubilitics.openTopology.title%', category: '%category.kubilitics%' },
          { command: 'kubilitics.helm.render', title: 'Render Helm Chart…', category: 'Kubilitics' },
          { command: 'kubilitics.other', title: 'Other', category: 'Kubilitics Extra' },
        ],
        configuration: {
          title: 'Kubilitics',
          properties: {
            'kubilitics.mode': { type: 'string', enum: ['fast', 'full'], enumDescriptions: ['Quick.', 'Thorough.'], default: 'fast' },
          },
        },
        viewsWelcome: [
          { view: 'kubilitics.resources', when: '!a.b && c', contents: 'One' },
          { view: 'kubilitics.resources', when: '!a.b && c', contents: 'Two' },
        ],
        walkthroughs: [{ id: 'start', title: 'Start', description: 'Begin.', steps: [{ id: 'one', title: 'Step', description: 'Do.' }] }],
      },
    },
    nls: {
      'command.kubilitics.openTopology.title': 'Open Topology',
      'category.kubilitics': 'Kubilitics',
      'command.kubilitics.removed.title': 'Gone',
    },
  });

  it('moves plain strings under keys named after where they are, keeps existing keys and drops orphans', () => {
    const { manifest, nls } = fresh();
    const result = externalize(manifest, nls);
    expect(result.orphans).toEqual(['command.kubilitics.removed.title']);
    expect(result.nls).toEqual({
      displayName: 'Kubilitics',
      'command.kubilitics.openTopology.title': 'Open Topology',
      'category.kubilitics': 'Kubilitics',
      'command.kubilitics.helm.render.title': 'Render Helm Chart…',
      'command.kubilitics.other.title': 'Other',
      'category.kubiliticsExtra': 'Kubilitics Extra',
      'configuration.title': 'Kubilitics',
      'config.kubilitics.mode.enumDescriptions.fast': 'Quick.',
      'config.kubilitics.mode.enumDescriptions.full': 'Thorough.',
      'viewsWelcome.kubilitics.resources.when.notABAndC': 'One',
      'viewsWelcome.kubilitics.resources.when.notABAndC2': 'Two',
      'walkthrough.start.title': 'Start',
      'walkthrough.start.description': 'Begin.',
      'walkthrough.start.step.one.title': 'Step',
      'walkthrough.start.step.one.description': 'Do.',
    });
    const commands = (manifest['contributes'] as { commands: Array<Record<string, string>> }).commands;
    expect(commands[1]).toEqual({
      command: 'kubilitics.helm.render',
      title: '%command.kubilitics.helm.render.title%',
      category: '%category.kubilitics%',
    });
    const setting = (manifest['contributes'] as { configuration: { properties: Record<string, Record<string, unknown>> } }).configuration
      .properties['kubilitics.mode'];
    expect(setting?.['default']).toBe('fast');
  });

  it('changes nothing on a second run', () => {
    const { manifest, nls } = fresh();
    const first = externalize(manifest, nls);
    const before = structuredClone(manifest);
    const second = externalize(manifest, structuredClone(first.nls));
    expect(second).toEqual({ nls: first.nls, moved: [], orphans: [] });
    expect(manifest).toEqual(before);
  });

  it('refuses a %key% package.nls.json does not have, naming it', () => {
    const { manifest } = fresh();
    expect(() => externalize(manifest, {})).toThrow(/command\.kubilitics\.openTopology\.title/);
  });

  it('makes readable keys from text and when clauses', () => {
    expect(slug('Kubilitics Helm')).toBe('kubiliticsHelm');
    expect(slug('view == kubilitics.logs || !x')).toBe('viewKubiliticsLogsOrNotX');
  });
});
