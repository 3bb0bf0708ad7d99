import { describe, expect, it } from 'vitest';
import { safeFileName, titleOf, workspaceName } from '../../../src/extension/topology/naming.js';

const single = [{ name: 'workspace', path: '/home/me/src/workspace' }];
const multi = [
  { name: 'shop', path: '/home/me/shop' },
  { name: 'infra', path: '/srv/infra' },
  { name: 'charts', path: '/srv/infra/charts' },
];

describe('view titles and export names use workspace names, never absolute paths', () => {
  it('names the workspace folder itself by its name (asRelativePath gives the absolute path there)', () => {
    expect(workspaceName('/home/me/src/workspace', single)).toBe('workspace');
    expect(workspaceName('/home/me/src/workspace/', single)).toBe('workspace');
  });

  it('names paths inside a single folder relative to it', () => {
    expect(workspaceName('/home/me/src/workspace/k8s/deploy.yaml', single)).toBe('k8s/deploy.yaml');
    expect(workspaceName('/home/me/src/workspace-other/x.yaml', single)).toBe('x.yaml');
  });

  it('prefixes the folder name in a multi-root workspace, as VS Code does, with the innermost folder', () => {
    expect(workspaceName('/home/me/shop', multi)).toBe('shop');
    expect(workspaceName('/home/me/shop/base/app.yaml', multi)).toBe('shop/base/app.yaml');
    expect(workspaceName('/srv/infra/charts/web/values.yaml', multi)).toBe('charts/web/values.yaml');
    expect(workspaceName('/srv/infra/ingress.yaml', multi)).toBe('infra/ingress.yaml');
  });

  it('names a path outside the workspace by its last segment', () => {
    expect(workspaceName('/tmp/dump/cluster.yaml', multi)).toBe('cluster.yaml');
    expect(workspaceName('/tmp/dump', [])).toBe('dump');
  });

  it('titles several paths by the first and a count', () => {
    expect(titleOf(['shop', 'infra/ingress.yaml', 'charts'])).toBe('shop +2');
    expect(titleOf(['shop'])).toBe('shop');
  });

  it('makes file names safe: no separators, colons or reserved device names; letters of any script kept', () => {
    expect(safeFileName('shop/base/app.yaml +2')).toBe('shop-base-app.yaml-2');
    expect(safeFileName('arn:aws:eks:eu-west-1:123456789012:cluster/prod')).toBe('arn-aws-eks-eu-west-1-123456789012-cluster-prod');
    expect(safeFileName('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('café über')).toBe('café-über');
    expect(safeFileName('CON')).toBe('CON-topology');
    expect(safeFileName('///')).toBe('topology');
    expect(safeFileName('x'.repeat(300))).toHaveLength(80);
  });
});
