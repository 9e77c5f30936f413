/**
 * Who is scanning: the account, the caller and the partition (which decides IAM's endpoint and
 * every ARN the checks build). Without it nothing else can be attributed, so failure is fatal,
 * and explained (errors.ts): which credentials, which endpoint, what to do next.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { parse as parseArn } from '@aws-sdk/util-arn-parser';
import type { AwsSession } from '../aws/clients.js';
import { CollectError, type IdentityContext, identityFailure } from './errors.js';
import { isAbort } from './read.js';

export interface CallerIdentity {
  accountId: string;
  callerArn: string;
  partition: string;
}

export async function collectIdentity(
  session: Pick<AwsSession, 'sts'>,
  context: Omit<IdentityContext, 'region'>,
): Promise<CallerIdentity> {
  let out: { Account?: string | undefined; Arn?: string | undefined };
  const client = session.sts();
  try {
    out = await client.send(new GetCallerIdentityCommand({}));
  } catch (err) {
    if (isAbort(err)) throw err;
    const region = await client.config.region().catch(() => undefined);
    throw identityFailure(err, { ...context, ...(region ? { region } : {}) });
  }
  if (!out.Account || !out.Arn) {
    throw new CollectError(
      'aws',
      'could not identify the account: GetCallerIdentity returned no Account or Arn',
    );
  }
  let partition: string;
  try {
    partition = parseArn(out.Arn).partition;
  } catch {
    throw new CollectError(
      'aws',
      'could not identify the account: GetCallerIdentity returned an ARN that does not parse',
    );
  }
  return { accountId: out.Account, callerArn: out.Arn, partition };
}
