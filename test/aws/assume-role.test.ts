/**
 * The --role-arn credentials: one AssumeRole shared by every client, renewed before the session
 * ends (on an injected clock), a failure not cached, and each refusal explained in one line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssumeRoleCommand, AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { AssumeRoleError, assumedRoleCredentials, REFRESH_BEFORE_MS } from '../../src/aws/assume-role.js';

const SETTINGS = {
  roleArn: 'arn:aws:iam::210987654321:role/lambda-posture-audit',
  sessionName: 'lambda-posture',
  durationSeconds: 3600,
};

function sts(expiresInMs: number, now: () => number) {
  const calls: AssumeRoleCommand[] = [];
  const send = async (c: AssumeRoleCommand): Promise<AssumeRoleCommandOutput> => {
    calls.push(c);
    await new Promise((r) => setImmediate(r));
    return {
      $metadata: {},
      Credentials: {
        AccessKeyId: `ASIA${calls.length}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(now() + expiresInMs),
      },
    };
  };
  return { calls, send };
}

const failing =
  (name: string, message = 'refused') =>
  async (): Promise<AssumeRoleCommandOutput> => {
    throw Object.assign(new Error(message), { name });
  };

describe('assumedRoleCredentials', () => {
  it('assumes the role once for every client asking at once, with the settings given', async () => {
    let t = 1_000_000;
    const { calls, send } = sts(3_600_000, () => t);
    const provider = assumedRoleCredentials({ ...SETTINGS, externalId: 'ext-1' }, send, () => t);
    const got = await Promise.all([provider(), provider(), provider()]);
    assert.equal(calls.length, 1);
    assert.deepEqual(new Set(got.map((c) => c.accessKeyId)), new Set(['ASIA1']));
    assert.deepEqual(calls[0]?.input, {
      RoleArn: SETTINGS.roleArn,
      RoleSessionName: 'lambda-posture',
      DurationSeconds: 3600,
      ExternalId: 'ext-1',
    });
    t += 3_600_000 - REFRESH_BEFORE_MS - 1;
    assert.equal((await provider()).accessKeyId, 'ASIA1', 'still valid: no second call');
    assert.equal(calls.length, 1);
  });

  it('assumes it again before the session ends, so a long scan never meets expired credentials', async () => {
    let t = 0;
    const { calls, send } = sts(3_600_000, () => t);
    const provider = assumedRoleCredentials(SETTINGS, send, () => t);
    assert.equal((await provider()).accessKeyId, 'ASIA1');
    t = 3_600_000 - REFRESH_BEFORE_MS;
    assert.equal((await provider()).accessKeyId, 'ASIA2');
    assert.equal(calls.length, 2);
    assert.ok(!('ExternalId' in (calls[0]?.input ?? {})));
  });

  it('does not cache a failure: the next request asks STS again', async () => {
    let fail = true;
    const ok = sts(3_600_000, () => 0);
    const provider = assumedRoleCredentials(
      SETTINGS,
      (c) => (fail ? failing('AccessDenied')() : ok.send(c)),
      () => 0,
    );
    await assert.rejects(provider(), AssumeRoleError);
    fail = false;
    assert.equal((await provider()).accessKeyId, 'ASIA1');
  });

  it('explains a refusal in one line: the role, the trust policy, the ExternalId', async () => {
    const denied = assumedRoleCredentials(SETTINGS, failing('AccessDenied'));
    await assert.rejects(denied(), (e: Error) => {
      assert.ok(e instanceof AssumeRoleError && e.name === 'CollectError' && e.kind === 'credentials');
      assert.match(
        e.message,
        /could not assume arn:aws:iam::210987654321:role\/lambda-posture-audit \(AccessDenied\)/,
      );
      assert.match(e.message, /if it requires sts:ExternalId, give --external-id/);
      return true;
    });
    const withId = assumedRoleCredentials({ ...SETTINGS, externalId: 'x' }, failing('AccessDenied'));
    await assert.rejects(
      withId(),
      /trust policy does not let these credentials call sts:AssumeRole with this --external-id/,
    );
    const tooLong = assumedRoleCredentials(
      { ...SETTINGS, durationSeconds: 43_200 },
      failing(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      ),
    );
    await assert.rejects(
      tooLong(),
      /--role-duration 43200s is longer than the role's maximum session duration/,
    );
    const other = assumedRoleCredentials(SETTINGS, failing('MalformedPolicyDocument'));
    await assert.rejects(other(), /could not assume .* \(MalformedPolicyDocument\)$/);
  });

  it('leaves the caller’s own missing credentials, timeouts, throttling and network failures to the identity step and the SDK', async () => {
    for (const name of ['CredentialsProviderError', 'TimeoutError', 'ThrottlingException', 'ECONNREFUSED']) {
      const provider = assumedRoleCredentials(SETTINGS, failing(name));
      await assert.rejects(provider(), (e: Error) => e.name === name && !(e instanceof AssumeRoleError));
    }
  });
});
