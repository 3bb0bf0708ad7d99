/** Manifest mode keeps what cluster mode keeps: no Secret values, no last-applied annotation, anywhere. */
import { describe, expect, it } from 'vitest';
import { parseManifestText } from '../../../src/engine/intake/manifests.js';
import { parseManifestTextWithYaml } from '../../../src/engine/intake/yamlManifests.js';

const VALUE = 'hunter2-very-secret';
const ENCODED = Buffer.from(VALUE).toString('base64');
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const applied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', stringData: { password: VALUE } });

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    owner: team-a
    ${LAST_APPLIED}: '${applied}'
  managedFields: [{ manager: kubectl }]
type: Opaque
data:
  password: ${ENCODED}
stringData:
  password: ${VALUE}
`;
const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata: { name: in-list }
  data: { token: ${ENCODED} }
`;
const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    ${LAST_APPLIED}: '{"data":{"level":"debug"}}'
data:
  level: debug
`;

describe('what intake keeps of a Secret', () => {
  for (const [path, parse] of [
    ['either path', parseManifestText],
    ['the yaml path', parseManifestTextWithYaml],
  ] as const) {
    it(`holds no Secret value anywhere in what ${path} returns, objects, List items and value lines alike`, () => {
      const parsed = parse(`${secret}---\n${list}---\n${configMap}`, 'secrets.yaml');
      expect(parsed.warnings).toEqual([]);
      const serialized = JSON.stringify(parsed, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
      expect(serialized).not.toContain(VALUE);
      expect(serialized).not.toContain(ENCODED);
      const [db, inList, settings] = parsed.objects;
      expect(db!.object).toEqual({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'db', annotations: { owner: 'team-a' } },
        type: 'Opaque',
      });
      expect(db!.valueLines).toBeUndefined();
      expect(inList!.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'in-list' } });
      // Not a Secret: its data stays (references are drawn from it); the last-applied copy goes, as in cluster mode.
      expect(settings!.object).toEqual({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', annotations: {} },
        data: { level: 'debug' },
      });
      expect(settings!.valueLines?.get('debug')).toBe(30);
    });
  }
});
