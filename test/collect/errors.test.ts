import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityFailure } from '../../src/collect/errors.js';

const ctx = { requestTimeoutMs: 30_000, attempts: 3, envCredentials: false };
const awsErr = (name: string) =>
  Object.assign(new Error(`${name} (test)`), { name, $metadata: { httpStatusCode: 403 } });
const netErr = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('identityFailure', () => {
  it('tells a wrong secret from an unknown key, and names where the credentials came from', () => {
    const e = identityFailure(awsErr('SignatureDoesNotMatch'), { ...ctx, profile: 'audit' });
    assert.equal(e.kind, 'credentials');
    assert.equal(
      e.message,
      'the AWS credentials of profile "audit" were rejected (SignatureDoesNotMatch): the secret access key does not match the access key id; check them, or use other credentials',
    );
    assert.match(
      identityFailure(awsErr('InvalidClientTokenId'), ctx).message,
      /from the default credential chain were rejected/,
    );
    // A named profile wins over environment keys in the SDK's chain, and in the message.
    assert.match(
      identityFailure(awsErr('ExpiredToken'), { ...ctx, profile: 'p', envCredentials: true }).message,
      /^the AWS credentials of profile "p" have expired/,
    );
  });

  it('names the endpoint and the network cause, or the STS region when no endpoint is set', () => {
    assert.equal(
      identityFailure(netErr('ENOTFOUND'), { ...ctx, endpoint: 'https://sts.example.invalid' }).message,
      'cannot reach https://sts.example.invalid (ENOTFOUND: the host name does not resolve); check --endpoint-url or AWS_ENDPOINT_URL, the network and any proxy',
    );
    const timeout = identityFailure(Object.assign(new Error('timeout'), { name: 'TimeoutError' }), {
      ...ctx,
      region: 'eu-west-1',
      requestTimeoutMs: 1500,
    });
    assert.equal(timeout.kind, 'network');
    assert.match(
      timeout.message,
      /^the STS endpoint of eu-west-1 did not answer: 3 attempt\(s\) each timed out after 1\.5 s/,
    );
  });

  it('falls back to the code, never to a stack or a raw message that could quote request data', () => {
    const e = identityFailure(awsErr('InternalFailure'), { ...ctx, endpoint: 'http://127.0.0.1:1' });
    assert.equal(e.kind, 'aws');
    assert.equal(
      e.message,
      'could not identify the account: sts:GetCallerIdentity failed (InternalFailure) at http://127.0.0.1:1',
    );
    assert.ok(!e.message.includes('(test)'));
  });
});
