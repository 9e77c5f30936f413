import { defineCheck } from '../../src/engine/check.js';
import { ROLE_TYPE } from '../../src/view/account-view.js';
import { managedAttachmentVerdicts } from './_managed-attachment.js';

/**
 * One result per user, group and role, on the attachment itself (_managed-attachment.ts):
 * detaching is done per principal, and the policy AdministratorAccess is judged once, as a
 * document, by iam.policy-full-admin.
 */
export default defineCheck({
  id: 'iam.administrator-access-attached',
  title: 'AWS managed policy AdministratorAccess is attached to a user, group or role',
  service: 'iam',
  resourceType: ROLE_TYPE,
  severity: 'high',
  practice: 'BP3',
  threats: ['T1', 'T2', 'T5'],
  rationale:
    'AdministratorAccess grants every action on every resource: whoever holds the principal’s credentials, or ' +
    'assumes the role, can rewrite any function and grant itself anything, and a stolen key or phished session becomes ' +
    'the whole account. Attaching it is the most common way accounts end up with many administrators; keep it on few ' +
    'principals, reached through roles people assume with MFA.',
  remediation: {
    text: 'Detach AdministratorAccess and attach a policy scoped to what the principal does (IAM Access Analyzer can generate one from its CloudTrail activity); for people who do need administrator access, use an IAM Identity Center permission set or a role assumed with MFA.',
    cli: 'aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess   # or detach-user-policy / detach-group-policy',
  },
  references: [
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
  ],
  // CIS 1.16 / 7.0 2.14: no "*:*" administrative policy attached; AdministratorAccess is the usual one.
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.16'], 'cis-aws-7.0': ['2.14'] },
  reads: ['iam.authorization'],
  evaluate: (view) => managedAttachmentVerdicts(view, { policyName: 'AdministratorAccess' }),
});
