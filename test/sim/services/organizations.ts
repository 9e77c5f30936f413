/**
 * AWS Organizations (awsJson1_1: POST / with `X-Amz-Target: AWSOrganizationsV20161128.<Op>`,
 * global: signed for us-east-1).
 *
 * Without a served organization (SimOptions.organization) only the account's own view exists:
 * DescribeOrganization answers SimAccount.organization, an account in no organization answers
 * AWSOrganizationsNotInUseException to every operation, and the listing operations of an
 * organization the simulator merely names answer AccessDeniedException (it has nothing to list).
 *
 * With one, every account's DescribeOrganization answers the organization; everything else is
 * answered only to the management account (the simulator models no delegated administrator): a
 * member gets AccessDeniedException "You don't have permissions to access this resource.", as
 * AWS words it. Lists page at most 20 items (MaxResults 1–20, default 20); ids are checked
 * against AWS's patterns (InvalidInputException) before they are looked up (…NotFoundException).
 * Organizations answers client errors with HTTP 400, AccessDeniedException included.
 */
import type { OrgAccountView, OrgDirectory, SimOrgUnit, SimServiceControlPolicy } from '../org-model.js';
import {
  decodeToken,
  jsonBody,
  jsonError,
  jsonReply,
  page,
  type Route,
  type SimReply,
  type SimRequest,
} from '../protocol.js';
import type { SimState } from '../state.js';

const PREFIX = 'AWSOrganizationsV20161128.';
const MAX_RESULTS = 20;
const POLICY_TYPES = new Set([
  'AISERVICES_OPT_OUT_POLICY',
  'BACKUP_POLICY',
  'BEDROCK_POLICY',
  'CHATBOT_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'GUARDDUTY_POLICY',
  'INSPECTOR_POLICY',
  'NETWORK_SECURITY_DIRECTOR_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'S3_POLICY',
  'SECURITYHUB_POLICY',
  'SERVICE_CONTROL_POLICY',
  'TAG_POLICY',
  'UPGRADE_ROLLOUT_POLICY',
]);
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;

type Body = Record<string, unknown>;
type Handler = (req: SimRequest, org: OrgDirectory, body: Body) => SimReply;

const HANDLERS: Record<string, Handler> = {
  ListAccounts: (req, org, body) => paged(req, body, org.accounts, 'Accounts', (a) => accountJson(org, a)),
  ListAccountsForParent: (req, org, body) =>
    withParent(req, org, body, (parentId) =>
      paged(req, body, org.accountsIn(parentId), 'Accounts', (a) => accountJson(org, a)),
    ),
  ListOrganizationalUnitsForParent: (req, org, body) =>
    withParent(req, org, body, (parentId) =>
      paged(req, body, org.unitsIn(parentId), 'OrganizationalUnits', (o) => ouJson(org, o)),
    ),
  ListChildren: (req, org, body) =>
    withParent(req, org, body, (parentId) => {
      const type = body.ChildType;
      if (type === 'ACCOUNT')
        return paged(req, body, org.accountsIn(parentId), 'Children', (a) => ({ Id: a.id, Type: type }));
      if (type === 'ORGANIZATIONAL_UNIT')
        return paged(req, body, org.unitsIn(parentId), 'Children', (o) => ({ Id: o.id, Type: type }));
      return invalidInput(req, type === undefined ? 'INPUT_REQUIRED' : 'INVALID_ENUM', 'ChildType');
    }),
  ListRoots: (req, org, body) =>
    paged(req, body, [org.config.rootId], 'Roots', (id) => ({
      Id: id,
      Arn: org.rootArn(),
      Name: 'Root',
      PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    })),
  ListParents: (req, org, body) => {
    const id = body.ChildId;
    if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'ChildId');
    if (!ACCOUNT_ID.test(id) && !OU_ID.test(id)) return invalidInput(req, 'INVALID_PATTERN', 'ChildId');
    const parent = org.parentOf(id);
    if (!parent) {
      return notFound(
        req,
        'ChildNotFoundException',
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      );
    }
    const Type = parent === org.config.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
    return paged(req, body, [parent], 'Parents', (p) => ({ Id: p, Type }));
  },
  DescribeAccount: (req, org, body) => {
    const id = body.AccountId;
    if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'AccountId');
    if (!ACCOUNT_ID.test(id)) return invalidInput(req, 'INVALID_PATTERN', 'AccountId');
    const a = org.account(id);
    if (!a) {
      return notFound(
        req,
        'AccountNotFoundException',
        "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization.",
      );
    }
    return jsonReply({ Account: accountJson(org, a) }, req.requestId);
  },
  DescribeOrganizationalUnit: (req, org, body) => {
    const id = body.OrganizationalUnitId;
    if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'OrganizationalUnitId');
    if (!OU_ID.test(id)) return invalidInput(req, 'INVALID_PATTERN', 'OrganizationalUnitId');
    const ou = org.ou(id);
    if (!ou) {
      return notFound(
        req,
        'OrganizationalUnitNotFoundException',
        "We can't find an OU with the OrganizationalUnitId that you specified.",
      );
    }
    return jsonReply({ OrganizationalUnit: ouJson(org, ou) }, req.requestId);
  },
  ListPolicies: (req, org, body) =>
    withFilter(req, body, (filter) =>
      paged(req, body, policiesOfType(org.config.policies, filter), 'Policies', (p) => policySummary(org, p)),
    ),
  ListPoliciesForTarget: (req, org, body) => {
    const id = body.TargetId;
    if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'TargetId');
    if (!ROOT_ID.test(id) && !OU_ID.test(id) && !ACCOUNT_ID.test(id))
      return invalidInput(req, 'INVALID_PATTERN_TARGET_ID', 'TargetId');
    if (!org.targetType(id)) return targetNotFound(req);
    return withFilter(req, body, (filter) =>
      paged(req, body, policiesOfType(org.policiesFor(id), filter), 'Policies', (p) => policySummary(org, p)),
    );
  },
  DescribePolicy: (req, org, body) =>
    withPolicy(req, org, body, (p) =>
      jsonReply(
        { Policy: { PolicySummary: policySummary(org, p), Content: JSON.stringify(p.document) } },
        req.requestId,
      ),
    ),
  ListTargetsForPolicy: (req, org, body) =>
    withPolicy(req, org, body, (p) =>
      paged(req, body, p.targetIds, 'Targets', (id) => ({
        TargetId: id,
        Arn: org.targetArn(id),
        Name: org.targetName(id),
        Type: org.targetType(id),
      })),
    ),
};

