/**
 * One set of manifest file rules: the CLI's folder walk (loadManifestPaths) and the extension's YAML mode
 * (a workspace search with MANIFEST_GLOB / EXCLUDE_GLOB, then isManifestPath, into a ManifestSet) must read the
 * same files of a folder, and so draw the same graph and count the same findings.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countFindings } from '../../../src/engine/findings.js';
import { EXCLUDE_GLOB, isManifestPath, MANIFEST_GLOB, SKIPPED_FOLDERS } from '../../../src/engine/intake/fileRules.js';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';
import { ManifestSet } from '../../../src/engine/intake/manifestSet.js';
import { topologyFromManifestSet, topologyFromPaths } from '../../../src/engine/topology.js';

const root = mkdtempSync(join(tmpdir(), 'kubilitics-rules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const service = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { selector: { app: ${name} } }\n`;
const FILES: Record<string, string> = {
  'deploy/web.yaml': service('web'),
  'deploy/API.YAML': service('api'),
  'deploy/nested/db.yml': service('db'),
  'deploy/list.json': JSON.stringify({
    apiVersion: 'v1',
    kind: 'List',
    items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }],
  }),
  'deploy/dist/web.yaml': service('web'),
  'deploy/out/web.yaml': service('web'),
  'deploy/node_modules/pkg/web.yaml': service('web'),
  'deploy/.git/web.yaml': service('web'),
  'deploy/package.json': '{"name":"x"}',
  'deploy/tsconfig.build.json': '{}',
  'deploy/notes.txt': service('txt'),
  'deploy/broken.yaml': 'kind: [',
};
for (const [path, text] of Object.entries(FILES)) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Every file below `dir`, as a workspace search lists them before its globs apply. */
function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? everyFile(join(dir, name)) : [join(dir, name)]));
}

/** The extension's choice: the search glob's extensions, outside the excluded folders, then isManifestPath. */
function extensionChoice(folder: string): string[] {
  const extensions = MANIFEST_GLOB.slice(MANIFEST_GLOB.indexOf('{') + 1, -1).split(',');
  const excluded = EXCLUDE_GLOB.slice(EXCLUDE_GLOB.indexOf('{') + 1, EXCLUDE_GLOB.indexOf('}')).split(',');
  return everyFile(folder)
    .map((file) => relative(folder, file))
    .filter((file) => extensions.some((extension) => file.endsWith(`.${extension}`)))
    .filter(
      (file) =>
        !file
          .split('/')
          .slice(0, -1)
          .some((part) => excluded.includes(part)),
    )
    .filter(isManifestPath)
    .sort();
}

describe('one set of manifest file rules', () => {
  it('skips dependencies, version control, build output and project JSON; reads every manifest spelling', async () => {
    const loaded = await loadManifestPaths([join(root, 'deploy')], join(root, 'deploy'));
    expect(loaded.files).toEqual(['API.YAML', 'broken.yaml', 'list.json', 'nested/db.yml', 'web.yaml']);
    expect(SKIPPED_FOLDERS).toEqual(expect.arrayContaining(['node_modules', '.git', 'dist', 'out']));
  });

  it('the CLI walk and the extension search choose the same files', async () => {
    const cli = await loadManifestPaths([join(root, 'deploy')], join(root, 'deploy'));
    expect(extensionChoice(join(root, 'deploy'))).toEqual(cli.files);
  });

  it('a build-output folder opened by itself is read (its rules start below it)', async () => {
    const cli = await loadManifestPaths([join(root, 'deploy', 'dist')], root);
    expect(cli.files).toEqual(['deploy/dist/web.yaml']);
    expect(extensionChoice(join(root, 'deploy', 'dist'))).toEqual(['web.yaml']);
  });

  it('the view and `render --check` get the same graph and the same counts from one folder', async () => {
    const cli = await topologyFromPaths([join(root, 'deploy')], { root });
    const set = new ManifestSet();
    for (const file of extensionChoice(join(root, 'deploy')))
      set.update(`deploy/${file}`, readFileSync(join(root, 'deploy', file), 'utf8'));
    const view = topologyFromManifestSet(set, ['deploy']);
    expect(view.engine.graph()).toEqual(cli.engine.graph());
    expect(countFindings(view.findings)).toEqual(countFindings(cli.findings));
    expect(countFindings(cli.findings)).toEqual({ error: 1, warning: 3, info: 0 });
  });
});
