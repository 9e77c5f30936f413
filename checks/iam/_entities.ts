/**
 * Walkers over the IAM entities of the authorization details, for the hygiene checks that judge
 * them one by one. The view's `eachUser` walks the credential report (credentials); these walk
 * GetAccountAuthorizationDetails (policies, groups, attachments), so the same users are judged
 * from the read that actually shows their permissions. As the view's walkers do, a failed or
 * uncollected read is one unknown for the account and an account without any such entity is one
 * not_applicable for it, so a check body is only its rule.
 */
import type { Draft } from '../../src/engine/check.js';
import type { IamUser, ManagedPolicy } from '../../src/inventory/schema.js';
import { type AccountView, USER_TYPE } from '../../src/view/account-view.js';
import type { IamIndex } from '../../src/view/iam-index.js';
import { Verdict } from '../../src/view/verdict.js';

export const POLICY_TYPE = 'AWS::IAM::ManagedPolicy';

/** One draft per IAM user of the authorization details. */
export function* eachIamUser(
  view: AccountView,
  visit: (user: IamUser, iam: IamIndex, v: Verdict) => Draft,
): Generator<Draft> {
  const auth = view.iam.authorization;
  if (!auth.ok) {
    yield view.accountVerdict.missing(auth);
    return;
  }
  const iam = auth.value;
  if (iam.users.length === 0) {
    yield view.accountVerdict.notApplicable('the account has no IAM users');
    return;
  }
  for (const user of iam.users) {
    yield visit(user, iam, new Verdict({ arn: user.arn, name: user.name, region: null, type: USER_TYPE }));
  }
}

/**
 * One draft per customer-managed policy. GAAD's LocalManagedPolicy filter returns every one of
 * them, attached or not; AWS-managed policies appear only when something attaches them.
 */
export function* eachCustomerPolicy(
  view: AccountView,
  visit: (policy: ManagedPolicy, iam: IamIndex, v: Verdict) => Draft,
): Generator<Draft> {
  const auth = view.iam.authorization;
  if (!auth.ok) {
    yield view.accountVerdict.missing(auth);
    return;
  }
  const iam = auth.value;
  const customer = iam.policies.filter((p) => !p.awsManaged);
  if (customer.length === 0) {
    yield view.accountVerdict.notApplicable('the account has no customer-managed policies');
    return;
  }
  for (const policy of customer) {
    yield visit(
      policy,
      iam,
      new Verdict({ arn: policy.arn, name: policy.name, region: null, type: POLICY_TYPE }),
    );
  }
}

/** "1 policy", "2 policies". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
