/**
 * The engine's messages (Problems, insights, intake warnings, history recovery) translate through @vscode/l10n,
 * which the extension host configures with the bundle VS Code loaded. Given a translated bundle (the
 * pseudo-localisation @vscode/l10n-dev makes of ours) they come out of it with their arguments in place; unconfigured
 * (the CLI, tests, workers) they are English. What they describe does not move: the graph and the order of the
 * findings are the same in every language.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as l10n from '@vscode/l10n';
import { getL10nPseudoLocalized, type l10nJsonFormat } from '@vscode/l10n-dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionSpec } from '../../src/engine/actions/catalog.js';
import { describeCounts, groupFindings, type Finding } from '../../src/engine/findings.js';
import { TopologyEngine } from '../../src/engine/graph/engine.js';
import { serializeGraph } from '../../src/engine/graph/validate.js';
import { parseManifestText } from '../../src/engine/intake/manifests.js';
import { loadOrRecover } from '../../src/engine/store/recovery.js';
import { loadSqlJs } from '../../src/engine/store/sqlJs.js';
import { manifestFindings } from '../../src/engine/topology.js';
import { tempDir } from './store/support.js';

const bundle = JSON.parse(readFileSync(resolve(__dirname, '../../l10n/bundle.l10n.json'), 'utf8')) as l10nJsonFormat;
const pseudo = getL10nPseudoLocalized(bundle) as Record<string, string>;

/** The pseudo-localised text of an English message, with its `{n}` filled in. */
function translated(message: string, ...args: Array<string | number>): string {
  const text = pseudo[message];
  if (text === undefined) throw new Error(`not in l10n/bundle.l10n.json: ${message}`);
  return text.replace(/\{(\d+)\}/g, (_whole, index: string) => String(args[Number(index)] ?? ''));
}

/** A broken reference, a Service that selects nothing (named for a workload it misses), a duplicate, a non-object. */
const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { app: web } }
spec:
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, envFrom: [{ configMapRef: { name: settings } }] }] } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: wbe } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: shared }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: shared }
---
just: a map
`;

function topologyOf(yaml: string): { graph: string; findings: Finding[] } {
  const parsed = parseManifestText(yaml, 'fixture.yaml');
  const engine = TopologyEngine.build(parsed.objects);
  return { graph: serializeGraph(engine.graph()), findings: manifestFindings({ intake: parsed.warnings, engine, setOf: () => 'one' }) };
}

const messageOf = (findings: readonly Finding[], kind: string): string | undefined => findings.find((f) => f.kind === kind)?.message;

/** A history database that is not one: it is moved aside and the warning says so. */
async function recoveryMessage(): Promise<{ message: string; movedTo: string }> {
  const path = join(await tempDir(), 'kubilitics.db');
  await writeFile(path, 'not a database\n'.repeat(20));
  const loaded = await loadOrRecover(await loadSqlJs(), path, new Date('2025-03-04T05:06:07.089Z'));
  loaded.db.close();
  return { message: loaded.warning!.message, movedTo: loaded.warning!.movedTo };
}

const BROKEN = 'Deployment default/web → ConfigMap default/settings (envFrom (c))';

describe('engine messages', () => {
  const english = topologyOf(MANIFESTS);

  it('are English while no bundle is configured (English is the default bundle)', async () => {
    expect(messageOf(english.findings, 'broken-reference')).toBe(`${BROKEN} is not in the input`);
    expect(messageOf(english.findings, 'service-selects-nothing')).toBe('Service default/web selects no pods or workloads');
    expect(messageOf(english.findings, 'duplicate')).toBe(
      'duplicate ConfigMap default/shared: fixture.yaml:17 repeats fixture.yaml:13; using the first',
    );
    expect(messageOf(english.findings, 'not-an-object')).toBe('skipped: not a Kubernetes object (no apiVersion and kind)');
    expect(describeCounts({ error: 1, warning: 3, info: 1 })).toBe('1 error, 3 warnings, 1 note');
    expect(actionSpec('scale').title).toBe('Scale…');
    const { message, movedTo } = await recoveryMessage();
    expect(message).toBe(
      `The Kubilitics history database was unreadable (not an SQLite database). It was moved to ${movedTo} and a new one started.`,
    );
  });

  describe('with a translated bundle', () => {
    beforeAll(() => l10n.config({ contents: pseudo }));
    afterAll(() => l10n.config({ contents: {} }));

    it('come from the bundle, arguments in place', () => {
      const { findings } = topologyOf(MANIFESTS);
      const broken = messageOf(findings, 'broken-reference');
      expect(broken).toBe(
        translated('{0} → {1} ({2}) is not in the input', 'Deployment default/web', 'ConfigMap default/settings', 'envFrom (c)'),
      );
      expect(broken).not.toContain('is not in the input');
      expect(messageOf(findings, 'service-selects-nothing')).toBe(translated('{0} selects no pods or workloads', 'Service default/web'));
      expect(messageOf(findings, 'workload-not-selected')).toBe(
        translated('{0} is named for {1} but does not select it', 'Service default/web', 'Deployment default/web'),
      );
      expect(messageOf(findings, 'duplicate')).toBe(
        translated('duplicate {0}: {1} repeats {2}; using the first', 'ConfigMap default/shared', 'fixture.yaml:17', 'fixture.yaml:13'),
      );
      expect(messageOf(findings, 'not-an-object')).toBe(translated('skipped: not a Kubernetes object (no apiVersion and kind)'));
    });

    it('the titles of the Problems groups and of actions too; the counts line of the log stays English', () => {
      const { findings } = topologyOf(MANIFESTS);
      const titles = groupFindings(findings).map((group) => group.title);
      expect(titles).toContain(translated('Broken references to a {0}', 'ConfigMap'));
      expect(titles).toContain(translated('Duplicate objects'));
      // The counts line is printed by the CLI and the log output channel only, both English.
      expect(describeCounts({ error: 1, warning: 3, info: 0 })).toBe('1 error, 3 warnings');
      // Read when shown: the catalog was loaded before l10n was configured.
      expect(actionSpec('scale').title).toBe(translated('Scale…'));
    });

    it('a damaged history database is explained in the language, its reason too', async () => {
      const { message, movedTo } = await recoveryMessage();
      expect(message).toBe(
        translated(
          'The Kubilitics history database was unreadable ({0}). It was moved to {1} and a new one started.',
          translated('not an SQLite database'),
          movedTo,
        ),
      );
    });

    it('leave the graph and the order of the findings as they are in English', () => {
      const local = topologyOf(MANIFESTS);
      expect(local.graph).toBe(english.graph);
      const order = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.kind} ${f.objects.join(' ')} ${f.source?.line}`);
      expect(order(local.findings)).toEqual(order(english.findings));
      expect(local.findings.map((f) => f.message)).not.toEqual(english.findings.map((f) => f.message));
    });
  });
});
