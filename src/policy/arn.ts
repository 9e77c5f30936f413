/**
 * Reading the ARNs the scanner meets: IAM roles, Lambda functions (with or without a qualifier)
 * and Lambda layer versions. One parser for all of them, the SDK's own (@aws-sdk/util-arn-parser),
 * with the resource part read per type. Nothing here throws: a string that is not the expected
 * ARN gives null.
 *
 * IAM role ARNs are `arn:<partition>:iam::<account>:role/<path/><name>`. Role names are unique
 * within an account whatever their path, and IAM does not tell names apart by case, so one role
 * is identified by partition, account and lower-cased name (`roleKey`).
 */
import { parse, validate } from '@aws-sdk/util-arn-parser';

interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

function parts(arn: string): ArnParts | null {
  if (!validate(arn)) return null;
  try {
    return parse(arn);
  } catch {
    return null;
  }
}

/** The service and owning account of any ARN (event sources, for instance), or null. */
export function arnOwner(arn: string): { service: string; account: string } | null {
  const p = parts(arn);
  if (!p || !/^\d{12}$/.test(p.accountId)) return null;
  return { service: p.service, account: p.accountId };
}

export interface RoleArnParts {
  partition: string;
  account: string;
  path: string;
  name: string;
}

/** The parts of a role ARN, or null if the string is not one. */
export function parseRoleArn(arn: string): RoleArnParts | null {
  const p = parts(arn);
  if (p?.service !== 'iam' || p.region !== '' || !p.resource.startsWith('role/')) return null;
  const rest = p.resource.slice('role'.length);
  const slash = rest.lastIndexOf('/');
  const name = rest.slice(slash + 1);
  if (name.length === 0) return null;
  return { partition: p.partition, account: p.accountId, path: rest.slice(0, slash + 1), name };
}

/**
 * A key that is equal for two ARNs naming the same role (path and case of the name ignored).
 * Strings that are not role ARNs are keyed by themselves, lower-cased.
 */
export function roleKey(arn: string): string {
  const p = parseRoleArn(arn);
  if (!p) return `raw:${arn.toLowerCase()}`;
  return `${p.partition}:${p.account}:${p.name.toLowerCase()}`;
}

/** The role's name (last path segment), or the input if it is not a role ARN. */
export function roleName(arn: string): string {
  return parseRoleArn(arn)?.name ?? arn;
}

export interface FunctionArnParts {
  partition: string;
  region: string;
  accountId: string;
  name: string;
  /** A version number or alias name; null for the unqualified ARN ($LATEST). */
  qualifier: string | null;
  /** The ARN without its qualifier: a function and its versions and aliases share it. */
  unqualifiedArn: string;
}

/** `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`, or null. */
export function parseFunctionArn(arn: string): FunctionArnParts | null {
  const p = parts(arn);
  if (p?.service !== 'lambda') return null;
  const [kind, name, qualifier, ...extra] = p.resource.split(':');
  if (kind !== 'function' || !name || extra.length > 0 || qualifier === '') return null;
  return {
    partition: p.partition,
    region: p.region,
    accountId: p.accountId,
    name,
    qualifier: qualifier ?? null,
    unqualifiedArn: qualifier === undefined ? arn : arn.slice(0, arn.length - qualifier.length - 1),
  };
}

/**
 * A Lambda function ARN without its version or alias: `arn:…:function:name[:qualifier]` →
 * `arn:…:function:name`, so a function and its published versions compare equal. Anything that
 * is not a function ARN is returned as it is.
 */
export function unqualifiedFunctionArn(arn: string): string {
  return parseFunctionArn(arn)?.unqualifiedArn ?? arn;
}

/**
 * The alias a function URL belongs to, from the URL config's FunctionArn; null for the
 * unqualified function's URL. Lambda puts URLs only on the function or an alias, and `$LATEST`
 * is the unqualified function.
 */
export function urlAliasOf(functionArn: string): string | null {
  const q = parseFunctionArn(functionArn)?.qualifier ?? null;
  return q === '$LATEST' ? null : q;
}

/** A layer version ARN, split: arn:<partition>:lambda:<region>:<account>:layer:<name>:<version>. */
export interface LayerRef {
  arn: string;
  partition: string;
  region: string;
  accountId: string;
  name: string;
  version: number;
}

const LAYER_RESOURCE = /^layer:([A-Za-z0-9_-]{1,140}):([1-9]\d*)$/;

/** The parts of a layer version ARN, or null when `arn` is not one. */
export function parseLayerArn(arn: string): LayerRef | null {
  const p = parts(arn);
  const m = p ? LAYER_RESOURCE.exec(p.resource) : null;
  if (!p || !m || p.service !== 'lambda' || !p.region || !/^\d{12}$/.test(p.accountId)) return null;
  return {
    arn,
    partition: p.partition,
    region: p.region,
    accountId: p.accountId,
    name: m[1] as string,
    version: Number(m[2]),
  };
}
