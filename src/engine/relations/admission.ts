import { arrayField, stringField } from '../model/object.js';
import type { RelationFamily } from './types.js';

/** Webhook configurations and APIServices → the Service that serves them; admission policy bindings → policies. */
export const admissionRelations: RelationFamily = {
  name: 'admission',
  kinds: new Set([
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
    'APIService',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicyBinding',
  ]),
  claim(record, claims, { scopes }) {
    if (record.kind === 'APIService') {
      const name = stringField(record.object, 'spec', 'service', 'name');
      const namespace = stringField(record.object, 'spec', 'service', 'namespace');
      if (name && namespace)
        claims.refs.push({ type: 'serves', target: scopes.builtinRef('Service', namespace, name), via: 'spec.service', reverse: true });
      return;
    }
    if (record.kind.endsWith('PolicyBinding')) {
      const policy = stringField(record.object, 'spec', 'policyName');
      const policyKind = record.kind.replace(/Binding$/, '');
      if (policy) claims.refs.push({ type: 'binds', target: scopes.builtinRef(policyKind, '', policy), via: 'policyName' });
      return;
    }
    for (const webhook of arrayField(record.object, 'webhooks')) {
      const name = stringField(webhook, 'clientConfig', 'service', 'name');
      const namespace = stringField(webhook, 'clientConfig', 'service', 'namespace');
      const hook = stringField(webhook, 'name') ?? '?';
      if (name && namespace)
        claims.refs.push({ type: 'serves', target: scopes.builtinRef('Service', namespace, name), via: `webhook ${hook}`, reverse: true });
    }
  },
};
