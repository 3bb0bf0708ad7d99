// Moves every user-facing string of package.json (displayName, description, capabilities and `contributes`) to
// package.nls.json, leaving a `%key%` in its place, so the manifest is ready for translation (package.nls.<lang>.json).
//
//   npm run nls            rewrite package.json and package.nls.json (idempotent: a second run changes nothing)
//   npm run nls -- --check exit 1, naming what would change, without writing
//
// Plain strings get a stable, readable key from where they are (`command.kubilitics.openTopology.title`), never from
// their text, so an edit of the English keeps the key; `%key%` references already there are kept; keys nothing
// references any more are removed. Helpers add contributions with plain titles and the lead runs this after merging.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NLS_REFERENCE = /^%([^%\s]+)%$/;
/** Setting schema fields that hold text, and the ones that hold lists of text (one per enum value). */
const SETTING_TEXT = ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'];
const SETTING_TEXT_LISTS = ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels'];

/** `Kubilitics Helm` → `kubiliticsHelm`; `!a.b && c` → `notABAndC` (for keys made from a value or a when clause). */
export function slug(text) {
  const words = text
    .replace(/!/g, ' not ')
    .replace(/&&/g, ' and ')
    .replace(/\|\|/g, ' or ')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
  const camel = words.map((word, i) => (i === 0 ? word[0].toLowerCase() : word[0].toUpperCase()) + word.slice(1)).join('');
  return camel === '' ? 'text' : camel;
}

/**
 * Every localisable string of a manifest, in manifest order, as a slot: `key` it gets when it is plain text, and
 * get/set to read and replace it. Fields that are not there are skipped.
 */
export function localizableSlots(manifest) {
  const slots = [];
  const field = (owner, name, key) => {
    if (owner !== null && typeof owner === 'object' && typeof owner[name] === 'string') {
      slots.push({ key, get: () => owner[name], set: (value) => (owner[name] = value) });
    }
  };
  field(manifest, 'displayName', 'displayName');
  field(manifest, 'description', 'description');
  for (const [name, capability] of Object.entries(manifest.capabilities ?? {})) {
    field(capability, 'description', `capabilities.${name}.description`);
  }
  const contributes = manifest.contributes ?? {};
  commandSlots(contributes, field);
  configurationSlots(contributes, field, slots);
  viewSlots(contributes, field);
  walkthroughSlots(contributes, field);
  for (const submenu of contributes.submenus ?? []) field(submenu, 'label', `submenu.${submenu.id}.label`);
  for (const color of contributes.colors ?? []) field(color, 'description', `color.${color.id}.description`);
  for (const [id, icon] of Object.entries(contributes.icons ?? {})) field(icon, 'description', `icon.${id}.description`);
  for (const editor of contributes.customEditors ?? []) field(editor, 'displayName', `customEditor.${editor.viewType}.displayName`);
  return slots;
}

function commandSlots(contributes, field) {
  for (const command of contributes.commands ?? []) {
    field(command, 'title', `command.${command.command}.title`);
    field(command, 'shortTitle', `command.${command.command}.shortTitle`);
    // Categories are shared: one key per category, named after its English text when it was moved.
    if (typeof command.category === 'string') field(command, 'category', `category.${slug(command.category)}`);
  }
}

function configurationSlots(contributes, field, slots) {
  const sections = Array.isArray(contributes.configuration) ? contributes.configuration : [contributes.configuration ?? {}];
  sections.forEach((section, index) => {
    const name = Array.isArray(contributes.configuration)
      ? `configuration.${section.id ?? slug(section.title ?? `${index}`)}`
      : 'configuration';
    field(section, 'title', `${name}.title`);
    for (const [id, schema] of Object.entries(section.properties ?? {})) settingSlots(schema, `config.${id}`, field, slots);
  });
}

/** A setting's own text, its enum descriptions (keyed by enum value), and the text of nested items and properties. */
function settingSlots(schema, prefix, field, slots) {
  if (schema === null || typeof schema !== 'object') return;
  for (const name of SETTING_TEXT) field(schema, name, `${prefix}.${name}`);
  for (const name of SETTING_TEXT_LISTS) {
    if (!Array.isArray(schema[name])) continue;
    schema[name].forEach((_text, i) => {
      const value = Array.isArray(schema.enum) ? schema.enum[i] : undefined;
      const suffix = typeof value === 'string' && /^[\w.-]+$/.test(value) ? value : `${i}`;
      field(schema[name], i, `${prefix}.${name}.${suffix}`);
    });
  }
  if (schema.items !== undefined && !Array.isArray(schema.items)) settingSlots(schema.items, `${prefix}.items`, field, slots);
  for (const [name, nested] of Object.entries(schema.properties ?? {})) settingSlots(nested, `${prefix}.properties.${name}`, field, slots);
}

