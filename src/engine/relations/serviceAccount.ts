import { arrayField, stringField } from '../model/object.js';
import type { RelationFamily } from './types.js';

/** ServiceAccount → the Secrets it lists (token secrets) and its imagePullSecrets. */
export const serviceAccountRelations: RelationFamily = {
  name: 'service-account',
  kinds: new Set(['ServiceAccount']),
  claim(record, claims, { scopes }) {
    for (const secret of arrayField(record.object, 'secrets')) {
      const name = stringField(secret, 'name');
      if (name) claims.refs.push({ type: 'token', target: scopes.builtinRef('Secret', record.namespace, name), via: 'secrets' });
    }
    for (const secret of arrayField(record.object, 'imagePullSecrets')) {
      const name = stringField(secret, 'name');
      if (name) claims.refs.push({ type: 'pulls', target: scopes.builtinRef('Secret', record.namespace, name), via: 'imagePullSecrets' });
    }
  },
};
