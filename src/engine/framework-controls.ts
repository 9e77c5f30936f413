/**
 * What each framework control in our scope asks, and, for the controls no check automates, why
 * not — so `checks --framework` and docs/checks.md can state a framework's coverage honestly
 * instead of listing only what we do. registry.test.ts keeps this in step with the checks: every
 * control has a title, a control some check maps has no "not automated" reason, and a control no
 * check maps has one.
 *
 * Titles follow the framework's own wording (FSBP control pages; the CIS benchmark's
 * recommendation titles, as the peers' compliance files quote them). CIS marks some
 * recommendations "Manual" (they need a person's judgement); we still automate the part an API
 * can show, and say so in the check.
 */
import type { ControlId, FrameworkId } from './frameworks.js';

export interface ControlInfo {
  readonly title: string;
  /** Why no check automates this control; absent when some check maps it. */
  readonly notAutomated?: string;
  /** What a mapped control's checks leave out, when they automate only part of it. */
  readonly partial?: string;
}

type Controls<F extends FrameworkId> = { readonly [C in ControlId<F>]: ControlInfo };

const OUT_OF_SCOPE_SERVICE = (service: string) =>
  `${service} is outside this scanner's scope (Lambda, the IAM around it, GuardDuty, the account); use a general CSPM for it`;
const NOT_LAMBDA_PROTECTION = (what: string) =>
  `${what} protects no Lambda resource; the feature's state is shown in the evidence of guardduty.enabled rather than scored`;

// Reasons shared by two controls (CIS 7.0 renumbered 3.0's section 1 as section 2).
const CENTRAL_USERS =
  'whether users are managed centrally is an organizational decision an API cannot show (CIS: manual)';
const CONTACT_CURRENT =
  'whether contact details are current is known only to the account’s owner (CIS: manual)';
const ROOT_USE_PURPOSE =
  'iam.root-used-recently shows that root was used in the last 30 days; whether each use was one of the root-only tasks needs CloudTrail and a person (CIS: manual)';
const DELEGATED_ADMINS =
  'needs the organization’s delegated administrators (management account); not read yet';

const FSBP: Controls<'aws-fsbp'> = {
  'Account.1': { title: 'Security contact information should be provided for an AWS account' },
  'GuardDuty.1': { title: 'GuardDuty should be enabled' },
  'GuardDuty.5': {
    title: 'GuardDuty EKS Audit Log Monitoring should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('EKS Audit Log Monitoring'),
  },
  'GuardDuty.6': { title: 'GuardDuty Lambda Protection should be enabled' },
  'GuardDuty.7': {
    title: 'GuardDuty EKS Runtime Monitoring should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('EKS Runtime Monitoring'),
  },
  'GuardDuty.8': {
    title: 'GuardDuty Malware Protection for EC2 should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('Malware Protection for EC2'),
  },
  'GuardDuty.9': {
    title: 'GuardDuty RDS Protection should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('RDS Protection'),
  },
  'GuardDuty.10': {
    title: 'GuardDuty S3 Protection should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('S3 Protection'),
  },
  'GuardDuty.11': { title: 'GuardDuty Runtime Monitoring should be enabled' },
  'GuardDuty.12': {
    title: 'GuardDuty ECS Runtime Monitoring should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('ECS Runtime Monitoring'),
  },
  'GuardDuty.13': {
    title: 'GuardDuty EC2 Runtime Monitoring should be enabled',
    notAutomated: NOT_LAMBDA_PROTECTION('EC2 Runtime Monitoring'),
  },
  'IAM.1': { title: 'IAM policies should not allow full "*" administrative privileges' },
  'IAM.2': { title: 'IAM users should not have IAM policies attached' },
  'IAM.3': { title: "IAM users' access keys should be rotated every 90 days or less" },
  'IAM.4': { title: 'IAM root user access key should not exist' },
  'IAM.5': { title: 'MFA should be enabled for all IAM users that have a console password' },
  'IAM.6': { title: 'Hardware MFA should be enabled for the root user' },
  'IAM.7': {
    title: 'Password policies for IAM users should have strong configurations',
    partial:
      'judged with the control’s default parameters; custom values (a reuse history, a maximum age, another length) are not configurable yet',
  },
  'IAM.8': {
    title: 'Unused IAM user credentials should be removed',
    notAutomated:
      'iam.access-key-unused and iam.password-unused judge CIS’s 45 days; IAM.8 fails only at 90, so mapping them would misreport credentials idle 45–89 days',
  },
  'IAM.21': {
    title: 'IAM customer managed policies that you create should not allow wildcard actions for services',
    partial:
      'iam.policy-service-wildcard fails "service:*" only for sensitive services (IAM, STS, KMS, Lambda, S3, …) and only when it applies to every resource; IAM.21 fails any "service:*" in a customer-managed policy, whatever the service and resource',
  },
  'Lambda.1': { title: 'Lambda function policies should prohibit public access' },
  'Lambda.2': { title: 'Lambda functions should use supported runtimes' },
  'Lambda.5': { title: 'VPC Lambda functions should operate in multiple Availability Zones' },
};

