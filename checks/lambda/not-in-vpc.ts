import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  id: 'lambda.not-in-vpc',
  title: 'Function is not attached to a VPC',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  // Low, and judged on every function: nothing the scan reads says whether a function needs a
  // private network (what it calls is in its code), so "not applicable" cannot be decided reliably.
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A function outside a VPC reaches the internet directly: its egress cannot be limited by security ' +
    'groups, network ACLs, a NAT allow-list, VPC endpoints or DNS Firewall, so code that is exploited or ' +
    'injected can send data anywhere. In a VPC, egress can be restricted and logged (VPC Flow Logs). Many ' +
    'functions need no private network, and nothing in their configuration says which: hence low ' +
    'severity on every function. A VpcConfig with no subnets (what Lambda returns after a detach) is not ' +
    'a VPC attachment. Security Hub Lambda.3 (NIST/PCI, not FSBP) asks for the same.',
  remediation: {
    text: 'Attach the function to private subnets in at least two Availability Zones with a security group that allows only the egress it needs; reach AWS services through VPC endpoints. The execution role needs the AWSLambdaVPCAccessExecutionRole permissions.',
    cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=<subnet-a>,<subnet-b>,SecurityGroupIds=<sg>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      const vpc = fn.config.vpc;
      if (vpc === null) return v.fail('the function has no VPC configuration');
      if (vpc.subnetIds.length === 0) {
        return v.fail('the VPC configuration lists no subnet: the function is not attached to a VPC', {
          subnetIds: vpc.subnetIds,
          securityGroupIds: vpc.securityGroupIds,
        });
      }
      return v.pass(`attached to a VPC through ${vpc.subnetIds.length} subnet(s)`, {
        subnetIds: vpc.subnetIds,
        securityGroupIds: vpc.securityGroupIds,
      });
    }),
});
