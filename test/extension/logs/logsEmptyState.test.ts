import { describe, expect, it } from 'vitest';
import { logsEmptyMessage, type LogsConnection } from '../../../src/extension/logs/logsEmptyState.js';

const state = (over: Partial<LogsConnection>): LogsConnection => ({
  contextName: 'kind-dev',
  connection: 'connected',
  kubeconfigState: 'loaded',
  ...over,
});

describe('logsEmptyMessage', () => {
  it('says nothing once streams are listed or the cluster is connected', () => {
    expect(logsEmptyMessage(1, state({ connection: undefined }))).toBe('');
    expect(logsEmptyMessage(0, state({}))).toBe('');
    expect(logsEmptyMessage(0, state({ connection: 'reconnecting' }))).toBe('');
  });

  it('tells why logs cannot be read yet when the view is empty', () => {
    expect(logsEmptyMessage(0, state({ connection: 'connecting' }))).toBe('Connecting to kind-dev…');
    expect(logsEmptyMessage(0, state({ connection: 'offline' }))).toMatch(/^kind-dev cannot be reached/);
    expect(logsEmptyMessage(0, state({ connection: undefined }))).toBe('Not connected to kind-dev: select a context to read logs.');
    expect(logsEmptyMessage(0, state({ connection: undefined, contextName: undefined }))).toBe('No cluster connected yet.');
    expect(logsEmptyMessage(0, state({ connection: undefined, contextName: undefined, kubeconfigState: 'absent' }))).toMatch(
      /^No kubeconfig found/,
    );
    expect(logsEmptyMessage(0, state({ connection: undefined, kubeconfigState: 'broken' }))).toMatch(/could not be read/);
  });
});
