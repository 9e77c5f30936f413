import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectIdentity } from '../../src/collect/sts.js';
import { awsError, testSession } from './helpers.js';

const stsMock = mockClient(STSClient);
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
    assert.deepEqual(await collectIdentity(session), {
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
    assert.equal((await collectIdentity(session)).partition, 'aws-us-gov');
  });

  it('fails the scan with the class and code when the call fails', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(awsError('ExpiredToken', 403, 'The security token included in the request is expired'));
    await assert.rejects(collectIdentity(session), (err: Error) => {
      assert.match(err.message, /^could not identify the account: access-denied ExpiredToken/);
      return true;
    });
  });

  it('fails clearly on an answer without an ARN', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
    await assert.rejects(collectIdentity(session), /could not identify the account/);
  });

  it('lets an abort through unchanged', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(Object.assign(new Error('aborted'), { name: 'ScanAbortedError' }));
    await assert.rejects(collectIdentity(session), { name: 'ScanAbortedError' });
  });
});
