/**
 * AWS Organizations (awsJson1_1: POST / with `X-Amz-Target: AWSOrganizationsV20161128.<Op>`,
 * global: signed for us-east-1): DescribeOrganization. An account in no organization answers
 * AWSOrganizationsNotInUseException (400), as the API reference documents.
 */
import { jsonError, jsonReply, type Route, type SimRequest } from '../protocol.js';
import type { SimState } from '../state.js';

const PREFIX = 'AWSOrganizationsV20161128.';

export function organizationsRoute(req: SimRequest, st: SimState): Route | null {
  if (req.method !== 'POST' || !req.target?.startsWith(PREFIX)) return null;
  const action = req.target.slice(PREFIX.length);
  if (action !== 'DescribeOrganization') return null;
  return {
    action,
    handle: () => {
      const org = st.account.organization ?? null;
      if (!org) {
        return jsonError(
          400,
          'AWSOrganizationsNotInUseException',
          {
            __type: 'AWSOrganizationsNotInUseException',
            Message: 'Your account is not a member of an organization.',
          },
          req.requestId,
        );
      }
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
    },
  };
}
