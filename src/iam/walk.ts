/**
 * The walker for checks about IAM principals: one draft per user and/or role of the account, each
 * with its model from the access analysis. Unreadable authorization details give one unknown for
 * the account; an account without such principals gives one not_applicable.
 */
import { type AccountView, ROLE_TYPE, USER_TYPE } from '../view/account-view.js';
import { type Draft, Verdict } from '../view/verdict.js';
import { type AccessAnalysis, accessAnalysis } from './analysis.js';
import type { PrincipalModel } from './principals.js';

export function* eachPrincipal(
  view: AccountView,
  kinds: readonly ('user' | 'role')[],
  visit: (model: PrincipalModel, analysis: AccessAnalysis, v: Verdict) => Draft,
): Generator<Draft> {
  const analysis = accessAnalysis(view);
  if (!analysis.ok) {
    yield view.accountVerdict.missing(analysis);
    return;
  }
  const models = analysis.value.models.filter((m) => kinds.includes(m.principal.kind));
  if (models.length === 0) {
    yield view.accountVerdict.notApplicable(
      `the account has no IAM ${kinds.map((k) => `${k}s`).join(' or ')}`,
    );
    return;
  }
  for (const m of models) {
    const { principal } = m;
    const v = new Verdict({
      arn: principal.arn,
      name: principal.name,
      region: null,
      type: principal.kind === 'user' ? USER_TYPE : ROLE_TYPE,
    });
    yield visit(m, analysis.value, v);
  }
}

/**
 * What every check about a principal's permissions answers before its own rule: a service-linked
 * role is not applicable (AWS sets its permissions and only its service assumes it), and a
 * principal whose policies could not all be read is unknown. Null: go on with the rule.
 */
export function principalPreamble(model: PrincipalModel, v: Verdict): Draft | null {
  if (isServiceLinked(model)) return v.notApplicable('a service-linked role: only its service can assume it');
  if (model.unreadable.length > 0) {
    return v.unknown(`some of the principal’s policies could not be read: ${model.unreadable.join('; ')}`);
  }
  return null;
}

/** Is this a service-linked role (its permissions are AWS's, and no principal can assume it)? */
export function isServiceLinked(model: PrincipalModel): boolean {
  return model.role?.path.startsWith('/aws-service-role/') ?? false;
}
