import { describe, expect, it } from 'vitest';
import { fieldPathSegments, lineOfField, placeProblems } from '../../../src/engine/actions/fieldLine';

const deployment = `# kubilitics-edit {"context":"kind","id":"apps/Deployment/shop/web"}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: sidecar
          image: envoy
        - name: web
          image: nginx
          ports:
            - containerPort: 80
              protocol: TCP
`;

describe('field paths as the API server spells them', () => {
  it('reads validation paths, map keys with dots, and apply conflict selectors', () => {
    expect(fieldPathSegments('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(fieldPathSegments('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldPathSegments('.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      { name: 'web' },
      'ports',
      { containerPort: '80', protocol: 'TCP' },
    ]);
  });
});

describe('the line of a field in the edited YAML', () => {
  it('finds a field by index, by key and by a list item selector', () => {
    expect(lineOfField(deployment, 'spec.replicas')).toEqual({ line: 9, exact: true });
    expect(lineOfField(deployment, 'spec.template.spec.containers[1].image')).toEqual({ line: 16, exact: true });
    expect(lineOfField(deployment, '.spec.template.spec.containers[name="web"].image')).toEqual({ line: 16, exact: true });
    expect(lineOfField(deployment, 'metadata.labels[app.kubernetes.io/name]')).toEqual({ line: 7, exact: true });
    expect(lineOfField(deployment, 'spec.template.spec.containers[1].ports[containerPort=80,protocol="TCP"]')?.line).toBe(18);
  });

  it('falls back to the nearest enclosing field when the field is not written', () => {
    expect(lineOfField(deployment, 'spec.selector')).toEqual({ line: 8, exact: false });
    expect(lineOfField(deployment, 'spec.template.spec.containers[5].image')).toEqual({ line: 12, exact: false });
  });

  it('looks in the document that holds the given line', () => {
    const text = 'kind: A\nspec:\n  x: 1\n---\nkind: B\nspec:\n  x: 2\n';
    expect(lineOfField(text, 'spec.x', 5)).toEqual({ line: 7, exact: true });
    expect(lineOfField(text, 'spec.x', 4)?.line).toBe(7);
    expect(lineOfField(text, 'spec.x')).toEqual({ line: 3, exact: true });
  });
});

describe('the problems of an applied object at their lines in its file', () => {
  // Two objects in one file, as Apply to Cluster reads it: the second Deployment's document starts at line 7.
  const file = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: settings',
    'data: {}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  replicas: -1',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: ""',
    '',
  ].join('\n');

  it("places each field of a 422 in the object's own document, not in the first one", () => {
    const placed = placeProblems(file, 7, [
      { field: 'spec.replicas', message: 'must be greater than or equal to 0' },
      { field: 'spec.template.spec.containers[0].image', message: 'Required value' },
    ]);
    expect(placed).toEqual([
      { line: 12, message: 'spec.replicas: must be greater than or equal to 0', exact: true },
      { line: 17, message: 'spec.template.spec.containers[0].image: Required value', exact: true },
    ]);
  });

  it('puts a field that is not written at its nearest enclosing field, and a problem of the whole object at its first line', () => {
    const placed = placeProblems(file, 7, [
      { field: 'spec.selector', message: 'Required value' },
      { field: '', message: 'the object is refused' },
    ]);
    expect(placed).toEqual([
      { line: 11, message: 'spec.selector: Required value', exact: false },
      { line: 7, message: 'the object is refused', exact: false },
    ]);
  });

  it('counts lines of a selection in its document, so a shifted start still finds the object', () => {
    const shifted = `# a comment\n# another\n${file}`;
    expect(placeProblems(shifted, 9, [{ field: '.spec.replicas', message: 'owned by "helm"' }])[0]).toEqual({
      line: 14,
      message: '.spec.replicas: owned by "helm"',
      exact: true,
    });
  });
});
