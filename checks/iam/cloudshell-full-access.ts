import { defineCheck } from '../../src/engine/check.js';
import { ROLE_TYPE } from '../../src/view/account-view.js';
import { managedAttachmentVerdicts } from './_managed-attachment.js';

/**
 * CIS 3.0 1.22 / 7.0 2.20, as CIS audits it: the entities of the AWS-managed policy
 * AWSCloudShellFullAccess (one result per user, group and role; _managed-attachment.ts). CIS
 * names that policy because it is the one that grants file upload and download; an inline or
 * customer policy granting `cloudshell:*` is not what the control asks about, and the identity
 * policy checks judge those documents on their own.
 */
export default defineCheck({
  id: 'iam.cloudshell-full-access',
  title: 'AWS managed policy AWSCloudShellFullAccess is attached to a user, group or role',
  service: 'iam',
  resourceType: ROLE_TYPE,
  severity: 'medium',
  practice: 'BP3',
  threats: ['T1', 'T2'],
  rationale:
    'AWSCloudShellFullAccess lets its holder open a shell in the console with their own credentials, and upload and ' +
    'download files through it without any other network path: a phished console session becomes a way to run tools ' +
    'against the account and to move data out, outside the controls that guard your networks. Give CloudShell only to ' +
    'the people who need it, with a policy that denies file transfer.',
  remediation: {
    text: 'Detach AWSCloudShellFullAccess; where people need CloudShell, attach a customer policy that allows cloudshell:CreateEnvironment, CreateSession, GetEnvironmentStatus, StartEnvironment and StopEnvironment, and denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.',
    cli: 'aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess   # or detach-group-policy / detach-role-policy',
  },
  references: [
    'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudShellFullAccess.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.22'], 'cis-aws-7.0': ['2.20'] },
  reads: ['iam.authorization'],
  evaluate: (view) =>
    managedAttachmentVerdicts(view, {
      policyName: 'AWSCloudShellFullAccess',
      consequence: 'a shell with its credentials, and file upload and download through the console',
    }),
});
