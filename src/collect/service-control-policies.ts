/**
 * The service control policies that bound each member account, read once per organization scan
 * with the caller's (management or delegated administrator) credentials: per node from the root
 * down to the account, the SCPs attached there (ListPoliciesForTarget), and each distinct
 * policy's document (DescribePolicy). An account's SCPs are the guardrails the IAM evaluator
 * applies to its principals (src/iam/principals.ts).
 *
 * Call plan: one ListPoliciesForTarget page per target (the root, every OU above a scanned
 * account, every scanned account) and one DescribePolicy per distinct SCP — shared by every
 * account below, so an organization of A accounts in O OUs with P SCPs costs about A + O + P
 * calls, once.
 *
 * A read that fails leaves the SCPs of every account below that node unknown, recorded as a
 * failed read (the checks then say the answers ignore SCPs); it never stops the scan: the
 * accounts can still be scanned, and SCPs only ever narrow what a principal may do.
 */
import {
  DescribePolicyCommand,
  type PolicySummary,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import type { AwsSession } from '../aws/clients.js';
import type {
  Fetched,
  GuardrailLevel,
  GuardrailPolicy,
  ServiceControlPolicies,
} from '../inventory/schema.js';
import { parsePolicy } from '../policy/parse.js';
import type { OrganizationAccount, OrganizationListing } from './organization.js';
import { read } from './read.js';

const PAGE = 20;

export function serviceControlPolicyReader(
  session: Pick<AwsSession, 'organizations'>,
  listing: Pick<OrganizationListing, 'managementAccountId' | 'serviceControlPolicies'>,
): (account: OrganizationAccount) => Promise<Fetched<ServiceControlPolicies>> {
  const client = session.organizations();
  const attached = new Map<string, Promise<Fetched<PolicySummary[]>>>();
  const documents = new Map<string, Promise<Fetched<GuardrailPolicy>>>();

  const attachedTo = (targetId: string) => {
    let p = attached.get(targetId);
    if (!p) {
      p = read('organizations', 'ListPoliciesForTarget', undefined, async () => {
        const out: PolicySummary[] = [];
        for await (const page of paginateListPoliciesForTarget(
          { client, pageSize: PAGE },
          { TargetId: targetId, Filter: 'SERVICE_CONTROL_POLICY' },
        ))
          out.push(...(page.Policies ?? []));
        return out;
      });
      attached.set(targetId, p);
    }
    return p;
  };

  const documentOf = (summary: PolicySummary & { Id: string }) => {
    let p = documents.get(summary.Id);
    if (!p) {
      p = read('organizations', 'DescribePolicy', undefined, async (): Promise<GuardrailPolicy> => {
        const out = await client.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
        const content = out.Policy?.Content;
        return {
          id: summary.Id,
          name: summary.Name ?? summary.Id,
          awsManaged: summary.AwsManaged === true,
          policy:
            content === undefined
              ? { parsed: false, reason: 'DescribePolicy returned no content' }
              : parsePolicy(content),
        };
      });
      documents.set(summary.Id, p);
    }
    return p;
  };

  return async (account) => {
    if (account.id === listing.managementAccountId)
      return { ok: true, value: { applies: false, reason: 'management-account' } };
    if (!listing.serviceControlPolicies)
      return { ok: true, value: { applies: false, reason: 'not-enabled' } };
    const targets = [...account.parents, { id: account.id, name: account.name ?? account.id }];
    const levels: GuardrailLevel[] = [];
    for (const target of targets) {
      const summaries = await attachedTo(target.id);
      if (!summaries.ok) return summaries;
      const policies: GuardrailPolicy[] = [];
      for (const s of summaries.value) {
        if (!s.Id) continue;
        const doc = await documentOf({ ...s, Id: s.Id });
        if (!doc.ok) return doc;
        // Without one SCP's statements the level's answer is not known: an allow-list SCP that
        // could not be read would deny everything, a deny-list one nothing. Unknown, not a guess.
        if (!doc.value.policy.parsed) return unparsable(doc.value, doc.value.policy.reason);
        policies.push(doc.value);
      }
      levels.push({ targetId: target.id, name: target.name, policies });
    }
    return { ok: true, value: { applies: true, levels } };
  };
}

function unparsable(p: GuardrailPolicy, reason: string): Fetched<never> {
  return {
    ok: false,
    error: {
      class: 'other',
      code: 'UnparsableServiceControlPolicy',
      message: `the service control policy ${p.name} (${p.id}) cannot be evaluated: ${reason}`,
      service: 'organizations',
      operation: 'DescribePolicy',
    },
  };
}
