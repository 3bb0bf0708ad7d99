import { describe, expect, it } from 'vitest';
import { fieldPathSegments, lineOfField } from '../../../src/engine/actions/fieldLine';

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
