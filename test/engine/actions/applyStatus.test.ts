import { describe, expect, it } from 'vitest';
import { conflictProblems, explainConflicts, fieldConflicts, invalidFields } from '../../../src/engine/actions/applyStatus';

const conflict = {
  message: 'Apply failed with 2 conflicts: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  details: {
    causes: [
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
      { reason: 'FieldManagerConflict', message: 'conflict with "helm": .metadata.labels.tier' },
    ],
  },
};

describe('an apply conflict, explained', () => {
  it('names each field and the manager that owns it', () => {
    expect(fieldConflicts(conflict)).toEqual([
      { manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', field: '.spec.replicas' },
      { manager: 'helm', field: '.metadata.labels.tier' },
    ]);
    const text = explainConflicts(fieldConflicts(conflict), 'Deployment shop/web');
    expect(text).toContain('would change 2 fields that "kubectl-client-side-apply", "helm" set');
    expect(text).toContain('• .spec.replicas is owned by "kubectl-client-side-apply" (apps/v1)');
    expect(text).toContain('Force takes the fields over');
  });

  it('gives each conflicting field as a problem to place at its line, naming its owner', () => {
    expect(conflictProblems(fieldConflicts(conflict))).toEqual([
      { field: '.spec.replicas', message: 'owned by "kubectl-client-side-apply"' },
      { field: '.metadata.labels.tier', message: 'owned by "helm"' },
    ]);
  });

  it('says what it can when the server names no field (an update conflict)', () => {
    expect(fieldConflicts({ message: 'the object has been modified' })).toEqual([]);
    expect(explainConflicts([], 'Pod a/b')).toMatch(/changed on the cluster since it was read/);
  });
});

describe('a 422, field by field', () => {
  it('keeps each cause with its field, or the message for the whole object', () => {
    const status = {
      message: 'Deployment.apps "web" is invalid',
      details: { causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' }] },
    };
    expect(invalidFields(status)).toEqual([{ field: 'spec.template.spec.containers[0].image', message: 'Required value' }]);
    expect(invalidFields({ message: 'bad' })).toEqual([{ field: '', message: 'bad' }]);
    expect(invalidFields(undefined)).toEqual([]);
  });
});
