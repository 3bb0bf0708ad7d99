import { describe, expect, it } from 'vitest';
import {
  GraphInit,
  LIMITS,
  ViewOpenSource,
  ViewReady,
  ViewSelect,
  createMessage,
  isMessage,
  MetricsUpdateMessage,
  parseHostMessage,
  parseWebviewMessage,
} from '../../src/protocol/messages';

const ID = 'apps/Deployment/default/web';

function rejects(value: unknown, reason: RegExp): void {
  const result = parseWebviewMessage(value);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

describe('parseWebviewMessage accepts', () => {
  it.each([
    ['view/ready', {}],
    ['view/select', { id: ID }],
    ['view/openSource', { id: 'core/Node//node-a' }],
    ['view/error', { message: 'Layout failed: out of memory' }],
    ['view/exportResult', { requestId: 'r-1', format: 'png', data: 'data:image/png;base64,AAAA' }],
    ['view/exportResult', { requestId: 'r-2', format: 'positions', data: '', error: 'The view is not ready' }],
  ])('%s %j', (type, params) => {
    const message = { type, params };
    expect(parseWebviewMessage(message)).toEqual({ ok: true, message });
  });

  it('messages built with createMessage', () => {
    const message = createMessage(ViewSelect, { id: ID });
    expect(parseWebviewMessage(message)).toEqual({ ok: true, message });
    expect(isMessage(message, ViewSelect)).toBe(true);
    expect(isMessage(message, ViewOpenSource)).toBe(false);
  });

  it('strings exactly at their length bound', () => {
    expect(parseWebviewMessage(createMessage(ViewSelect, { id: 'x'.repeat(LIMITS.id) })).ok).toBe(true);
  });
});

describe('parseWebviewMessage rejects', () => {
  it.each([
    [null, /object/],
    [undefined, /object/],
    ['view/ready', /object/],
    [42, /object/],
    [[{ type: 'view/ready', params: {} }], /object/],
  ])('non-objects: %j', (value, reason) => rejects(value, reason));

  it('a missing or non-string type', () => {
    rejects({ params: {} }, /missing field 'type'/);
    rejects({ type: 7, params: {} }, /'type' must be a string/);
  });

  it('unknown types, including host-bound ones echoed back', () => {
    rejects({ type: 'view/delete', params: {} }, /unknown message type 'view\/delete'/);
    rejects({ type: 'graph/init', params: {} }, /unknown message type/);
    rejects({ type: '__proto__', params: {} }, /unknown message type/);
    rejects({ type: 'toString', params: {} }, /unknown message type/);
  });

  it('extra top-level fields and missing or malformed params', () => {
    rejects({ type: 'view/ready', params: {}, extra: 1 }, /unexpected field 'extra'/);
    rejects({ type: 'view/ready' }, /missing field 'params'/);
    rejects({ type: 'view/ready', params: null }, /'params' must be an object/);
    rejects({ type: 'view/ready', params: [] }, /'params' must be an object/);
    rejects({ type: 'view/ready', params: { id: ID } }, /unexpected field 'id'/);
  });

  it('ids that are not non-empty bounded strings', () => {
    rejects({ type: 'view/select', params: {} }, /missing field 'id'/);
    rejects({ type: 'view/select', params: { id: 12 } }, /'id' must be a string/);
    rejects({ type: 'view/select', params: { id: [ID] } }, /'id' must be a string/);
    rejects({ type: 'view/select', params: { id: '' } }, /'id' must not be empty/);
    rejects({ type: 'view/openSource', params: { id: 'x'.repeat(LIMITS.id + 1) } }, /longer than 1024/);
    rejects({ type: 'view/openSource', params: { id: ID, file: '/etc/passwd' } }, /unexpected field 'file'/);
  });

  it('oversized or non-string error messages', () => {
    rejects({ type: 'view/error', params: { message: 'x'.repeat(LIMITS.message + 1) } }, /longer than/);
    rejects({ type: 'view/error', params: { message: { text: 'boom' } } }, /'message' must be a string/);
  });

  it('malformed export results', () => {
    const ok = { requestId: 'r', format: 'png', data: '' };
    rejects({ type: 'view/exportResult', params: { ...ok, format: 'pdf' } }, /'format' must be one of png, positions/);
    rejects({ type: 'view/exportResult', params: { ...ok, requestId: '' } }, /'requestId' must not be empty/);
    rejects({ type: 'view/exportResult', params: { ...ok, requestId: 'r'.repeat(129) } }, /longer than 128/);
    rejects({ type: 'view/exportResult', params: { ...ok, data: 5 } }, /'data' must be a string/);
    rejects({ type: 'view/exportResult', params: { ...ok, error: false } }, /'error' must be a string/);
    rejects({ type: 'view/exportResult', params: { requestId: 'r', format: 'png' } }, /missing field 'data'/);
  });

  it('messages whose prototype claims fields they do not own', () => {
    const params = Object.create({ id: ID }) as object;
    rejects({ type: 'view/select', params }, /missing field 'id'/);
  });
});

describe('parseHostMessage', () => {
  it('accepts what the host sends', () => {
    const init = createMessage(GraphInit, {
      title: 'demo',
      mode: 'cluster',
      graph: { nodes: [], edges: [] },
      findings: [{ severity: 'error', kind: 'yaml-error', message: 'YAML error', objects: [], source: { file: 'a.yaml', line: 3 } }],
    });
    expect(parseHostMessage(init).ok).toBe(true);
    expect(parseHostMessage({ type: 'view/status', params: { connection: 'kind-dev' } }).ok).toBe(true);
    expect(parseHostMessage({ type: 'view/focus', params: { id: ID } }).ok).toBe(true);
    expect(parseHostMessage({ type: 'view/focus', params: { id: ID, neighbourhood: true } }).ok).toBe(true);
    expect(parseHostMessage({ type: 'view/focus', params: { id: ID, neighbourhood: 'yes' } }).ok).toBe(false);
  });

  it('takes the display language and its translations with an init, and only strings as translations', () => {
    const init = { title: 'demo', mode: 'cluster', graph: { nodes: [], edges: [] }, findings: [] };
    const translated = { ...init, l10n: { Fit: 'Einpassen', '{0} found': '{0} gefunden' }, language: 'de' };
    expect(parseHostMessage({ type: 'graph/init', params: translated }).ok).toBe(true);
    expect(parseHostMessage({ type: 'graph/init', params: { ...init, language: 'en' } }).ok).toBe(true);
    const malformed = parseHostMessage({ type: 'graph/init', params: { ...init, l10n: { Fit: { message: 'Einpassen' } } } });
    expect(malformed).toMatchObject({ ok: false, reason: expect.stringMatching(/'l10n' must map messages to strings/) });
    expect(parseHostMessage({ type: 'graph/init', params: { ...init, l10n: ['Fit'] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'graph/init', params: { ...init, language: 7 } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'graph/init', params: { ...init, language: 'x'.repeat(65) } }).ok).toBe(false);
  });

  it('rejects webview-bound messages and malformed payloads', () => {
    expect(parseHostMessage(createMessage(ViewReady, {})).ok).toBe(false);
    expect(
      parseHostMessage({ type: 'graph/init', params: { title: 'x', mode: 'live', graph: { nodes: [], edges: [] }, findings: [] } }).ok,
    ).toBe(false);
    // The view counts by severity: a finding without a known one is refused, not miscounted.
    const unknownSeverity = { severity: 'fatal', kind: 'x', message: 'm', objects: [] };
    expect(parseHostMessage({ type: 'graph/meta', params: { findings: [unknownSeverity] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'graph/meta', params: { warnings: [], insights: [] } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'graph/delta', params: { delta: { addedNodes: [] } } }).ok).toBe(false);
    expect(parseHostMessage({ type: 'view/export', params: { requestId: 'r', format: 'svg' } }).ok).toBe(false);
  });
});

describe('metrics/update', () => {
  const figure = { cpu: { used: 120, request: 250, limit: 500 }, memory: { used: 1024 }, pods: 1 };

  it('accepts live figures and the states without any', () => {
    const live = createMessage(MetricsUpdateMessage, { state: 'live', time: 1, figures: { 'core/Pod/shop/web': figure } });
    expect(parseHostMessage(live).ok).toBe(true);
    expect(
      parseHostMessage(createMessage(MetricsUpdateMessage, { state: 'unavailable', message: 'install metrics-server', figures: {} })).ok,
    ).toBe(true);
    expect(parseHostMessage(createMessage(MetricsUpdateMessage, { state: 'off', figures: {} })).ok).toBe(true);
  });

  it('rejects an unknown state, extra fields and figures without numbers', () => {
    for (const params of [
      { state: 'maybe', figures: {} },
      { state: 'live', figures: {}, extra: 1 },
      { state: 'live', figures: [] },
      { state: 'live', time: 'now', figures: {} },
      { state: 'live', figures: { a: { ...figure, cpu: { used: '120m' } } } },
      { state: 'live', figures: { a: { ...figure, memory: { used: 1, limit: '1Gi' } } } },
      { state: 'live', figures: { a: { cpu: figure.cpu, memory: figure.memory } } },
      { state: 'unavailable', message: 'x'.repeat(9000), figures: {} },
    ])
      expect(parseHostMessage({ type: 'metrics/update', params }).ok, JSON.stringify(params).slice(0, 200)).toBe(false);
  });
});

describe('metrics/watch and metrics/history', () => {
  it('accepts a few ids to watch, and aligned series', () => {
    expect(parseWebviewMessage({ type: 'metrics/watch', params: { ids: ['core/Pod/shop/web'] } }).ok).toBe(true);
    expect(parseWebviewMessage({ type: 'metrics/watch', params: { ids: [] } }).ok).toBe(true);
    const series = { 'core/Pod/shop/web': { times: [1, 2], cpu: [null, 5], memory: [1, 2] } };
    expect(parseHostMessage({ type: 'metrics/history', params: { series } }).ok).toBe(true);
  });

  it('rejects too many ids, ids that are not strings, and series whose arrays differ in length or hold text', () => {
    for (const ids of [Array.from({ length: 17 }, (_, i) => `core/Pod/shop/p${i}`), [3], [''], 'core/Pod/shop/web'])
      expect(parseWebviewMessage({ type: 'metrics/watch', params: { ids } }).ok, JSON.stringify(ids).slice(0, 80)).toBe(false);
    for (const series of [
      [],
      { a: { times: [1, 2], cpu: [1], memory: [1, 2] } },
      { a: { times: [1], cpu: ['1m'], memory: [1] } },
      { a: { times: [null], cpu: [1], memory: [1] } },
      { a: { times: [1], cpu: [1] } },
    ])
      expect(parseHostMessage({ type: 'metrics/history', params: { series } }).ok, JSON.stringify(series)).toBe(false);
  });
});

describe('timeline, history and export requests from the webview', () => {
  it('accepts well-formed ones', () => {
    for (const message of [
      { type: 'timeline/select', params: { id: 3 } },
      { type: 'timeline/select', params: { id: null } },
      { type: 'timeline/compare', params: { from: 1, to: null } },
      { type: 'timeline/request', params: {} },
      { type: 'view/requestExport', params: {} },
      { type: 'view/showHistory', params: { id: 'apps/Deployment/shop/web' } },
      { type: 'view/showLogs', params: { id: 'apps/Deployment/shop/web' } },
    ])
      expect(parseWebviewMessage(message), JSON.stringify(message)).toMatchObject({ ok: true });
  });

  it('rejects snapshot ids that are not positive integers, and extra fields', () => {
    for (const message of [
      { type: 'timeline/select', params: { id: '3' } },
      { type: 'timeline/select', params: { id: -1 } },
      { type: 'timeline/select', params: { id: 1.5 } },
      { type: 'timeline/select', params: {} },
      { type: 'timeline/compare', params: { from: 1 } },
      { type: 'view/requestExport', params: { path: '/etc/passwd' } },
      { type: 'view/showHistory', params: { id: '' } },
      { type: 'view/showLogs', params: { id: '' } },
      { type: 'view/showLogs', params: { id: 'x'.repeat(5000) } },
      { type: 'view/showLogs', params: { id: 'core/Pod/a/b', container: 'app' } },
    ])
      expect(parseWebviewMessage(message).ok, JSON.stringify(message)).toBe(false);
  });
});

describe('actions between the view and the host', () => {
  it('accepts a known action on an id, and the host’s list of offered actions', () => {
    expect(parseWebviewMessage({ type: 'view/action', params: { action: 'scale', id: 'apps/Deployment/shop/web' } })).toMatchObject({
      ok: true,
    });
    const actions = [{ action: 'delete', title: 'Delete…', allowed: false, reason: 'not permitted: delete deployments' }];
    expect(parseHostMessage({ type: 'node/actions', params: { id: 'apps/Deployment/shop/web', actions } })).toMatchObject({ ok: true });
  });

  it('accepts a bulk action on a bounded list of ids, and rejects an empty, oversized or malformed list', () => {
    const ids = ['core/Pod/shop/a', 'core/Pod/shop/b'];
    expect(parseWebviewMessage({ type: 'view/action', params: { action: 'delete', id: ids[0], ids } }).ok).toBe(true);
    const many = Array.from({ length: LIMITS.actionIds }, (_, i) => `core/Pod/shop/p${i}`);
    expect(parseWebviewMessage({ type: 'view/action', params: { action: 'delete', id: 'core/Pod/shop/p0', ids: many } }).ok).toBe(true);
    for (const bad of [[], [...many, 'core/Pod/shop/one-more'], [''], ['x'.repeat(5000)], [42], 'core/Pod/shop/a', null])
      expect(parseWebviewMessage({ type: 'view/action', params: { action: 'delete', id: 'core/Pod/shop/a', ids: bad } }).ok).toBe(false);
  });

  it('rejects unknown actions, inherited names, extra fields and unbounded ids', () => {
    for (const params of [
      { action: 'exec', id: 'core/Pod/a/b' },
      { action: 'toString', id: 'core/Pod/a/b' },
      { action: 'delete', id: '' },
      { action: 'delete', id: 'x'.repeat(5000) },
      { action: 'delete', id: 'core/Pod/a/b', propagation: 'Orphan' },
      { action: 'delete' },
    ])
      expect(parseWebviewMessage({ type: 'view/action', params }).ok, JSON.stringify(params)).toBe(false);
  });
});
