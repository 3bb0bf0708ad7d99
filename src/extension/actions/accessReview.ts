/**
 * "May I?" before an action is offered: a SelfSubjectAccessReview per permission, cached for the connection (it
 * lives and dies with the cluster session, so a context switch forgets every answer). Answers are per namespace and
 * resource, not per object: RBAC rarely names objects, and one review per row would flood the API server.
 */
import * as l10n from '@vscode/l10n';
import type { ActionAccess, ActionSpec } from '../../engine/actions/catalog.js';
import { ApiError, type ApiClient } from '../cluster/apiClient.js';
import { coreless, type ObjectApi, type ObjectRef } from './objectApi.js';

export interface AccessAnswer {
  readonly allowed: boolean;
  /** Why not, in words: the denied permission, and the API server's reason when it gives one. */
  readonly reason?: string;
}

interface ReviewStatus {
  readonly status?: { readonly allowed?: boolean; readonly denied?: boolean; readonly reason?: string; readonly evaluationError?: string };
}

const REVIEW_PATH = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

export function permissionText(verb: string, resource: string, namespace: string): string {
  return `${verb} ${resource}${namespace ? ` in namespace ${namespace}` : ''}`;
}

export class AccessReviewer {
  private readonly answers = new Map<string, Promise<AccessAnswer>>();

  constructor(
    private readonly client: ApiClient,
    private readonly objects: ObjectApi,
  ) {}

  /** Whether every permission `action` needs on `ref` is granted; the first one denied is the reason. */
  async check(action: ActionSpec, ref: ObjectRef): Promise<AccessAnswer> {
    for (const access of action.access) {
      const answer = await this.review(access, ref);
      if (!answer.allowed) return answer;
    }
    return { allowed: true };
  }

  private review(access: ActionAccess, ref: ObjectRef): Promise<AccessAnswer> {
    const type = this.objects.typeOf(access.kind ? { group: '', kind: access.kind } : ref);
    const resource = access.subresource ? `${type.resource}/${access.subresource}` : type.resource;
    const namespace = type.namespaced ? ref.namespace : '';
    const key = [access.verb, coreless(type.group), resource, namespace].join(' ');
    let answer = this.answers.get(key);
    if (!answer) {
      const attributes = {
        verb: access.verb,
        group: type.group,
        resource: type.resource,
        ...(access.subresource ? { subresource: access.subresource } : {}),
        ...(namespace ? { namespace } : {}),
      };
      answer = this.ask(attributes, permissionText(access.verb, resource, namespace));
      // A failed review is asked again next time: only the API's answers are remembered.
      answer.catch(() => this.answers.delete(key));
      this.answers.set(key, answer);
    }
    return answer;
  }

  private async ask(resourceAttributes: Record<string, string>, permission: string): Promise<AccessAnswer> {
    const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } };
    try {
      const review = await this.client.json<ReviewStatus>(REVIEW_PATH, { method: 'POST', body });
      if (review.status?.allowed === true) return { allowed: true };
      const why = review.status?.reason || review.status?.evaluationError;
      return {
        allowed: false,
        reason: why ? l10n.t('not permitted: {0} ({1})', permission, why) : l10n.t('not permitted: {0}', permission),
      };
    } catch (error) {
      // A cluster that does not let us ask (an old or locked-down server) does not hide the action: the API
      // answers the real request, and its 403 is explained then.
      if (error instanceof ApiError && (error.kind === 'forbidden' || error.kind === 'not-found')) return { allowed: true };
      throw error;
    }
  }
}
