/** `kubilitics summary`: one count by severity, then the findings grouped by kind of problem. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/renderCommand.js';
import { countFindings, describeCounts } from '../../src/engine/findings.js';
import { topologyFromPaths } from '../../src/engine/topology.js';

const EXAMPLE = resolve(__dirname, '../../examples/shop');
const dir = mkdtempSync(join(tmpdir(), 'kubilitics-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function summary(...paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => out.push(line) };
  expect(await main(['summary', ...paths], io)).toBe(0);
  return out;
}

describe('kubilitics summary', () => {
  it('counts by severity with the count every other place uses, then groups by kind of problem', async () => {
    const lines = await summary(EXAMPLE);
    const expected = describeCounts(countFindings((await topologyFromPaths([EXAMPLE])).findings));
    expect(lines).toContain(`problems: ${expected}`);
    expect(expected).toBe('7 warnings, 4 notes');
    const groups = lines.filter((line) => /^(error|warning|note) /.test(line));
    expect(groups).toEqual([
      'warning Broken references to a Secret (3)',
      'warning Broken references to a ConfigMap (1)',
      'warning Broken references to a RuntimeClass (1)',
      'warning Broken references to a Service (1)',
      'warning Services that select nothing (1)',
      'note    Secrets created outside the manifests (tokens, TLS, pull secrets) (4)',
    ]);
  });

  it('lists errors and warnings in full and notes by a few examples, so many notes never bury the rest', async () => {
    const folder = join(dir, 'tokens');
    mkdirSync(folder);
    const volumes = Array.from({ length: 12 }, (_, i) => `{ name: v${i}, secret: { secretName: sa${i}-token-abcd${i % 10} } }`).join(', ');
    writeFileSync(
      join(folder, 'pod.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec: { volumes: [${volumes}], containers: [] }\n`,
    );
    const lines = await summary(folder);
    expect(lines).toContain('problems: 12 notes');
    expect(lines.filter((line) => line.includes('service-account token'))).toHaveLength(3);
    expect(lines).toContain('          … and 9 more like these');
  });
});
