/** A folder walk that meets a Helm chart leaves its templates out (they are not YAML) and says how to draw it. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartRootOf, leaveOutChartTemplates } from '../../../src/engine/intake/fileRules.js';
import { loadManifestPaths } from '../../../src/engine/intake/files.js';

const FIXTURES = resolve(__dirname, '../../fixtures');

describe('chart templates in a folder walk', () => {
  it('leaves out templates/ and charts/ of each chart, one note per chart, keeping what was named explicitly', () => {
    const files = [
      'apps/web.yaml',
      'charts/shop/Chart.yaml',
      'charts/shop/charts/db/templates/db.yaml',
      'charts/shop/templates/a.yaml',
      'charts/shop/templates/b.yaml',
      'charts/shop/values.yaml',
      'other/Chart.yaml',
      'other/templates/top.yaml',
    ];
    const { kept, notes, chartRoots } = leaveOutChartTemplates(files, ['charts/shop/templates/b.yaml']);
    expect(kept).toEqual([
      'apps/web.yaml',
      'charts/shop/Chart.yaml',
      'charts/shop/templates/b.yaml',
      'charts/shop/values.yaml',
      'other/Chart.yaml',
    ]);
    expect(notes.map((note) => [note.file, note.problem, note.severity])).toEqual([
      ['charts/shop/charts/db/templates/db.yaml', 'helm-chart', 'note'],
      ['other/templates/top.yaml', 'helm-chart', 'note'],
    ]);
    expect(notes[0]!.message).toContain('open the chart itself to draw what helm renders');
    expect(notes[1]!.message).toContain('kubilitics render other)');
    // A chart at the top: everything in its charts/ folder is its subcharts.
    expect(leaveOutChartTemplates(['Chart.yaml', 'charts/db/Chart.yaml', 'charts/db/templates/x.yaml', 'k8s/a.yaml']).kept).toEqual([
      'Chart.yaml',
      'k8s/a.yaml',
    ]);
    expect(chartRootOf('charts/shop/templates/new.yaml', chartRoots)).toBe('charts/shop/');
    expect(chartRootOf('apps/templates/x.yaml', chartRoots)).toBeUndefined();
  });

  it('a folder without charts is untouched', () => {
    expect(leaveOutChartTemplates(['a/templates/x.yaml', 'b.yaml'])).toEqual({
      kept: ['a/templates/x.yaml', 'b.yaml'],
      notes: [],
      chartRoots: [],
    });
  });

  it('the CLI walk of a folder holding charts: no YAML errors from templates, a note per chart instead', async () => {
    const loaded = await loadManifestPaths([join(FIXTURES, 'charts')], FIXTURES);
    expect(loaded.warnings.filter((warning) => warning.severity === 'error')).toEqual([]);
    expect(loaded.warnings.filter((warning) => warning.problem === 'helm-chart').map((warning) => warning.file)).toEqual([
      'charts/broken/templates/pod.yaml',
      'charts/needs-deps/templates/cm.yaml',
      'charts/shop/templates/cache.yaml',
    ]);
    expect(loaded.files.some((file) => file.includes('/templates/'))).toBe(false);
  });
});
