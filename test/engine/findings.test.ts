import { describe, expect, it } from 'vitest';
import { countFindings, describeCounts, groupFindings, type Finding } from '../../src/engine/findings.js';

const finding = (severity: Finding['severity'], kind: string, objects: string[] = []): Finding => ({
  severity,
  kind,
  message: kind,
  objects,
});

describe('findings', () => {
  it('are counted by severity, each severity on its own', () => {
    const findings = [
      finding('error', 'duplicate'),
      finding('warning', 'broken-reference'),
      finding('warning', 'unbound-claim'),
      finding('info', 'external-secret'),
    ];
    expect(countFindings(findings)).toEqual({ error: 1, warning: 2, info: 1 });
    expect(describeCounts(countFindings(findings))).toBe('1 error, 2 warnings, 1 note');
    expect(describeCounts(countFindings([]))).toBe('no problems');
    expect(describeCounts({ error: 0, warning: 25, info: 0 })).toBe('25 warnings');
  });

  it('are grouped by kind of problem, broken references by the kind they miss; errors first, larger groups first', () => {
    const secret = 'core/Secret/shop/api-keys';
    const config = 'core/ConfigMap/shop/theme';
    const groups = groupFindings([
      finding('info', 'external-secret', ['apps/Deployment/shop/a', secret]),
      finding('warning', 'broken-reference', ['apps/Deployment/shop/a', config]),
      finding('warning', 'broken-reference', ['apps/Deployment/shop/a', secret]),
      finding('warning', 'broken-reference', ['apps/Deployment/shop/b', secret]),
      finding('error', 'yaml-error'),
    ]);
    expect(groups.map((g) => [g.severity, g.title, g.findings.length])).toEqual([
      ['error', 'YAML errors', 1],
      ['warning', 'Broken references to a Secret', 2],
      ['warning', 'Broken references to a ConfigMap', 1],
      ['info', 'Secrets created outside the manifests (tokens, TLS, pull secrets)', 1],
    ]);
  });
});
