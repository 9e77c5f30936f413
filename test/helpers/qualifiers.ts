/** Published versions and aliases for check tests (--deep qualifier reads). */
import type { Fetched, FunctionAlias, ParsedPolicy, PublishedVersion } from '../../src/inventory/schema.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { ACCOUNT, REGION } from './inventory.js';

const arnOf = (fn: string, q: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}:${q}`;

export function version(fn: string, n: string, policy?: Fetched<ParsedPolicy | null>): PublishedVersion {
  return {
    version: n,
    arn: arnOf(fn, n),
    codeSha256: `sha-${n}`,
    lastModified: '2026-10-01T00:00:00.000Z',
    runtime: 'nodejs22.x',
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${fn}-role`,
    ...(policy ? { policy } : {}),
  };
}

export function alias(
  fn: string,
  name: string,
  target: string,
  policy?: Fetched<ParsedPolicy | null>,
): FunctionAlias {
  return {
    name,
    arn: arnOf(fn, name),
    functionVersion: target,
    additionalVersions: [],
    ...(policy ? { policy } : {}),
  };
}

/** A resource policy as GetPolicy returns it (raw statements: strings or lists), parsed as a scan parses it. */
export function rawPolicy(...Statement: Record<string, unknown>[]): Fetched<ParsedPolicy | null> {
  return {
    ok: true,
    value: parsePolicy(JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement })),
  };
}
