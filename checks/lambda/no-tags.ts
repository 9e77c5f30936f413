import { defineCheck } from '../../src/engine/check.js';

/**
 * Keys AWS reserves (aws:cloudformation:stack-name, aws:cloudformation:logical-id, …): AWS writes
 * them, no user can add, change or remove them, and AWS's tagging guide forbids the prefix in any
 * letter case. Security Hub's Lambda.6 ignores them, and so do we.
 */
const isSystemTag = (key: string): boolean => key.toLowerCase().startsWith('aws:');

export default defineCheck({
  id: 'lambda.no-tags',
  title: 'Function has no tags',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T2'],
  rationale:
    'Tags are how an incident responder finds a function’s owner, data classification and environment, how ' +
    'cost is allocated, and what attribute-based access control (aws:ResourceTag conditions in the policies ' +
    'that control who may change a function) keys on: an untagged function is unowned, and an ABAC policy ' +
    'cannot protect it. System tags do not count: the aws:cloudformation:* keys CloudFormation writes only ' +
    'name the stack, cannot be set by anyone, and are ignored by Security Hub Lambda.6 (in its Resource ' +
    'Tagging standard, not FSBP); a scanner that counts any key passes every function deployed by CloudFormation.',
  remediation: {
    text: 'Tag the function with at least its owner and environment (and whatever keys your tag policy requires); in CloudFormation, set Tags on the function or the stack.',
    cli: 'aws lambda tag-resource --resource <function-arn> --tags owner=<team>,environment=<stage>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/attribute-based-access-control.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
    'https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.tags'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.tagKeys.ok) return v.missing(fn.tagKeys);
      const keys = fn.tagKeys.value;
      const own = keys.filter((k) => !isSystemTag(k));
      const system = keys.filter(isSystemTag);
      if (own.length > 0) return v.pass(`tagged: ${own.join(', ')}`, { tagKeys: own, systemTagKeys: system });
      if (system.length > 0) {
        return v.fail(`only AWS system tags (${system.join(', ')}): no tag names an owner or environment`, {
          tagKeys: [],
          systemTagKeys: system,
        });
      }
      return v.fail('the function has no tags', { tagKeys: [], systemTagKeys: [] });
    }),
});