export function organizationsRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'POST' || !req.target?.startsWith(PREFIX)) return null;
  const action = req.target.slice(PREFIX.length);
  if (action === 'DescribeOrganization') return { action, handle: () => describeOrganization(req, st) };
  const handler = HANDLERS[action];
  if (!handler) return null;
  return {
    action,
    handle: () => {
      const org = st.organization;
      if (!org) {
        // An organization the account only names has nothing here to list.
        return st.account.organization ? accessDenied(req) : notInUse(req);
      }
      if (st.account.accountId !== org.managementAccountId) return accessDenied(req);
      const body = jsonBody(req);
      if (!body) return orgError(req, 'SerializationException', 'The request body is not a JSON object.');
      return handler(req, org, body);
    },
  };
}

function describeOrganization(req: SimRequest, st: SimState): SimReply {
  const org = st.organization?.identity() ?? st.account.organization ?? null;
  if (!org) return notInUse(req);
  const arn = `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`;
  return jsonReply(
    {
      Organization: {
        Id: org.id,
        Arn: arn,
        FeatureSet: org.featureSet,
        MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
        MasterAccountId: org.managementAccountId,
        MasterAccountEmail: org.managementAccountEmail,
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    },
    req.requestId,
  );
}

function accountJson(org: OrgDirectory, a: OrgAccountView) {
  return {
    Id: a.id,
    Arn: org.accountArn(a.id),
    Email: a.email,
    Name: a.name,
    // Status is retired on 2026-09-09 in favour of State; both are answered until then, as AWS does.
    Status: a.status,
    State: a.status,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: Date.parse(a.joinedTimestamp) / 1000,
  };
}

function ouJson(org: OrgDirectory, o: SimOrgUnit) {
  return { Id: o.id, Arn: org.ouArn(o.id), Name: o.name };
}

function policySummary(org: OrgDirectory, p: SimServiceControlPolicy) {
  return {
    Id: p.id,
    Arn: org.policyArn(p),
    Name: p.name,
    Description: p.description,
    Type: 'SERVICE_CONTROL_POLICY',
    AwsManaged: p.awsManaged,
  };
}

/** The simulator models service control policies only: any other (valid) type lists none. */
function policiesOfType(policies: SimServiceControlPolicy[], type: string): SimServiceControlPolicy[] {
  return type === 'SERVICE_CONTROL_POLICY' ? policies : [];
}

function paged<T>(req: SimRequest, body: Body, items: readonly T[], key: string, shape: (t: T) => unknown) {
  const max = body.MaxResults ?? MAX_RESULTS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1)
    return invalidInput(req, 'MIN_VALUE_EXCEEDED', 'MaxResults');
  if (max > MAX_RESULTS) return invalidInput(req, 'MAX_VALUE_EXCEEDED', 'MaxResults');
  const token = typeof body.NextToken === 'string' ? body.NextToken : null;
  const offset = decodeToken(token);
  if (offset === 'invalid' || offset > items.length)
    return invalidInput(req, 'INVALID_PAGINATION_TOKEN', 'NextToken');
  const p = page(items, offset, max);
  return jsonReply({ [key]: p.items.map(shape), ...(p.next ? { NextToken: p.next } : {}) }, req.requestId);
}

