import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createAwsSession, globalRegionOf } from '../../src/aws/clients.js';
import { ABORT_MIDDLEWARE_NAME, LIMITER_MIDDLEWARE_NAME } from '../../src/aws/limiter.js';
import { fakeHandler, json, TEST_CREDENTIALS } from './fake-http.js';

const base = { concurrency: 4, maxAttempts: 5, rateScale: 1 };

describe('createAwsSession', () => {
  it('creates one client per (service, region) and caches it', () => {
    const s = createAwsSession({ ...base, clientOverrides: { credentials: TEST_CREDENTIALS } });
    assert.equal(s.lambda('eu-west-1'), s.lambda('eu-west-1'));
    assert.notEqual(s.lambda('eu-west-1'), s.lambda('eu-west-2'));
    assert.equal(s.guardduty('eu-west-1'), s.guardduty('eu-west-1'));
    assert.equal(s.ec2('us-east-1'), s.ec2('us-east-1'));
    assert.equal(s.iam(), s.iam());
    assert.equal(s.sts(), s.sts());
    s.destroy();
  });

  it('configures adaptive retries, maxAttempts and the region', async () => {
    const s = createAwsSession({ ...base, clientOverrides: { credentials: TEST_CREDENTIALS } });
    const client = s.lambda('ap-south-1');
    assert.equal(await client.config.region(), 'ap-south-1');
    assert.equal(await client.config.maxAttempts(), 5);
    const strategy = await client.config.retryStrategy();
    assert.equal((strategy as { mode?: string }).mode, 'adaptive');
    s.destroy();
  });

  it('serves IAM from the partition global region', async () => {
    const s = createAwsSession({ ...base, clientOverrides: { credentials: TEST_CREDENTIALS } });
    assert.equal(await s.iam().config.region(), 'us-east-1');
    s.setPartition('aws-us-gov');
    assert.equal(s.globalRegion(), 'us-gov-west-1');
    assert.equal(await s.iam().config.region(), 'us-gov-west-1');
    assert.equal(globalRegionOf('aws-cn'), 'cn-north-1');
    s.destroy();
  });

  it('sets an endpoint only when one is given', async () => {
    const plain = createAwsSession({ ...base, clientOverrides: { credentials: TEST_CREDENTIALS } });
    const endpoint = plain.lambda('eu-west-1').config.endpoint;
    assert.equal(endpoint, undefined);
    plain.destroy();
    const sim = createAwsSession({
      ...base,
      endpointUrl: 'http://127.0.0.1:4566',
      clientOverrides: { credentials: TEST_CREDENTIALS },
    });
    const resolved = await sim.lambda('eu-west-1').config.endpoint?.();
    assert.equal(resolved?.hostname, '127.0.0.1');
    assert.equal(resolved?.port, 4566);
    sim.destroy();
  });

  it('shares one credential provider across clients', async () => {
    const s = createAwsSession({ ...base, clientOverrides: { credentials: TEST_CREDENTIALS } });
    const a = await s.lambda('eu-west-1').config.credentials();
    const b = await s.guardduty('us-east-1').config.credentials();
    assert.equal(a.accessKeyId, TEST_CREDENTIALS.accessKeyId);
    assert.equal(b.accessKeyId, TEST_CREDENTIALS.accessKeyId);
    s.destroy();
  });

  it('installs the limiter on every client and counts calls by service:Operation', async () => {
    const handler = fakeHandler((req) => {
      if (req.path.includes('account-settings')) return json({ AccountUsage: { FunctionCount: 0 } });
      if (req.path.endsWith('/detector')) return json({ detectorIds: [] });
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/xml' },
        body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/x</Arn><UserId>U</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      };
    });
    const s = createAwsSession({
      ...base,
      clientOverrides: { credentials: TEST_CREDENTIALS, requestHandler: handler },
    });
    for (const client of [
      s.lambda('eu-west-1'),
      s.guardduty('eu-west-1'),
      s.sts(),
      s.iam(),
      s.ec2('us-east-1'),
    ]) {
      const names = client.middlewareStack.identify().join('\n');
      assert.ok(names.includes(LIMITER_MIDDLEWARE_NAME) && names.includes(ABORT_MIDDLEWARE_NAME));
    }
    await s.lambda('eu-west-1').send(new GetAccountSettingsCommand({}));
    await s.lambda('eu-west-2').send(new GetAccountSettingsCommand({}));
    await s.guardduty('eu-west-1').send(new ListDetectorsCommand({}));
    const who = await s.sts().send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, '123456789012');
    assert.deepEqual(s.stats(), {
      apiCalls: { 'guardduty:ListDetectors': 1, 'lambda:GetAccountSettings': 2, 'sts:GetCallerIdentity': 1 },
      throttledResponses: 0,
    });
    s.destroy();
  });

  it('rejects invalid numeric options', () => {
    assert.throws(() => createAwsSession({ ...base, maxAttempts: 0 }), RangeError);
    assert.throws(() => createAwsSession({ ...base, concurrency: 0 }), RangeError);
    assert.throws(() => createAwsSession({ ...base, rateScale: -1 }), RangeError);
  });
});
