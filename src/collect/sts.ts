/**
 * Who is scanning: the account, the caller and the partition (which decides IAM's endpoint and
 * every ARN the checks build). Without it nothing else can be attributed, so failure is fatal.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { parse as parseArn } from '@aws-sdk/util-arn-parser';
import type { AwsSession } from '../aws/clients.js';
import { classifyError } from '../aws/errors.js';
import { isAbort } from './read.js';

export interface CallerIdentity {
  accountId: string;
  callerArn: string;
  partition: string;
}

export async function collectIdentity(session: Pick<AwsSession, 'sts'>): Promise<CallerIdentity> {
  let out: { Account?: string | undefined; Arn?: string | undefined };
  try {
    out = await session.sts().send(new GetCallerIdentityCommand({}));
  } catch (err) {
    if (isAbort(err)) throw err;
    const info = classifyError(err, 'sts', 'GetCallerIdentity');
    throw new Error(
      `could not identify the account: ${info.class} ${info.code}` +
        (info.class === 'access-denied' || info.code === 'CredentialsProviderError'
          ? ' (check the credentials, or pass --profile)'
          : ''),
      { cause: info },
    );
  }
  if (!out.Account || !out.Arn) {
    throw new Error(
      'could not identify the account: other IncompleteResponse (GetCallerIdentity returned no Account or Arn)',
    );
  }
  let partition: string;
  try {
    partition = parseArn(out.Arn).partition;
  } catch {
    throw new Error(
      'could not identify the account: other InvalidArn (GetCallerIdentity returned an ARN that does not parse)',
    );
  }
  return { accountId: out.Account, callerArn: out.Arn, partition };
}
