/** Mermaid and Graphviz DOT: snapshots of a small fixture, plus the rules that keep them valid. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quote, renderDot } from '../../../src/engine/export/dot.js';
import { escapeLabel, renderMermaid } from '../../../src/engine/export/mermaid.js';
import { safeIds } from '../../../src/engine/export/safeIds.js';
import { fmt } from '../../../src/engine/export/text.js';
import { graphOf } from '../support.js';
import { SMALL_YAML, sceneOf } from './support.js';

const GRAPHVIZ = ['/usr/bin/dot', '/usr/local/bin/dot'].find((p) => existsSync(p));
/** Graphviz is a system package (scripts/setup-e2e.sh installs it): CI (KUBILITICS_REQUIRE_E2E=1) fails without it. */
const GRAPHVIZ_REQUIRED = process.env['KUBILITICS_REQUIRE_E2E'] === '1';
const NO_GRAPHVIZ = 'Graphviz `dot` is not installed (apt-get install graphviz, or bash scripts/setup-e2e.sh)';
if (GRAPHVIZ === undefined && !GRAPHVIZ_REQUIRED) console.log(`skipped: the DOT export's Graphviz check: ${NO_GRAPHVIZ}`);

describe('Mermaid export', () => {
  it('matches the snapshot of the small fixture', async () => {
    await expect(renderMermaid(await sceneOf(graphOf(SMALL_YAML)))).toMatchFileSnapshot('__snapshots__/small.mmd');
  });

  it('declares every node once, in a subgraph per namespace, and styles broken links', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML));
    const text = renderMermaid(scene);
    expect(text.split('\n')[1]).toBe('flowchart LR');
    expect(text.match(/^ {2}subgraph /gm)).toHaveLength(scene.groups.length);
    expect(text.match(/:::/g)).toHaveLength(scene.nodes.length);
    const brokenIndex = scene.edges.findIndex((e) => e.broken !== undefined);
    expect(text).toMatch(new RegExp(`linkStyle (\\d+,)*${brokenIndex}(,\\d+)* stroke:#a1260d,stroke-width:2px,stroke-dasharray:6 4`));
    expect(text).toContain(' -.-x ');
    expect(text).not.toMatch(/\["[^"]*"[^\]]*"\]/); // no raw quotes inside a label
  });

  it('makes stable, safe ids and escapes labels', () => {
    const ids = safeIds(['core/Pod/a/end', 'core/Pod/a-end', 'core/Pod/a_end']);
    expect([...ids.values()]).toEqual(['n_core_Pod_a_end', 'n_core_Pod_a_end_2', 'n_core_Pod_a_end_3']);
    expect(escapeLabel('fast "ssd" <tier> #1\nx')).toBe('fast #quot;ssd#quot; #lt;tier#gt; #35;1<br>x');
  });

  it('lets no object name, namespace or title start a directive or leave its label', async () => {
    const directive = '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%';
    const hostile = `
apiVersion: v1
kind: Namespace
metadata: { name: '${directive}' }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: '${directive}', namespace: '${directive}' }
---
apiVersion: v1
kind: Service
metadata: { name: '"]; click x call alert(1); %%{init}%%', namespace: 'shop' }
---
apiVersion: v1
kind: Secret
metadata: { name: "\`**md**\`\\r\\nend", namespace: 'shop' }
`;
    const scene = await sceneOf(graphOf(hostile), {}, 'document', `title ${directive}`);
    const text = renderMermaid(scene);
    expect(text).not.toMatch(/%%\s*\{/); // no directive can start anywhere
    expect(text.match(/%%/g)).toHaveLength(1); // only the header comment's own marker
    expect(text.startsWith('%% title #37;#37;{init')).toBe(true);
    expect(text).not.toContain('`');
    expect(text).not.toContain('\r');
    // Each label is one quoted string: an opening quote, no quote inside, a closing quote.
    for (const line of text
      .split('\n')
      .slice(1)
      .filter((l) => l.includes(`"`)))
      expect(line.match(/"/g)).toHaveLength(2);
  });
});

describe('DOT export', () => {
  it('matches the snapshot of the small fixture', async () => {
    await expect(renderDot(await sceneOf(graphOf(SMALL_YAML)))).toMatchFileSnapshot('__snapshots__/small.dot');
  });

  it('keeps the view positions and one cluster per namespace box', async () => {
    const scene = await sceneOf(graphOf(SMALL_YAML));
    const text = renderDot(scene);
    expect(text.match(/subgraph "cluster_\d+"/g)).toHaveLength(scene.groups.length);
    const top = scene.drawing.y + scene.drawing.height;
    for (const n of scene.nodes) {
      expect(text).toContain(`${quote(n.id)} [label=`);
      expect(text).toContain(`pos="${fmt(n.x)},${fmt(top - n.y)}!"`);
    }
    expect(quote('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });

  it.skipIf(GRAPHVIZ === undefined && !GRAPHVIZ_REQUIRED)('is accepted by Graphviz, as laid out (neato -n2) and afresh (dot)', async () => {
    if (GRAPHVIZ === undefined) throw new Error(`required by KUBILITICS_REQUIRE_E2E=1: ${NO_GRAPHVIZ}`);
    const text = renderDot(await sceneOf(graphOf(SMALL_YAML)));
    for (const [program, args] of [
      ['neato', ['-n2']],
      ['dot', []],
    ] as const) {
      const svg = execFileSync(program, [...args, '-Tsvg'], { input: text }).toString();
      expect(svg).toContain('</svg>');
    }
  });
});
