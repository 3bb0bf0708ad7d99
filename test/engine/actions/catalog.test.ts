import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, BULK_ACTIONS, actionSpec, actionsFor, bulkActionsFor } from '../../../src/engine/actions/catalog';
import { protectionRule } from '../../../src/engine/actions/protectedContext';

const ids = (kind: string, surface: 'cluster' | 'history' | 'manifests'): string[] => actionsFor(kind, surface).map((a) => a.id);

describe('the actions offered on an object', () => {
  it('offers each kind its own actions on a live cluster', () => {
    expect(ids('Deployment', 'cluster')).toEqual(['view-yaml', 'edit', 'copy-name', 'copy-kubectl', 'scale', 'restart', 'delete']);
    expect(ids('Secret', 'cluster')).toEqual(['view-yaml', 'copy-name', 'copy-kubectl', 'delete']);
    expect(ids('DaemonSet', 'cluster')).not.toContain('scale');
    expect(ids('Node', 'cluster')).toEqual(['view-yaml', 'edit', 'copy-name', 'copy-kubectl', 'delete', 'cordon', 'uncordon', 'drain']);
    expect(ids('Pod', 'cluster')).toEqual(['view-yaml', 'edit', 'copy-name', 'copy-kubectl', 'delete', 'shell', 'port-forward']);
    expect(ids('Service', 'cluster')).toEqual(['view-yaml', 'edit', 'copy-name', 'copy-kubectl', 'delete', 'port-forward']);
  });

  it('asks for the exec and portforward subresources of Pods, whatever the object (a Service forwards to a Pod)', () => {
    expect(actionSpec('shell').access).toEqual([{ verb: 'create', kind: 'Pod', subresource: 'exec' }]);
    expect(actionSpec('port-forward').access).toEqual([{ verb: 'create', kind: 'Pod', subresource: 'portforward' }]);
  });

  it('offers nothing that changes the cluster in history mode or on manifests', () => {
    for (const surface of ['history', 'manifests'] as const) {
      expect(ids('Deployment', surface)).toEqual(['view-yaml', 'copy-name', 'copy-kubectl']);
      expect(ids('Node', surface)).toEqual(['view-yaml', 'copy-name', 'copy-kubectl']);
      expect(ids('Pod', surface)).toEqual(['view-yaml', 'copy-name', 'copy-kubectl']);
    }
  });
});

describe('protected contexts', () => {
  it('matches the default pattern anywhere in the name, ignoring case', () => {
    const rule = protectionRule('prod|production');
    expect(rule.matches('gke_acme_europe-west1_PROD-main')).toBe(true);
    expect(rule.matches('kind-dev')).toBe(false);
    expect(rule.problem).toBeUndefined();
  });

  it('protects every context when the pattern is broken, and says so', () => {
    const rule = protectionRule('prod(');
    expect(rule.matches('kind-dev')).toBe(true);
    expect(rule.problem).toContain('not a valid regular expression');
  });

  it('protects nothing with an empty pattern', () => {
    expect(protectionRule('  ').matches('prod')).toBe(false);
  });
});

describe('the bulk actions of a multi-selection', () => {
  it('offers those that fit every selected kind, in menu order', () => {
    expect(bulkActionsFor(['Deployment', 'Service', 'Pod']).map((a) => a.id)).toEqual(['copy-name', 'delete']);
    expect(bulkActionsFor(['Secret', 'Node']).map((a) => a.id)).toEqual(['copy-name', 'delete']);
    expect([...BULK_ACTIONS].every((id) => actionSpec(id).kinds === undefined)).toBe(true);
  });
});

describe('the columns that name each action outside the engine', () => {
  const contributed = new Set(
    (
      JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
        contributes: { commands: { command: string }[] };
      }
    ).contributes.commands.map((c) => c.command),
  );

  it('gives every action a contributed command and a distinct journal verb', () => {
    for (const action of ACTIONS) expect(contributed, action.id).toContain(`kubilitics.actions.${action.command}`);
    expect(new Set(ACTIONS.map((a) => a.journalVerb)).size).toBe(ACTIONS.length);
    expect(ACTIONS.every((a) => /^[A-Z][A-Za-z]+$/.test(a.journalVerb))).toBe(true);
  });
});
