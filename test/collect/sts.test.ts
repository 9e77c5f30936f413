import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectIdentity } from '../../src/collect/sts.js';
import { awsError, testSession } from './helpers.js';

const stsMock = mockClient(STSClient);
const CONTEXT = { requestTimeoutMs: 30_000, attempts: 3, envCredentials: true };
let session: AwsSession;

describe('collectIdentity', () => {
  beforeEach(() => {
    stsMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('returns account, caller and the partition from the ARN', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws:sts::123456789012:assumed-role/Auditor/alice',
      UserId: 'AROAEXAMPLE:alice',
    });
    assert.deepEqual(await collectIdentity(session, CONTEXT), {
      accountId: '123456789012',
      callerArn: 'arn:aws:sts::123456789012:assumed-role/Auditor/alice',
      partition: 'aws',
    });
  });

  it('reads the GovCloud partition', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({
      Account: '123456789012',
      Arn: 'arn:aws-us-gov:iam::123456789012:user/bob',
    });
    assert.equal((await collectIdentity(session, CONTEXT)).partition, 'aws-us-gov');
  });

  it('fails the scan with a message that says what is wrong and what to do', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(awsError('ExpiredToken', 403, 'The security token included in the request is expired'));
    await assert.rejects(collectIdentity(session, CONTEXT), (err: Error) => {
      assert.equal(err.name, 'CollectError');
      assert.equal(
        err.message,
        'the AWS credentials from the environment (AWS_ACCESS_KEY_ID) have expired (ExpiredToken): refresh them (aws sso login, or new session credentials) and scan again',
      );
      return true;
    });
  });

  it('names the profile whose credentials could not be loaded', async () => {
    stsMock.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('Could not resolve credentials using profile: [audit]'), {
        name: 'CredentialsProviderError',
      }),
    );
    await assert.rejects(collectIdentity(session, { ...CONTEXT, profile: 'audit' }), (err: Error) => {
      assert.match(err.message, /^could not load the credentials of AWS profile "audit"/);
      assert.match(err.message, /aws sso login --profile audit/);
      return true;
    });
  });

  it('names the endpoint it could not reach, and the cause', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
    await assert.rejects(
      collectIdentity(session, { ...CONTEXT, endpoint: 'http://127.0.0.1:9' }),
      /^CollectError: cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED: nothing is listening there\)/,
    );
  });

  it('fails clearly on an answer without an ARN', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    await assert.rejects(collectIdentity(session, CONTEXT), /could not identify the account/);
  });

  it('lets an abort through unchanged', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error('aborted'), { name: 'ScanAbortedError' }));
    await assert.rejects(collectIdentity(session, CONTEXT), { name: 'ScanAbortedError' });
  });
});
