/**
 * The rule the tool signals must keep whatever the strings: a user agent alone never makes a
 * person's change a tool deployment (the client writes it), and CloudTrail's service source does
 * whoever the principal (the caller cannot write it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { FunctionChangeEvent } from '../../src/inventory/schema.js';
import { changeEvent, userChange } from '../../test/helpers/changes.js';
import { ACCOUNT } from '../../test/helpers/inventory.js';
import { deploymentToolOf, isPersonPrincipal } from './_deployment-tool.js';

const SSO = 'AWSReservedSSO_ReadWrite_0123456789abcdef';
const people: FunctionChangeEvent[] = [
  userChange('alice'),
  changeEvent({
    principalArn: `arn:aws:iam::${ACCOUNT}:root`,
    identityType: 'Root',
    sessionIssuerArn: null,
  }),
  changeEvent({
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${SSO}/alice@example.com`,
    sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/${SSO}`,
  }),
  changeEvent({
    principalArn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
    identityType: 'FederatedUser',
    sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:user/bob`,
  }),
];

const agents = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'cloudformation.amazonaws.com',
    'codepipeline.amazonaws.com',
    'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0',
    'OpenTofu/1.8.0 terraform-provider-aws/5.80.0',
    'aws-cli/2.15.30 exec-env/CloudShell',
    'console.amazonaws.com',
    'aws-cdk/2.170.0',
  ),
);
const address = fc.ipV4();

describe('deployment-tool signals', () => {
  it('a person’s change from an IP address is never a tool deployment by its user agent alone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...people), agents, address, (person, userAgent, ip) => {
        const e = { ...person, userAgent, sourceIpAddress: ip };
        assert.ok(isPersonPrincipal(e));
        assert.equal(deploymentToolOf(e, []), null);
      }),
    );
  });

  it('a deployment service as CloudTrail source is a strong tool signal whoever the principal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...people, changeEvent()),
        agents,
        fc.constantFrom('cloudformation.amazonaws.com', 'codepipeline.amazonaws.com'),
        (who, userAgent, source) => {
          const via = deploymentToolOf({ ...who, userAgent, sourceIpAddress: source }, []);
          assert.equal(via?.strength, 'strong');
          assert.equal(via?.tool, source.split('.')[0]);
        },
      ),
    );
  });

  it('Terraform’s user agent from a machine role session is a weak signal, and nothing without it', () => {
    fc.assert(
      fc.property(
        address,
        // A valid role session name, other than the one CodeBuild gives its builds.
        fc.stringMatching(/^[\w+=,.@-]{2,64}$/).filter((n) => !n.startsWith('AWSCodeBuild-')),
        (ip, session) => {
          const role = changeEvent({
            principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/terraform-apply/${session}`,
            sessionIssuerArn: `arn:aws:iam::${ACCOUNT}:role/terraform-apply`,
            sourceIpAddress: ip,
          });
          const tf = 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 terraform-provider-aws/5.80.0';
          assert.deepEqual(deploymentToolOf({ ...role, userAgent: tf }, []), {
            tool: 'terraform',
            strength: 'weak',
          });
          assert.equal(deploymentToolOf({ ...role, userAgent: 'aws-cli/2.15.30' }, []), null);
        },
      ),
    );
  });
});