const CIS_3: Controls<'cis-aws-3.0'> = {
  '1.1': {
    title: 'Maintain current contact details',
    notAutomated: CONTACT_CURRENT,
  },
  '1.2': { title: 'Ensure security contact information is registered' },
  '1.3': {
    title: 'Ensure security questions are registered in the AWS account',
    notAutomated: 'no AWS API exposes security questions (CIS: manual, console only)',
  },
  '1.4': { title: "Ensure no 'root' user account access key exists" },
  '1.5': { title: "Ensure MFA is enabled for the 'root' user account" },
  '1.6': { title: "Ensure hardware MFA is enabled for the 'root' user account" },
  '1.7': {
    title: "Eliminate use of the 'root' user for administrative and daily tasks",
    partial: ROOT_USE_PURPOSE,
  },
  '1.8': { title: 'Ensure IAM password policy requires minimum length of 14 or greater' },
  '1.9': { title: 'Ensure IAM password policy prevents password reuse' },
  '1.10': {
    title:
      'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
  },
  '1.11': {
    title:
      'Do not setup access keys during initial user setup for all IAM users that have a console password',
  },
  '1.12': { title: 'Ensure credentials unused for 45 days or greater are disabled' },
  '1.13': { title: 'Ensure there is only one active access key available for any single IAM user' },
  '1.14': { title: 'Ensure access keys are rotated every 90 days or less' },
  '1.15': { title: 'Ensure IAM Users Receive Permissions Only Through Groups' },
  '1.16': { title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached' },
  '1.17': { title: 'Ensure a support role has been created to manage incidents with AWS Support' },
  '1.18': {
    title: 'Ensure IAM instance roles are used for AWS resource access from instances',
    notAutomated: OUT_OF_SCOPE_SERVICE('EC2'),
  },
  '1.19': { title: 'Ensure that all the expired SSL/TLS certificates stored in AWS IAM are removed' },
  '1.20': {
    title: 'Ensure that IAM Access analyzer is enabled for all regions',
  },
  '1.21': {
    title:
      'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments',
    notAutomated: CENTRAL_USERS,
  },
  '1.22': { title: 'Ensure access to AWSCloudShellFullAccess is restricted' },
  '3.1': {
    title: 'Ensure CloudTrail is enabled in all regions',
    notAutomated: OUT_OF_SCOPE_SERVICE('CloudTrail'),
  },
  '4.16': { title: 'Ensure AWS Security Hub is enabled', notAutomated: OUT_OF_SCOPE_SERVICE('Security Hub') },
};

const CIS_7: Controls<'cis-aws-7.0'> = {
  '2.1.1': {
    title: 'Ensure centralized root access in AWS Organizations',
    notAutomated: 'needs organizations:ListOrganizationsFeatures from the management account; not read yet',
  },
  '2.1.2': {
    title: 'Ensure authorization guardrails for all AWS Organization accounts',
    notAutomated: 'needs the organization’s SCPs and RCPs (management account); not read yet',
  },
  '2.1.3': {
    title: 'Ensure Organizations management account is not used for workloads',
    notAutomated: 'what counts as a workload is a judgement (CIS: manual)',
  },
  '2.1.4': {
    title: 'Ensure Organizational Units are structured by environment and sensitivity',
    notAutomated: 'an OU structure’s fitness is a judgement (CIS: manual)',
  },
  '2.1.5': {
    title: 'Ensure delegated admin manages AWS Organizations policies',
    notAutomated: DELEGATED_ADMINS,
  },
  '2.1.6': {
    title: 'Ensure delegated admins manage AWS Organizations-integrated services',
    notAutomated: DELEGATED_ADMINS,
  },
  '2.2': {
    title: 'Maintain current AWS account contact details',
    notAutomated: CONTACT_CURRENT,
  },
  '2.3': { title: 'Ensure security contact information is registered' },
  '2.4': { title: "Ensure no 'root' user account access key exists" },
  '2.5': { title: "Ensure MFA is enabled for the 'root' user account" },
  '2.6': { title: "Ensure hardware MFA is enabled for the 'root' user account" },
  '2.7': {
    title: "Eliminate use of the 'root' user for administrative and daily tasks",
    partial: ROOT_USE_PURPOSE,
  },
  '2.8': { title: 'Ensure IAM password policy requires minimum length of 14 or greater' },
  '2.9': { title: 'Ensure IAM password policy prevents password reuse' },
  '2.10': {
    title:
      'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
  },
  '2.11': { title: 'Ensure credentials unused for 45 days or more are disabled' },
  '2.12': { title: 'Ensure access keys are rotated every 90 days or less' },
  '2.13': { title: 'Ensure IAM users receive permissions only through groups' },
  '2.14': { title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached' },
  '2.15': { title: 'Ensure a support role has been created to manage incidents with AWS Support' },
  '2.16': {
    title: 'Ensure IAM instance roles are used for AWS resource access from instances',
    notAutomated: OUT_OF_SCOPE_SERVICE('EC2'),
  },
  '2.17': { title: 'Ensure that all expired SSL/TLS certificates stored in AWS IAM are removed' },
  '2.18': {
    title: 'Ensure that IAM External Access Analyzer is enabled for all regions',
  },
  '2.19': {
    title:
      'Ensure IAM users are managed centrally via identity federation or AWS Organizations for multi-account environments',
    notAutomated: CENTRAL_USERS,
  },
  '2.20': { title: 'Ensure access to AWSCloudShellFullAccess is restricted' },
  '2.21': {
    title: "Ensure AWS resource policies do not allow unrestricted access using 'Principal': '*'",
    partial:
      'Lambda function policies only; the control also spans S3, SQS, SNS, KMS and other services’ policies',
  },
  '4.1': {
    title: 'Ensure CloudTrail is enabled in all regions',
    notAutomated: OUT_OF_SCOPE_SERVICE('CloudTrail'),
  },
  '5.16': { title: 'Ensure AWS Security Hub is enabled', notAutomated: OUT_OF_SCOPE_SERVICE('Security Hub') },
};

export const FRAMEWORK_CONTROLS: { readonly [F in FrameworkId]: Controls<F> } = {
  'aws-fsbp': FSBP,
  'cis-aws-3.0': CIS_3,
  'cis-aws-7.0': CIS_7,
};
