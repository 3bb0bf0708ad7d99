import { describe, expect, it } from 'vitest';
import { kubectlApplyCommand, kubectlCommand, shellQuote } from '../../../src/engine/actions/kubectlCommand';

const web = { context: 'kind-dev', group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' };
const node = { context: 'kind-dev', group: '', kind: 'Node', namespace: '', name: 'worker-1' };

describe('the kubectl command equivalent to an action', () => {
  it('names the resource with its group, the context and the namespace', () => {
    expect(kubectlCommand('scale', web, { replicas: 3 })).toBe('kubectl --context kind-dev -n shop scale deployment.apps/web --replicas=3');
    expect(kubectlCommand('restart', web)).toBe('kubectl --context kind-dev -n shop rollout restart deployment.apps/web');
    expect(kubectlCommand('delete', web, { propagation: 'Orphan' })).toBe(
      'kubectl --context kind-dev -n shop delete deployment.apps/web --cascade=orphan',
    );
    expect(kubectlCommand('view-yaml', { ...web, group: '', kind: 'Pod', name: 'web-1' })).toBe(
      'kubectl --context kind-dev -n shop get pod/web-1 -o yaml',
    );
  });

  it('leaves the namespace out for cluster-scoped objects', () => {
    expect(kubectlCommand('cordon', node)).toBe('kubectl --context kind-dev cordon worker-1');
    expect(kubectlCommand('drain', node)).toBe('kubectl --context kind-dev drain worker-1 --ignore-daemonsets --delete-emptydir-data');
  });

  it('opens a shell in a container and forwards ports as kubectl would', () => {
    const pod = { context: 'kind-dev', group: '', kind: 'Pod', namespace: 'shop', name: 'web-1' };
    expect(kubectlCommand('shell', pod, { container: 'app', shell: 'bash' })).toBe(
      'kubectl --context kind-dev -n shop exec -it pod/web-1 -c app -- bash',
    );
    expect(kubectlCommand('shell', pod)).toBe('kubectl --context kind-dev -n shop exec -it pod/web-1 -- sh');
    expect(kubectlCommand('port-forward', pod, { localPort: 8080, remotePort: 80 })).toBe(
      'kubectl --context kind-dev -n shop port-forward pod/web-1 8080:80',
    );
    const service = { ...pod, kind: 'Service', name: 'web' };
    expect(kubectlCommand('port-forward', service, { remotePort: 443 })).toBe(
      'kubectl --context kind-dev -n shop port-forward service/web :443',
    );
  });

  it('quotes what a shell would split or expand', () => {
    expect(shellQuote("it's; rm -rf ~")).toBe(`'it'\\''s; rm -rf ~'`);
    expect(kubectlCommand('copy-name', { ...web, context: 'arn:aws:eks:eu/prod cluster' })).toBe(
      "kubectl --context 'arn:aws:eks:eu/prod cluster' -n shop get deployment.apps/web -o yaml",
    );
  });
});

describe('the kubectl line of an apply', () => {
  it('applies server-side with our field manager, each file named, a selection from stdin', () => {
    expect(kubectlApplyCommand('kind-dev', ['k8s/app.yaml', 'my dir'])).toBe(
      "kubectl --context kind-dev apply --server-side --field-manager=kubilitics -f k8s/app.yaml -f 'my dir'",
    );
    expect(kubectlApplyCommand('prod', [], { dryRun: true, force: true })).toBe(
      'kubectl --context prod apply --server-side --field-manager=kubilitics --force-conflicts --dry-run=server -f -',
    );
  });

  it('applies a kustomization with -k, as kustomize renders it', () => {
    expect(kubectlApplyCommand('prod', ['app/overlays/prod'], { kustomization: true })).toBe(
      'kubectl --context prod apply --server-side --field-manager=kubilitics -k app/overlays/prod',
    );
  });
});
