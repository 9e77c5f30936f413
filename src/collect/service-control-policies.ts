/**
 * The service control policies that bound each member account, read once per organization scan
 * with the caller's (management or delegated administrator) credentials, policy by policy: every
 * SCP of the organization (ListPolicies), where each is attached (ListTargetsForPolicy) and its
 * document (DescribePolicy). An account's guardrails are then, for each node from the root down
 * to the account, the SCPs attached there — what the IAM evaluator applies to its principals
 * (src/iam/principals.ts).
 *
 * Call plan: 1 + 2P calls for an organization of P SCPs (a page per 20 policies or targets),
 * whatever its number of accounts and OUs: asking each node for its policies instead
 * (ListPoliciesForTarget) would cost a call per OU and per account, at Organizations' pace.
 *
 * A read that fails, or an SCP that does not parse, leaves every account's SCPs unknown, recorded
 * as a failed read (the checks then say their answers ignore SCPs); it never stops the scan: the
 * accounts can still be scanned, and SCPs only ever narrow what a principal may do.
 */
import {
  DescribePolicyCommand,
  type PolicySummary,
  paginateListPolicies,
  paginateListTargetsForPolicy,
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
const FILTER = 'SERVICE_CONTROL_POLICY';

/** Target id (root, OU or account) → the SCPs attached there, in ListPolicies' order. */
type Attachments = Map<string, GuardrailPolicy[]>;

export function serviceControlPolicyReader(
  session: Pick<AwsSession, 'organizations'>,
  listing: Pick<OrganizationListing, 'managementAccountId' | 'serviceControlPolicies'>,
): (account: OrganizationAccount) => Promise<Fetched<ServiceControlPolicies>> {
  let attachments: Promise<Fetched<Attachments>> | undefined;
  return async (account) => {
    if (account.id === listing.managementAccountId)
      return { ok: true, value: { applies: false, reason: 'management-account' } };
    if (!listing.serviceControlPolicies)
      return { ok: true, value: { applies: false, reason: 'not-enabled' } };
    attachments ??= readAttachments(session);
    const attached = await attachments;
    if (!attached.ok) return attached;
    const targets = [...account.parents, { id: account.id, name: account.name ?? account.id }];
    const levels: GuardrailLevel[] = targets.map((t) => ({
      targetId: t.id,
      name: t.name,
      policies: attached.value.get(t.id) ?? [],
    }));
    return { ok: true, value: { applies: true, levels } };
  };
}

async function readAttachments(session: Pick<AwsSession, 'organizations'>): Promise<Fetched<Attachments>> {
  const client = session.organizations();
  const listed = await read('organizations', 'ListPolicies', undefined, async () => {
    const out: PolicySummary[] = [];
    for await (const page of paginateListPolicies({ client, pageSize: PAGE }, { Filter: FILTER }))
      out.push(...(page.Policies ?? []));
    return out;
  });
  if (!listed.ok) return listed;
  const policies = listed.value.flatMap((p) => (p.Id ? [{ ...p, Id: p.Id }] : []));
  const each = await Promise.all(
    policies.map(async (summary) => {
      const [targets, document] = await Promise.all([
        read('organizations', 'ListTargetsForPolicy', undefined, async () => {
          const ids: string[] = [];
          for await (const page of paginateListTargetsForPolicy(
            { client, pageSize: PAGE },
            { PolicyId: summary.Id },
          ))
            for (const t of page.Targets ?? []) if (t.TargetId) ids.push(t.TargetId);
          return ids;
        }),
        read('organizations', 'DescribePolicy', undefined, async (): Promise<GuardrailPolicy> => {
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
        }),
      ]);
      return { targets, document };
    }),
  );
  const attached: Attachments = new Map();
  for (const { targets, document } of each) {
    if (!targets.ok) return targets;
    if (!document.ok) return document;
    // Without one SCP's statements no level it is attached to has a known answer: an allow-list
    // SCP that could not be read would deny everything, a deny-list one nothing.
    if (!document.value.policy.parsed) return unparsable(document.value, document.value.policy.reason);
    for (const id of targets.value) {
      const list = attached.get(id);
      if (list) list.push(document.value);
      else attached.set(id, [document.value]);
    }
  }
  return { ok: true, value: attached };
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
