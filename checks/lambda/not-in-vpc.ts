import { defineCheck } from '../../src/engine/check.js';
import type { IamRole } from '../../src/inventory/schema.js';

/** Lambda@Edge functions are created in us-east-1 and replicated from there. */
const EDGE_HOME_REGION = 'us-east-1';
const EDGE_SERVICE = 'edgelambda.amazonaws.com';

export default defineCheck({
  id: 'lambda.not-in-vpc',
  title: 'Function is not attached to a VPC',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  // Low, and judged on every function: nothing the scan reads says whether a function needs a
  // private network (what it calls is in its code), so "not applicable" cannot be decided
  // reliably. The one exception is Lambda@Edge, which cannot have a VPC configuration at all.
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A function outside a VPC reaches the internet directly: its egress cannot be limited by security ' +
    'groups, network ACLs, a NAT allow-list, VPC endpoints or DNS Firewall, so code that is exploited or ' +
    'injected can send data anywhere. In a VPC, egress can be restricted and logged (VPC Flow Logs). Many ' +
    'functions need no private network, and nothing in their configuration says which: hence low ' +
    'severity on every function. A VpcConfig with no subnets (what Lambda returns after a detach) is not ' +
    'a VPC attachment. A Lambda@Edge function (its role trusts edgelambda.amazonaws.com) cannot be ' +
    'attached: not applicable. Security Hub Lambda.3 (NIST/PCI, not FSBP) asks for the same.',
  remediation: {
    text: 'Attach the function to private subnets in at least two Availability Zones with a security group that allows only the egress it needs; reach AWS services through VPC endpoints. The execution role needs the AWSLambdaVPCAccessExecutionRole permissions.',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-restrictions.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  // The execution role tells a Lambda@Edge function apart; the VPC configuration is in the listing.
  reads: ['lambda.functions', 'iam.authorization'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      // Without the role, a Lambda@Edge function cannot be told apart: unknown, like any check
      // whose read is missing (a narrowed scan that skipped IAM answers nothing here).
      const role = fn.role;
      if (!role.ok) return v.missing(role);
      const vpc = fn.config.vpc;
      if (vpc !== null && vpc.subnetIds.length > 0) {
        return v.pass(`attached to a VPC through ${vpc.subnetIds.length} subnet(s)`, {
          subnetIds: vpc.subnetIds,
          securityGroupIds: vpc.securityGroupIds,
        });
      }
      if (fn.region === EDGE_HOME_REGION && role.value && trustsEdge(role.value)) {
        return v.notApplicable(
          `the execution role ${role.value.name} trusts ${EDGE_SERVICE}: a Lambda@Edge function, which cannot be attached to a VPC`,
          { roleArn: role.value.arn },
        );
      }
      if (vpc === null) return v.fail('the function has no VPC configuration');
      return v.fail('the VPC configuration lists no subnet: the function is not attached to a VPC', {
        subnetIds: [],
        securityGroupIds: vpc.securityGroupIds,
      });
    }),
});

/** An Allow statement of the trust policy lets Lambda@Edge's service principal assume the role. */
function trustsEdge(role: IamRole): boolean {
  const trust = role.trustPolicy;
  if (!trust?.parsed) return false;
  return trust.document.Statement.some(
    (s) =>
      s.Effect === 'Allow' &&
      (s.Principal?.Service ?? []).includes(EDGE_SERVICE) &&
      (s.Action ?? []).some((a) => ['sts:assumerole', 'sts:*', '*'].includes(a.toLowerCase())),
  );
}
