/** Marketplace and first-run facts of package.json that the README states and VS Code relies on. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

interface Step {
  readonly id: string;
  readonly description: string;
  readonly media: { readonly image: string | Readonly<Record<string, string>>; readonly altText: string };
  readonly completionEvents: readonly string[];
}

interface Manifest {
  readonly main?: string;
  readonly browser?: string;
  readonly icon: string;
  readonly keywords: readonly string[];
  readonly categories: readonly string[];
  readonly galleryBanner: { readonly color: string; readonly theme: string };
  readonly extensionKind: readonly string[];
  readonly capabilities: { readonly virtualWorkspaces: boolean | { readonly supported: boolean | string } };
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly walkthroughs: readonly { readonly id: string; readonly steps: readonly Step[] }[];
  };
}

const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as Manifest;
const declared = new Set(manifest.contributes.commands.map((c) => c.command));
const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);

const nls = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.json'), 'utf8')) as Readonly<Record<string, string>>;

/** The English text of a manifest string: a `%key%` is looked up in package.nls.json, as VS Code does. */
function english(text: string): string {
  const key = /^%(.+)%$/.exec(text)?.[1];
  return key === undefined ? text : (nls[key] ?? text);
}

/** `command:id` links of a markdown text (walkthrough descriptions). */
function commandLinks(markdown: string): string[] {
  return [...english(markdown).matchAll(/\(command:([\w.]+)/g)].map((match) => match[1]!);
}

describe('package.json', () => {
  it('runs where the kubeconfig is, and claims no web version', () => {
    expect(manifest.extensionKind).toEqual(['workspace']);
    // No `browser` entry: vscode.dev and github.dev cannot load the extension, and the README says so.
    expect(manifest.browser).toBeUndefined();
    expect(manifest.main).toBe('./dist/extension.js');
    const virtual = manifest.capabilities.virtualWorkspaces;
    expect(typeof virtual === 'boolean' ? virtual : virtual.supported).toBe(false);
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/not available in vscode\.dev/i);
  });

  it('has one walkthrough of four steps whose buttons and completion events name commands it declares', () => {
    expect(manifest.contributes.walkthroughs.map((w) => w.id)).toEqual(['gettingStarted']);
    expect(steps.map((s) => s.id)).toEqual(['openExample', 'openManifests', 'connectCluster', 'exportDiagram']);
    for (const step of steps) {
      const links = commandLinks(step.description);
      expect(links.length, step.id).toBeGreaterThan(0);
      const events = step.completionEvents.filter((event) => event.startsWith('onCommand:')).map((event) => event.slice(10));
      expect(events.length, step.id).toBeGreaterThan(0);
      // A step's button must also complete it.
      expect(events, step.id).toEqual(expect.arrayContaining(links));
      expect(
        [...links, ...events].filter((command) => !declared.has(command)),
        step.id,
      ).toEqual([]);
    }
  });

  it('gives every step media that exists, is small, and ships (media/walkthrough is in the .vsix)', () => {
    const images = steps.flatMap((step) => (typeof step.media.image === 'string' ? [step.media.image] : Object.values(step.media.image)));
    expect(images.length).toBeGreaterThanOrEqual(steps.length);
    for (const image of images) {
      expect(image).toMatch(/^media\/walkthrough\/[\w-]+\.(png|svg)$/);
      expect(existsSync(resolve(ROOT, image)), image).toBe(true);
      expect(statSync(resolve(ROOT, image)).size, image).toBeLessThan(200_000);
    }
    for (const step of steps) expect(step.media.altText.length, step.id).toBeGreaterThan(10);
    expect(readFileSync(resolve(ROOT, '.vscodeignore'), 'utf8')).toMatch(/^!media\/walkthrough\/\*\*$/m);
  });

  it('is ready for the Marketplace: icon, banner, categories, at most 30 keywords', () => {
    expect(existsSync(resolve(ROOT, manifest.icon))).toBe(true);
    expect(manifest.galleryBanner.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(['dark', 'light']).toContain(manifest.galleryBanner.theme);
    expect(manifest.categories).toContain('Visualization');
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    expect(new Set(manifest.keywords).size).toBe(manifest.keywords.length);
    expect(manifest.keywords).toEqual(expect.arrayContaining(['kubernetes', 'helm', 'kustomize', 'kubectl', 'diagram']));
  });
});
