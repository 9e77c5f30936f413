import { defineCheck } from '../../src/engine/check.js';
import { listText } from './_role-trust.js';

const POLICY_NAME = 'AWSSupportAccess';

/**
 * CIS 1.17 (7.0: 2.15), as its audit and Security Hub's IAM.18 read it: the AWS-managed
 * AWSSupportAccess must be attached to at least one IAM *role* (list-entities-for-policy's
 * PolicyRoles not empty). Attached only to users or groups, it lets those people open cases, but
 * there is no role an incident responder (or a federated identity) can assume for it, so it
 * fails, saying who does have it. The policy is matched by ARN in the scan's partition: a
 * customer-managed policy that happens to be named AWSSupportAccess is not it.
 */
export default defineCheck({
  id: 'iam.support-role',
  title: 'No IAM role has the AWSSupportAccess policy for managing incidents with AWS Support',
  service: 'iam',
  resourceType: 'AWS::::Account',
  severity: 'low',
  practice: 'BP6',
  threats: ['T2', 'T3'],
  rationale:
    'During an incident (a compromised function, a denial-of-wallet spike) someone must be able to open and follow ' +
    'AWS Support cases without borrowing an administrator. CIS asks for an IAM role with the AWS-managed ' +
    'AWSSupportAccess policy that responders assume. Judged from the authorization details: which roles, users ' +
    'and groups attach the policy, checked against the attachment count AWS reports for it.',
  remediation: {
    text: 'Create a role that your incident responders (or their federated identities) may assume, and attach the AWS-managed AWSSupportAccess policy to it.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json && aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
  },
  references: [
    'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-18',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.17'], 'cis-aws-7.0': ['2.15'] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const auth = view.iam.authorization;
      if (!auth.ok) return v.missing(auth);
      const iam = auth.value;
      const arn = `arn:${view.partition}:iam::aws:policy/${POLICY_NAME}`;
      const attached = iam.attachedTo(arn);
      const names = (kind: 'role' | 'user' | 'group') =>
        attached.filter((p) => p.kind === kind).map((p) => p.name);
      const roles = names('role');
      // Absent from the details: nothing attaches it (attached AWS-managed policies are always read).
      const attachmentCount = iam.managedPolicy(arn)?.attachmentCount ?? 0;
      const evidence = {
        policyArn: arn,
        attachmentCount,
        roles,
        users: names('user'),
        groups: names('group'),
      };
      if (roles.length > 0) {
        return v.pass(
          `${POLICY_NAME} is attached to the role${roles.length > 1 ? 's' : ''} ${listText(roles)}`,
          evidence,
        );
      }
      if (attachmentCount > attached.length) {
        // AWS counts attachments the details do not show: entities changed while they were read.
        return v.unknown(
          `AWS reports ${attachmentCount} attachments of ${POLICY_NAME}, but the authorization details show ${attached.length} and no role among them`,
          evidence,
        );
      }
      const others = [...evidence.users.map((n) => `user ${n}`), ...evidence.groups.map((n) => `group ${n}`)];
      if (others.length > 0) {
        return v.fail(
          `no IAM role has ${POLICY_NAME}: it is attached only to ${listText(others)}, and CIS asks for a role that responders assume`,
          evidence,
        );
      }
      return v.fail(`no IAM role, user or group has ${POLICY_NAME} attached`, evidence);
    }),
});
