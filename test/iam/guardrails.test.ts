/**
 * SCPs as the evaluator's guardrails (AWS: "SCPs … evaluation"): every level from the root to the
 * account must allow, a deny anywhere denies; the management account and service-linked roles
 * are not bounded. Example cases; test/iam/modifiers.test.ts proves the index agrees with the
 * evaluator under random guardrails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessAnalysis } from '../../src/iam/analysis.js';
import type { Inventory, PolicyStatement, ServiceControlPolicies } from '../../src/inventory/schema.js';
import { buildView } from '../../src/view/account-view.js';
import { iamInventory, inline } from '../helpers/iam-fixtures.js';
import { iamRole, lambdaFunction, ok, parsedDoc } from '../helpers/inventory.js';

const A = '123456789012';
const FULL: PolicyStatement = { Effect: 'Allow', Action: ['*'], Resource: ['*'] };
const deployer = iamRole({
  name: 'deployer',
  inlinePolicies: [inline('deploy', { Effect: 'Allow', Action: ['lambda:*'], Resource: ['*'] })],
});
const serviceLinked = iamRole({
  name: 'AWSServiceRoleForSomething',
  path: '/aws-service-role/something.amazonaws.com/',
  inlinePolicies: [
    inline('svc', { Effect: 'Allow', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] }),
  ],
});

function withScps(inv: Inventory, scps: ServiceControlPolicies): Inventory {
  inv.scan.organization = {
    id: 'o-exampleorg1',
    managementAccountId: '999999999999',
    accountIds: [A, '999999999999'],
    serviceControlPolicies: ok(scps),
  };
  return inv;
}

const levels = (...each: PolicyStatement[][]): ServiceControlPolicies => ({
  applies: true,
  levels: each.map((statements, i) => ({
    targetId: i === 0 ? 'r-root' : `ou-root-0000000${i}`,
    name: `level ${i}`,
    policies: [{ id: `p-${i}`, name: `scp${i}`, awsManaged: false, policy: parsedDoc(...statements) }],
  })),
});

function modifiersOf(inv: Inventory, fn = 'orders-api') {
  const view = buildView(inv);
  const analysis = accessAnalysis(view);
  assert.ok(analysis.ok);
  const f = view.functions.find((x) => x.config.name === fn);
  assert.ok(f);
  return analysis.value.modifiers
    .modifiersOf(f)
    .filter((m) => m.grants.some((g) => g.action === 'lambda:UpdateFunctionCode'))
    .map((m) => m.principal.name)
    .sort();
}

const account = () =>
  iamInventory({
    roles: [deployer, serviceLinked],
    functions: [lambdaFunction({ name: 'orders-api' }), lambdaFunction({ name: 'prod-payments' })],
  });

describe('SCP guardrails', () => {
  it('without SCPs, both roles can change the code', () => {
    assert.deepEqual(modifiersOf(account()), ['AWSServiceRoleForSomething', 'deployer']);
  });

  it('an SCP deny removes the role; the service-linked role is not bounded by SCPs', () => {
    const inv = withScps(
      account(),
      levels([FULL, { Effect: 'Deny', Action: ['lambda:UpdateFunctionCode'], Resource: ['*'] }], [FULL]),
    );
    assert.deepEqual(modifiersOf(inv), ['AWSServiceRoleForSomething']);
  });

  it('an OU level allow-listing other services only (no lambda) denies, although the root allows all', () => {
    const inv = withScps(
      account(),
      levels([FULL], [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: ['*'] }]),
    );
    assert.deepEqual(modifiersOf(inv), ['AWSServiceRoleForSomething']);
  });

  it('a deny on a name prefix protects only those functions', () => {
    const inv = withScps(
      account(),
      levels([
        FULL,
        {
          Effect: 'Deny',
          Action: ['lambda:UpdateFunctionCode'],
          Resource: [`arn:aws:lambda:*:${A}:function:prod-*`],
        },
      ]),
    );
    assert.deepEqual(modifiersOf(inv, 'orders-api'), ['AWSServiceRoleForSomething', 'deployer']);
    assert.deepEqual(modifiersOf(inv, 'prod-payments'), ['AWSServiceRoleForSomething']);
  });

  it('near-miss: the management account is not bounded by its organization’s SCPs', () => {
    const inv = withScps(account(), { applies: false, reason: 'management-account' });
    assert.deepEqual(modifiersOf(inv), ['AWSServiceRoleForSomething', 'deployer']);
  });

  it('SCPs that could not be read are ignored (answers can only over-state) and are a coverage gap', async () => {
    const inv = account();
    inv.scan.organization = {
      id: 'o-exampleorg1',
      managementAccountId: '999999999999',
      accountIds: [A, '999999999999'],
      serviceControlPolicies: {
        ok: false,
        error: {
          class: 'access-denied',
          code: 'AccessDeniedException',
          message: 'denied',
          service: 'organizations',
          operation: 'ListPoliciesForTarget',
        },
      },
    };
    assert.deepEqual(modifiersOf(inv), ['AWSServiceRoleForSomething', 'deployer']);
    const { deriveCoverage } = await import('../../src/inventory/coverage.js');
    assert.deepEqual(
      deriveCoverage(inv).map((g) => `${g.service}:${g.operation}`),
      ['organizations:ListPoliciesForTarget'],
    );
  });
});
