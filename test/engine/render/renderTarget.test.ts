import { describe, expect, it } from 'vitest';
import { renderTargetOf, toolOfMarker } from '../../../src/engine/render/renderTarget.js';

describe('render targets', () => {
  it('a chart folder or its Chart.yaml is helm; a kustomization folder or file is kustomize', () => {
    expect(renderTargetOf('charts/shop', true, ['Chart.yaml', 'values.yaml'])).toEqual({
      tool: 'helm',
      root: 'charts/shop',
      marker: 'charts/shop/Chart.yaml',
    });
    expect(renderTargetOf('charts/shop/Chart.yaml', false, [])).toEqual({
      tool: 'helm',
      root: 'charts/shop',
      marker: 'charts/shop/Chart.yaml',
    });
    expect(renderTargetOf('overlays/prod/', true, ['kustomization.yml'])).toEqual({
      tool: 'kustomize',
      root: 'overlays/prod',
      marker: 'overlays/prod/kustomization.yml',
    });
    expect(renderTargetOf('kustomization.yaml', false, [])).toEqual({ tool: 'kustomize', root: '.', marker: 'kustomization.yaml' });
    expect(renderTargetOf('/Kustomization', false, [])?.root).toBe('/');
  });

  it('a folder with both is a chart; plain folders and files are not targets', () => {
    expect(renderTargetOf('x', true, ['kustomization.yaml', 'Chart.yaml'])?.tool).toBe('helm');
    expect(renderTargetOf('k8s', true, ['deployment.yaml'])).toBeUndefined();
    expect(renderTargetOf('k8s/values.yaml', false, [])).toBeUndefined();
    expect(toolOfMarker('chart.yaml')).toBeUndefined();
  });
});