function withParent(
  req: SimRequest,
  org: OrgDirectory,
  body: Body,
  then: (id: string) => SimReply,
): SimReply {
  const id = body.ParentId;
  if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'ParentId');
  if (!ROOT_ID.test(id) && !OU_ID.test(id)) return invalidInput(req, 'INVALID_PATTERN', 'ParentId');
  if (!org.isParent(id)) {
    return notFound(
      req,
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    );
  }
  return then(id);
}

function withFilter(req: SimRequest, body: Body, then: (filter: string) => SimReply): SimReply {
  const filter = body.Filter;
  if (filter === undefined) return invalidInput(req, 'INPUT_REQUIRED', 'Filter');
  if (typeof filter !== 'string' || !POLICY_TYPES.has(filter))
    return invalidInput(req, 'INVALID_ENUM_POLICY_TYPE', 'Filter');
  return then(filter);
}

function withPolicy(
  req: SimRequest,
  org: OrgDirectory,
  body: Body,
  then: (p: SimServiceControlPolicy) => SimReply,
): SimReply {
  const id = body.PolicyId;
  if (typeof id !== 'string') return invalidInput(req, 'INPUT_REQUIRED', 'PolicyId');
  if (!POLICY_ID.test(id)) return invalidInput(req, 'INVALID_PATTERN', 'PolicyId');
  const p = org.policy(id);
  if (!p) {
    return notFound(
      req,
      'PolicyNotFoundException',
      "We can't find a policy with the PolicyId that you specified.",
    );
  }
  return then(p);
}

const INPUT_MESSAGES: Record<string, string> = {
  INPUT_REQUIRED: 'You must provide a value for a required parameter.',
  INVALID_ENUM: 'You specified an invalid value.',
  INVALID_ENUM_POLICY_TYPE: 'You specified an invalid policy type string.',
  INVALID_PATTERN: 'You provided a value that does not match the required pattern.',
  INVALID_PATTERN_TARGET_ID: 'You specified a policy target ID that does not match the required pattern.',
  INVALID_PAGINATION_TOKEN:
    'Get the value for the NextToken parameter from the response to a previous call of the operation.',
  MAX_VALUE_EXCEEDED: 'You provided a value that is too large for a parameter.',
  MIN_VALUE_EXCEEDED: 'You provided a value that is too small for a parameter.',
};

function invalidInput(req: SimRequest, reason: string, parameter: string): SimReply {
  return orgError(req, 'InvalidInputException', `${INPUT_MESSAGES[reason] ?? reason} (${parameter})`, {
    Reason: reason,
  });
}

function targetNotFound(req: SimRequest): SimReply {
  return notFound(
    req,
    'TargetNotFoundException',
    "We can't find a root, OU, account, or email address with the TargetId that you specified.",
  );
}

const notFound = (req: SimRequest, code: string, message: string) => orgError(req, code, message);

function accessDenied(req: SimRequest): SimReply {
  return orgError(req, 'AccessDeniedException', "You don't have permissions to access this resource.");
}

function notInUse(req: SimRequest): SimReply {
  return orgError(
    req,
    'AWSOrganizationsNotInUseException',
    'Your account is not a member of an organization.',
  );
}

function orgError(req: SimRequest, code: string, message: string, extra: Body = {}): SimReply {
  return jsonError(400, code, { __type: code, Message: message, ...extra }, req.requestId);
}
