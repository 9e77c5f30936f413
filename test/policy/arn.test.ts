import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arnOwner, parseFunctionArn, parseLayerArn, unqualifiedFunctionArn } from '../../src/policy/arn.js';

const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:api';

describe('function ARNs', () => {
  it('split off a version or alias qualifier, and keep the unqualified ARN', () => {
    assert.deepEqual(parseFunctionArn(`${FN}:live`), {
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      name: 'api',
      qualifier: 'live',
      unqualifiedArn: FN,
    });
    assert.deepEqual(
      [parseFunctionArn(FN)?.qualifier, parseFunctionArn(`${FN}:7`)?.unqualifiedArn],
      [null, FN],
    );
    assert.deepEqual([unqualifiedFunctionArn(`${FN}:7`), unqualifiedFunctionArn(FN)], [FN, FN]);
  });

  it('reject what is not a function ARN, and leave it as it is when asked to unqualify it', () => {
    for (const bad of [
      `${FN}:`,
      `${FN}:live:extra`,
      'arn:aws:lambda:eu-west-1:123456789012:layer:lib:3',
      'arn:aws:iam::123456789012:role/api',
      'not an arn',
    ]) {
      assert.equal(parseFunctionArn(bad), null, bad);
      assert.equal(unqualifiedFunctionArn(bad), bad, bad);
    }
    fc.assert(fc.property(fc.string(), (s) => typeof unqualifiedFunctionArn(s) === 'string'));
  });
});

describe('layer ARNs', () => {
  it('parse a layer version, and nothing else', () => {
    assert.deepEqual(
      parseLayerArn('arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3:7'),
      {
        arn: 'arn:aws:lambda:us-east-1:017000801446:layer:AWSLambdaPowertoolsPythonV3:7',
        partition: 'aws',
        region: 'us-east-1',
        accountId: '017000801446',
        name: 'AWSLambdaPowertoolsPythonV3',
        version: 7,
      },
    );
    for (const bad of [
      'arn:aws:lambda:us-east-1:017000801446:layer:lib',
      'arn:aws:lambda:us-east-1:017000801446:layer:lib:0',
      'arn:aws:lambda:us-east-1:not-an-account:layer:lib:1',
      FN,
    ]) {
      assert.equal(parseLayerArn(bad), null, bad);
    }
  });
});

describe('ARN owners (event sources)', () => {
  it('read the account field of any ARN, and nothing from a resource name that holds digits', () => {
    assert.deepEqual(arnOwner('arn:aws:sqs:us-east-1:210987654321:orders'), {
      service: 'sqs',
      account: '210987654321',
    });
    assert.deepEqual(
      arnOwner('arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000'),
      { service: 'dynamodb', account: '123456789012' },
    );
    assert.equal(arnOwner('arn:aws:sqs:us-east-1:123456789012:from-210987654321')?.account, '123456789012');
    for (const bad of ['not-an-arn', 'arn:aws:s3:::bucket', 'arn:aws:sqs:us-east-1:12345:q']) {
      assert.equal(arnOwner(bad), null, bad);
    }
  });
});
