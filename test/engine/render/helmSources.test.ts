import { describe, expect, it } from 'vitest';
import {
  chartRelativePath,
  helmDocumentSources,
  helmErrorLocation,
  sourceAtLine,
  templateLineOf,
} from '../../../src/engine/render/helmSources.js';

const RENDERED = `---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: shop
---
# Source: shop/charts/db/templates/statefulset.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: no-comment
`;

describe('helm # Source: comments', () => {
  it('gives each document the template that wrote it, by line', () => {
    const documents = helmDocumentSources(RENDERED);
    expect(sourceAtLine(documents, 1)).toBe('shop/templates/serviceaccount.yaml');
    expect(sourceAtLine(documents, 4)).toBe('shop/templates/serviceaccount.yaml');
    expect(sourceAtLine(documents, 7)).toBe('shop/charts/db/templates/statefulset.yaml');
    expect(sourceAtLine(documents, 10)).toBe('shop/charts/db/templates/statefulset.yaml');
    expect(sourceAtLine(documents, 15)).toBeUndefined();
  });

  it('reads a first document without a leading ---', () => {
    const documents = helmDocumentSources('# Source: a/templates/x.yaml\nkind: Pod\n---\n# Source: a/templates/y.yaml\nkind: Pod\n');
    expect(sourceAtLine(documents, 2)).toBe('a/templates/x.yaml');
    expect(sourceAtLine(documents, 5)).toBe('a/templates/y.yaml');
  });

  it('takes the chart name off a source path and refuses paths that leave the chart', () => {
    expect(chartRelativePath('shop/templates/web.yaml')).toBe('templates/web.yaml');
    expect(chartRelativePath('shop/charts/db/templates/x.yaml')).toBe('charts/db/templates/x.yaml');
    expect(chartRelativePath('shop/../../etc/passwd')).toBeUndefined();
    expect(chartRelativePath('web.yaml')).toBeUndefined();
  });

  it('finds the nth document of a kind in a template, else the first kind line, else line 1', () => {
    const template =
      '{{- if .Values.x }}\napiVersion: v1\nkind: Service\n---\nkind: "Deployment"\n---\nkind: Service # again\n{{- end }}\n';
    expect(templateLineOf(template, 'Service', 0)).toBe(3);
    expect(templateLineOf(template, 'Service', 1)).toBe(7);
    expect(templateLineOf(template, 'Service', 5)).toBe(7);
    expect(templateLineOf(template, 'Deployment', 0)).toBe(5);
    expect(templateLineOf('kind: {{ .Values.kind }}\n', 'Job', 0)).toBe(1);
    expect(templateLineOf('a: 1\n\nkind: {{ .Values.kind }}\n', 'Job', 0)).toBe(3);
    expect(templateLineOf('{{ include "x" . }}\n', 'Job', 0)).toBe(1);
  });

  it('reads where a helm error points', () => {
    expect(helmErrorLocation('Error: execution error at (broken/templates/pod.yaml:8:16): image.tag is required')).toEqual({
      source: 'broken/templates/pod.yaml',
      line: 8,
    });
    expect(helmErrorLocation('Error: template: shop/templates/web.yaml:12:3: executing "x" at <.Values.a.b>: nil pointer')).toEqual({
      source: 'shop/templates/web.yaml',
      line: 12,
    });
    expect(helmErrorLocation('Error: YAML parse error on shop/templates/web.yaml: error converting YAML to JSON')).toEqual({
      source: 'shop/templates/web.yaml',
      line: 1,
    });
    expect(helmErrorLocation('Error: Chart.yaml file is missing')).toBeUndefined();
  });
});
