import { defineCheck } from '../../src/engine/check.js';
import { type Exposure, policyExposure } from '../../src/policy/resource-policy.js';
import { readOf } from '../../src/view/verdict.js';

/**
 * A layer version's policy only ever grants lambda:GetLayerVersion (AddLayerVersionPermission
 * accepts no other action), to one account or to "*", optionally narrowed by an organization
 * (aws:PrincipalOrgID). GetLayerVersion is a signed call, so "public" means every AWS account:
 * both the anonymous-open and the any-account exposure kinds fail. The policy is judged as a
 * whole document by src/policy/resource-policy.ts (the function policy check's semantics), so a
 * Deny that limits "*" to the organization narrows it too. Every listed version is judged, not
 * only the newest: an old version shared years ago stays downloadable.
 */
const LAYER_ACTIONS = ['lambda:GetLayerVersion'] as const;
const PUBLIC_KINDS: ReadonlySet<Exposure['kind']> = new Set(['public', 'any-aws-account']);

export default defineCheck({
  id: 'lambda.layer-version-public',
  title: 'Lambda layer version is shared with every AWS account',
  service: 'lambda',
  resourceType: 'AWS::Lambda::LayerVersion',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'A layer version whose policy grants lambda:GetLayerVersion to Principal "*" without an organization ' +
    'condition can be downloaded by anyone with an AWS account: GetLayerVersion returns a link to the whole ' +
    'archive. Layers hold shared libraries, internal endpoints and, too often, configuration or credentials baked ' +
    'in at build time, and the code lets an attacker look for vulnerabilities offline. Sharing with named accounts ' +
    'or with the organization (aws:PrincipalOrgID) is not flagged. Every version is judged, not only the newest.',
  remediation: {
    text:
      'Remove the public statement from each shared version and, if other accounts need the layer, grant it to ' +
      'those accounts or to your organization (--organization-id). Rotate any secret the layer contained.',
    cli: 'aws lambda remove-layer-version-permission --layer-name <name> --version-number <n> --statement-id <sid> && aws lambda add-layer-version-permission --layer-name <name> --version-number <n> --statement-id org --action lambda:GetLayerVersion --principal "*" --organization-id <o-id>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_AddLayerVersionPermission.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersionPolicy.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.layers', 'lambda.layer-policies'],
  evaluate: (view) =>
    view.eachLayerVersion(({ version }, v) => {
      const read = readOf(version.policy, "the layer version's policy");
      if (!read.ok) return v.missing(read);
      const policy = read.value;
      if (policy === null) return v.pass('the layer version has no policy: only this account can use it');
      if (!policy.parsed) {
        return v.unknown(`the layer version's policy could not be parsed (${policy.reason})`, {
          parseError: policy.reason,
        });
      }
      const analysis = policyExposure(policy.document, { actions: LAYER_ACTIONS });
      if (analysis.uninterpretable.length > 0) {
        return v.unknown(
          `the layer version's policy holds condition values that cannot be interpreted (${analysis.uninterpretable.join('; ')})`,
          { uninterpretable: analysis.uninterpretable },
        );
      }
      const open = analysis.exposures.filter((e) => PUBLIC_KINDS.has(e.exposure.kind));
      const first = open[0];
      const statementCount = policy.document.Statement.length;
      if (!first) {
        return v.pass(
          `none of the ${statementCount} policy statement(s) shares the layer version with every AWS account`,
          { statementCount },
        );
      }
      const where = first.sid ? `statement "${first.sid}"` : 'a statement';
      const more = open.length > 1 ? ` (and ${open.length - 1} more statement(s))` : '';
      return v.fail(
        `${where} lets any AWS account download the layer version (lambda:GetLayerVersion to Principal "*", no organization condition)${more}`,
        {
          statements: open.map((e) => ({
            sid: e.sid,
            kind: e.exposure.kind,
            actions: e.actions,
            conditionKeys: e.conditionKeys,
          })),
        },
      );
    }),
});
