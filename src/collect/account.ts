/**
 * The account itself, read once per scan from the partition's global region: its SECURITY
 * alternate contact (AWS Account Management) and the organization it belongs to (Organizations).
 * Call plan: at most one GetAlternateContact and one DescribeOrganization per account, each only
 * when a selected check reads it.
 *
 * Each API answers "there is none" with an error, which is a value here, not a failed read:
 * GetAlternateContact's ResourceNotFoundException means no such contact is registered, and
 * DescribeOrganization's AWSOrganizationsNotInUseException means the account is in no
 * organization. Any other error (access denied, an SCP, throttling) stays a failed read, so an
 * unknown is never read as "none".
 */
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { DescribeOrganizationCommand } from '@aws-sdk/client-organizations';
import type { AwsSession } from '../aws/clients.js';
import type { ReadPlan } from '../inventory/reads.js';
import type { AccountData, AlternateContact, Organization } from '../inventory/schema.js';
import { read } from './read.js';

export async function collectAccount(
  session: Pick<AwsSession, 'account' | 'organizations'>,
  plan: ReadPlan,
): Promise<AccountData> {
  const [securityContact, organization] = await Promise.all([
    plan.has('account.security-contact') ? readSecurityContact(session) : undefined,
    plan.has('account.organization') ? readOrganization(session) : undefined,
  ]);
  const data: AccountData = {};
  if (securityContact) data.securityContact = securityContact;
  if (organization) data.organization = organization;
  return data;
}

function readSecurityContact(session: Pick<AwsSession, 'account'>) {
  return read(
    'account',
    'GetAlternateContact',
    undefined,
    async (): Promise<AlternateContact | null> => {
      const out = await session
        .account()
        .send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
      const c = out.AlternateContact;
      if (!c) return null;
      return { name: c.Name ?? null, title: c.Title ?? null, emailAddress: c.EmailAddress ?? null };
    },
    (e) => (e.code === 'ResourceNotFoundException' ? { value: null } : undefined),
  );
}

function readOrganization(session: Pick<AwsSession, 'organizations'>) {
  return read(
    'organizations',
    'DescribeOrganization',
    undefined,
    async (): Promise<Organization | null> => {
      const org = (await session.organizations().send(new DescribeOrganizationCommand({}))).Organization;
      if (!org?.Id) return null;
      return {
        id: org.Id,
        arn: org.Arn ?? null,
        managementAccountId: org.MasterAccountId ?? null,
        featureSet: org.FeatureSet ?? null,
      };
    },
    (e) => (e.code === 'AWSOrganizationsNotInUseException' ? { value: null } : undefined),
  );
}