function viewSlots(contributes, field) {
  for (const containers of Object.values(contributes.viewsContainers ?? {})) {
    for (const container of containers) field(container, 'title', `viewContainer.${container.id}.title`);
  }
  for (const views of Object.values(contributes.views ?? {})) {
    for (const view of views) {
      field(view, 'name', `view.${view.id}.name`);
      field(view, 'contextualTitle', `view.${view.id}.contextualTitle`);
    }
  }
  for (const welcome of contributes.viewsWelcome ?? []) {
    const when = typeof welcome.when === 'string' ? `.when.${slug(welcome.when)}` : '';
    field(welcome, 'contents', `viewsWelcome.${welcome.view}${when}`);
  }
}

function walkthroughSlots(contributes, field) {
  for (const walkthrough of contributes.walkthroughs ?? []) {
    const prefix = `walkthrough.${walkthrough.id}`;
    field(walkthrough, 'title', `${prefix}.title`);
    field(walkthrough, 'description', `${prefix}.description`);
    for (const step of walkthrough.steps ?? []) {
      field(step, 'title', `${prefix}.step.${step.id}.title`);
      field(step, 'description', `${prefix}.step.${step.id}.description`);
      field(step.media, 'altText', `${prefix}.step.${step.id}.altText`);
    }
  }
}

/**
 * Moves plain strings of `manifest` into `nls` (both are changed in place) and drops orphan keys.
 * @returns the new nls object, keys in manifest order, and what was moved or dropped.
 * @throws when a `%key%` in the manifest has no English text in package.nls.json (nothing to translate from).
 */
export function externalize(manifest, nls) {
  const result = {};
  const moved = [];
  const missing = [];
  for (const slot of localizableSlots(manifest)) {
    const reference = NLS_REFERENCE.exec(slot.get());
    if (reference !== null) {
      const key = reference[1];
      if (typeof nls[key] === 'string' || typeof nls[key]?.message === 'string') result[key] = nls[key];
      else missing.push(key);
      continue;
    }
    const key = freeKey(slot.key, slot.get(), result);
    result[key] = slot.get();
    slot.set(`%${key}%`);
    moved.push(key);
  }
  if (missing.length > 0) throw new Error(`package.json names keys package.nls.json does not have: ${missing.join(', ')}`);
  const orphans = Object.keys(nls).filter((key) => !(key in result));
  return { nls: result, moved, orphans };
}

/**
 * The slot's key, or the key with a number after it when two slots would share it. A category key is shared on
 * purpose by every command of that category, as long as the English text is the same.
 */
function freeKey(key, text, taken) {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? key : `${key}${n}`;
    if (!(candidate in taken) || (candidate.startsWith('category.') && taken[candidate] === text)) return candidate;
  }
}

function main(args) {
  const root = resolve(fileURLToPath(import.meta.url), '..', '..');
  const manifestPath = resolve(root, 'package.json');
  const nlsPath = resolve(root, 'package.nls.json');
  const manifestText = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(manifestText);
  let nlsText = '{}\n';
  try {
    nlsText = readFileSync(nlsPath, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const { nls, moved, orphans } = externalize(manifest, JSON.parse(nlsText));
  const newManifest = `${JSON.stringify(manifest, null, 2)}\n`;
  const newNls = `${JSON.stringify(nls, null, 2)}\n`;
  const changed = newManifest !== manifestText || newNls !== nlsText;
  for (const key of moved) console.log(`moved    ${key}`);
  for (const key of orphans) console.log(`removed  ${key}`);
  if (args.includes('--check')) {
    if (changed) console.error('package.json and package.nls.json are not in step: run `npm run nls`.');
    return changed ? 1 : 0;
  }
  if (changed) {
    writeFileSync(manifestPath, newManifest);
    writeFileSync(nlsPath, newNls);
  }
  console.log(changed ? `package.nls.json: ${Object.keys(nls).length} strings` : 'package.json and package.nls.json already in step');
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
