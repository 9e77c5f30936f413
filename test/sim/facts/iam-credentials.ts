/**
 * Ground truth for the iam-credentials checks (see group.ts): the credential-report rules over
 * IAM users and root, recomputed from the final model, so users other groups plant are judged too.
 */
import type { SimAccount, SimUser } from '../account.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['iam.user-multiple-active-keys'] as const;
type Id = (typeof IDS)[number];

/** The eachUser checks answer one not_applicable for the account when it has no IAM user. */
const USER_CHECKS: readonly Id[] = ['iam.user-multiple-active-keys'];

function userFacts(u: SimUser, sink: FactSink<Id>): void {
  const active = u.accessKeys.filter((k) => k.active).length;
  if (active === 0) sink.notApplicable('iam.user-multiple-active-keys', u.arn, 'no active access key');
  else if (active > 1)
    sink.finding('iam.user-multiple-active-keys', u.arn, null, `${active} active access keys`);
  else if (u.accessKeys.length > 1) {
    sink.lookAlike('iam.user-multiple-active-keys', u.arn, 'two access keys, only one active');
  }
}

export const iamCredentialsFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  facts(account: SimAccount, sink) {
    const { users } = account.iam;
    if (users.length === 0) {
      const scope = `arn:aws:iam::${account.accountId}:root`;
      for (const id of USER_CHECKS) sink.notApplicable(id, scope, 'the account has no IAM users');
    }
    for (const u of users) userFacts(u, sink);
  },
};
