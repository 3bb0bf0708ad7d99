import { describe, expect, it } from 'vitest';
import { itemsToApply } from '../../../src/engine/actions/applyManifests';

const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
---
apiVersion: v1
kind: Secret
metadata:
  name: db
stringData:
  password: hunter2
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: other }
    data: { token: aGk= }
`;

describe('the objects of a manifest to apply', () => {
  it('reads them through the intake, with their lines', () => {
    const { items, warnings } = itemsToApply(text, 'app.yaml');
    expect(warnings).toEqual([]);
    expect(items.map((item) => [item.object.metadata?.name, item.source.line])).toEqual([
      ['settings', 1],
      ['db', 8],
      ['other', 18],
    ]);
  });

  it("keeps a Secret's values for the apply request (the intake drops them for everything else)", () => {
    const { items } = itemsToApply(text, 'app.yaml');
    expect(items[1]!.object['stringData']).toEqual({ password: 'hunter2' });
    expect(items[2]!.object['data']).toEqual({ token: 'aGk=' });
  });
});
