/**
 * Hostile intake (#16): the parse time of the 2.4 MB map with 100K keys on the `yaml` path, which compared
 * every key with every earlier one (about 150 s of CPU). Target: linear, ≤ 1 s. Measured with the keysPerMap
 * limit raised (the default limit turns the document away after the syntax tree alone, also timed).
 */
import { intakeLimits } from '../src/engine/intake/limits.js';
import { parseManifestText } from '../src/engine/intake/manifests.js';
import { parseManifestTextWithYaml } from '../src/engine/intake/yamlManifests.js';
import { bestOf, fixed } from './stats.js';

function manyLabels(keys: number): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: many-labels', '  labels:'];
  for (let i = 0; i < keys; i++) lines.push(`    label-${String(i).padStart(6, '0')}: v${i}`);
  return `${lines.join('\n')}\n`;
}

export function benchHostileIntake(): void {
  const raised = intakeLimits({ keysPerMap: 1_000_000 });
  for (const keys of [25_000, 100_000]) {
    const text = manyLabels(keys);
    const mb = fixed(Buffer.byteLength(text) / 1048576, 2);
    const yamlMs = bestOf(
      3,
      () => undefined,
      () => parseManifestTextWithYaml(text, 'labels.yaml', raised),
    );
    const bothMs = bestOf(
      3,
      () => undefined,
      () => parseManifestText(text, 'labels.yaml', raised),
    );
    const refusedMs = bestOf(
      3,
      () => undefined,
      () => parseManifestTextWithYaml(text, 'labels.yaml'),
    );
    console.log(
      `map of ${keys} keys (${mb} MB): yaml path ${fixed(yamlMs, 0)} ms, parseManifestText ${fixed(bothMs, 0)} ms, ` +
        `refused by the default keysPerMap limit in ${fixed(refusedMs, 0)} ms`,
    );
  }
}

if (process.argv[1]?.endsWith('hostileIntake.ts')) benchHostileIntake();
