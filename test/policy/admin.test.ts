import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PolicyDocument, PolicyStatement } from '../../src/inventory/schema.js';
import {
  adminGrants,
  describeAdminGrant,
  isAdministratorAccessArn,
  statementAdminGrant,
} from '../../src/policy/admin.js';
import { parseRoleArn, roleKey, roleName } from '../../src/policy/arn.js';

const docOf = (...Statement: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

describe('adminGrants', () => {
  it('finds full admin, iam:* and Allow+NotAction on all resources', () => {
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['*'], Resource: ['*'] })?.kind,
      'full-admin',
    );
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['*'] })?.kind,
      'full-admin',
    );
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] })?.kind,
      'iam-full',
    );
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', NotAction: ['iam:*'], Resource: ['*'] })?.kind,
      'not-action',
    );
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['*'], NotResource: ['arn:aws:s3:::vault/*'] })?.kind,
      'full-admin',
    );
  });

  it('Allow with NotResource "*" grants on no resource, so it is not admin', () => {
    assert.equal(statementAdminGrant({ Effect: 'Allow', Action: ['*'], NotResource: ['*'] }), null);
    assert.equal(statementAdminGrant({ Effect: 'Allow', NotAction: ['iam:*'], NotResource: ['**'] }), null);
    assert.equal(
      statementAdminGrant({
        Effect: 'Allow',
        Action: ['iam:*'],
        NotResource: ['arn:aws:iam::*:role/x', '*'],
      }),
      null,
    );
  });

  it('ignores Deny, scoped resources, NotAction "*" and narrower wildcards', () => {
    assert.equal(statementAdminGrant({ Effect: 'Deny', Action: ['*'], Resource: ['*'] }), null);
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['*'], Resource: ['arn:aws:s3:::bucket/*'] }),
      null,
    );
    assert.equal(statementAdminGrant({ Effect: 'Allow', NotAction: ['*'], Resource: ['*'] }), null);
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:*'], Resource: ['*'] }),
      null,
    );
    assert.equal(
      statementAdminGrant({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:*'], Resource: ['*'] }),
      null,
    );
  });

  it('keeps statement index, Sid and condition keys', () => {
    const grants = adminGrants(
      docOf(
        { Effect: 'Allow', Action: ['logs:*'], Resource: ['*'] },
        {
          Sid: 'Admin',
          Effect: 'Allow',
          Action: ['*'],
          Resource: ['*'],
          Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
        },
      ),
    );
    assert.deepEqual(grants, [
      {
        kind: 'full-admin',
        statement: 1,
        sid: 'Admin',
        patterns: ['*'],
        conditionKeys: ['aws:RequestedRegion'],
      },
    ]);
    assert.equal(describeAdminGrant(grants[0] as never), 'statement "Admin" allows * on all resources');
  });

  it('an Allow of "*" on "*" is admin whatever else the statement lists', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), fc.nat(5), (others, at) => {
        const Action = [...others];
        Action.splice(Math.min(at, Action.length), 0, '*');
        return statementAdminGrant({ Effect: 'Allow', Action, Resource: ['*'] })?.kind === 'full-admin';
      }),
    );
  });

  it('never throws on arbitrary statements', () => {
    const strings = fc.array(fc.string(), { maxLength: 3 });
    const statement = fc.record(
      {
        Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
        Sid: fc.string(),
        Action: strings,
        NotAction: strings,
        Resource: strings,
        NotResource: strings,
        Condition: fc.dictionary(fc.string(), fc.dictionary(fc.string(), strings, { maxKeys: 2 }), {
          maxKeys: 2,
        }),
      },
      { requiredKeys: ['Effect'] },
    );
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 4 }), (Statement) => {
        for (const g of adminGrants({ Statement })) describeAdminGrant(g);
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('recognizes AdministratorAccess in every partition, and nothing else', () => {
    assert.ok(isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess'));
    assert.ok(isAdministratorAccessArn('arn:aws-cn:iam::aws:policy/AdministratorAccess'));
    assert.ok(isAdministratorAccessArn('arn:aws-us-gov:iam::aws:policy/AdministratorAccess'));
    assert.ok(!isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess-Amplify'));
    assert.ok(!isAdministratorAccessArn('arn:aws:iam::123456789012:policy/AdministratorAccess'));
  });
});

describe('role ARNs', () => {
  it('parses paths and names', () => {
    assert.deepEqual(parseRoleArn('arn:aws:iam::123456789012:role/service-role/my-fn-role-abc'), {
      partition: 'aws',
      account: '123456789012',
      path: '/service-role/',
      name: 'my-fn-role-abc',
    });
    assert.equal(parseRoleArn('arn:aws:iam::123456789012:user/alice'), null);
    assert.equal(roleName('arn:aws:iam::123456789012:role/x'), 'x');
  });

  it('keys one role equally whatever its path and name case', () => {
    assert.equal(
      roleKey('arn:aws:iam::123456789012:role/service-role/App'),
      roleKey('arn:aws:iam::123456789012:role/app'),
    );
    assert.notEqual(
      roleKey('arn:aws:iam::123456789012:role/app'),
      roleKey('arn:aws:iam::210987654321:role/app'),
    );
    fc.assert(fc.property(fc.string(), (s) => typeof roleKey(s) === 'string'));
  });
});
