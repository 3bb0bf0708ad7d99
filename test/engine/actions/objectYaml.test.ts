import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { objectYaml } from '../../../src/engine/actions/objectYaml';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', managedFields: [{ manager: 'kubectl' }, { manager: 'kube-controller-manager' }] },
  spec: { replicas: 2 },
};
const options = { showManagedFields: false, metadataOnly: false, toggleHint: 'Kubilitics: Toggle Managed Fields' };

describe('the YAML document of a live object', () => {
  it('hides managedFields by default and says how to show them', () => {
    const text = objectYaml(deployment, options);
    expect(text).toContain('# metadata.managedFields hidden (2 entries): Kubilitics: Toggle Managed Fields shows them.');
    expect(parse(text)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2 },
    });
  });

  it('shows them when asked', () => {
    const text = objectYaml(deployment, { ...options, showManagedFields: true });
    expect(text).not.toContain('hidden');
    expect(parse(text)).toEqual(deployment);
  });

  it('says a Secret is metadata only', () => {
    const text = objectYaml({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' } }, { ...options, metadataOnly: true });
    expect(text.split('\n')[0]).toMatch(/^# Secret: metadata only/);
    expect(parse(text)).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' } });
  });
});
