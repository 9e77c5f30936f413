import { defineCheck } from '../../src/engine/check.js';
import { ask, grants } from '../../src/iam/ask.js';
import { describeRef } from '../../src/iam/statements.js';
import { eachPrincipal, principalPreamble } from '../../src/iam/walk.js';

const ACTION = 'lambda:PassCapacityProvider';

/**
 * A capacity provider ARN no policy can name on purpose (capacity provider names allow letters,
 * digits, hyphens and underscores only): a pattern matches it only when it matches every
 * capacity provider of the region (`*`, `arn:aws:lambda:*:*:capacity-provider:*`, …), never a
 * named provider or a name prefix.
 */
function anyCapacityProviderArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:lambda:${region}:${accountId}:capacity-provider:(any capacity provider)`;
}

/**
 * Lambda Managed Instances: creating or updating a function to run on a capacity provider needs
 * lambda:PassCapacityProvider on that provider, the way a role needs iam:PassRole. The capacity
 * provider is the isolation boundary, so whoever may pass *every* provider may put code of their
 * own beside any function on any provider. Judged per user and role by the evaluator (group
 * policies, denies, permissions boundaries, NotAction/NotResource and conditions included), once
 * per scanned region, never by matching strings: `lambda:*` on `*` grants it, a Deny of
 * lambda:Pass* takes it away, a grant on `capacity-provider:team-a-*` does not count.
 */
export default defineCheck({
  id: 'lambda.pass-capacity-provider-any',
  title: 'IAM principal may pass every Lambda capacity provider (lambda:PassCapacityProvider on *)',
  service: 'lambda',
  resourceType: 'AWS::IAM::Role',
  severity: 'medium',
  practice: 'BP3',
  threats: ['T2', 'T4'],
  rationale:
    'With Lambda Managed Instances, functions run on the EC2 instances of a capacity provider, and AWS names the ' +
    'capacity provider, not the function, as the isolation boundary. lambda:PassCapacityProvider decides who may ' +
    'place a function on a provider; on every provider, together with lambda:CreateFunction or ' +
    'UpdateFunctionConfiguration, it lets the holder run its own code beside the functions of any team, including ' +
    'those that handle the most sensitive data. Grant it only on the providers a deployer uses.',
  remediation: {
    text: 'Scope lambda:PassCapacityProvider to the ARNs of the capacity providers the principal deploys to (arn:aws:lambda:<region>:<account>:capacity-provider:<name>), or add a Deny for the others.',
    cli: 'aws iam put-role-policy --role-name <role> --policy-name pass-capacity-provider-scoped --policy-document file://scoped.json',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-security.html',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['iam.authorization', 'lambda.functions'],
  data: ['iam-actions'],
  evaluate: (view) => {
    // The scanned regions; a scan that resolved none still asks once, in the partition's home.
    const regions = view.regions.length > 0 ? view.regions : ['us-east-1'];
    return eachPrincipal(view, ['user', 'role'], (model, analysis, v) => {
      const early = principalPreamble(model, v);
      if (early) return early;
      const granted: { region: string; conditional: boolean; mfaRequired: boolean; statements: string[] }[] =
        [];
      for (const region of regions) {
        const answer = ask(
          model,
          {
            action: ACTION,
            resource: anyCapacityProviderArn(view.partition, region, view.accountId),
            region,
            resourceAccount: view.accountId,
          },
          analysis.catalogue,
        );
        if (!grants(answer)) continue;
        granted.push({
          region,
          conditional: answer.decision === 'conditional',
          mfaRequired: answer.mfaRequired,
          statements: [...new Set(answer.statements.map(describeRef))],
        });
      }
      const first = granted[0];
      if (!first) {
        return v.pass(
          `may not pass every capacity provider in the scanned regions (${ACTION} is not granted, or only on named providers)`,
        );
      }
      const cond = granted.every((g) => g.conditional) ? ' if undecided conditions hold' : '';
      const mfa = granted.every((g) => g.mfaRequired) ? ' (with MFA)' : '';
      return v.fail(
        `may ${ACTION} on every capacity provider in ${granted.map((g) => g.region).join(', ')}${cond}${mfa}, through ${first.statements.slice(0, 2).join(', ')}`,
        { action: ACTION, regions: granted },
      );
    });
  },
});
