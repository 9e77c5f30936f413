/**
 * One question for one principal, over every way it can make requests: a user may sign in to the
 * console or use an access key, with or without MFA. The answer is the most permissive path's,
 * since whoever holds those credentials picks the path; `mfaRequired` says when only a path with
 * MFA gets it.
 */
import type { IamCatalogue } from '../data/iam-actions.js';
import { requestContext } from './context.js';
import { type Answer, type Decision, evaluateRequest } from './evaluate.js';
import type { PrincipalModel } from './principals.js';
import type { CompiledStatement } from './statements.js';

export interface Question {
  action: string;
  resource: string;
  /** The region the request is sent to (us-east-1 for IAM). */
  region: string;
  resourceAccount: string;
  resourcePolicy?: readonly CompiledStatement[];
  /** Keys the question fixes, lower-cased (e.g. `iam:passedtoservice`). */
  extra?: Readonly<Record<string, readonly string[]>>;
}

export interface PathAnswer extends Answer {
  /** Allowed (or conditional) only with MFA present. */
  mfaRequired: boolean;
}

const RANK: Record<Decision, number> = { allowed: 3, conditional: 2, unknown: 1, denied: 0 };

export function ask(model: PrincipalModel, q: Question, catalogue: IamCatalogue): PathAnswer {
  const action = catalogue.action(q.action);
  let best: Answer | undefined;
  let bestWithoutMfa: Answer | undefined;
  for (const mfa of model.paths) {
    const context = requestContext({
      principal: model.principal,
      action,
      region: q.region,
      resourceAccount: q.resourceAccount,
      mfa,
      ...(q.extra ? { extra: q.extra } : {}),
    });
    const answer = evaluateRequest(
      model,
      { action: q.action, resource: q.resource, context },
      q.resourcePolicy,
    );
    if (!best || RANK[answer.decision] > RANK[best.decision]) best = answer;
    if (mfa !== 'true' && (!bestWithoutMfa || RANK[answer.decision] > RANK[bestWithoutMfa.decision])) {
      bestWithoutMfa = answer;
    }
  }
  const answer = best as Answer;
  const mfaRequired =
    RANK[answer.decision] >= RANK.conditional &&
    (bestWithoutMfa === undefined || RANK[bestWithoutMfa.decision] < RANK[answer.decision]);
  return { ...answer, mfaRequired };
}

/** Allowed or conditional: the principal can, or can if an undecided condition holds. */
export function grants(answer: Answer): boolean {
  return answer.decision === 'allowed' || answer.decision === 'conditional';
}
