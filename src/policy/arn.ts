/**
 * Reading role and function ARNs.
 *
 * IAM role ARNs: A role ARN is `arn:<partition>:iam::<account>:role/<path/><name>`. IAM
 * role names are unique within an account whatever their path, and IAM does not tell names apart
 * by case, so one role is identified by partition, account and lower-cased name.
 */

export interface RoleArnParts {
  partition: string;
  account: string;
  path: string;
  name: string;
}

const ROLE_ARN = /^arn:([^:]+):iam::([^:]*):role(\/.*)$/;

/** The parts of a role ARN, or null if the string is not one. */
export function parseRoleArn(arn: string): RoleArnParts | null {
  const m = ROLE_ARN.exec(arn);
  if (!m) return null;
  const [, partition = '', account = '', rest = ''] = m;
  const slash = rest.lastIndexOf('/');
  const name = rest.slice(slash + 1);
  if (name.length === 0) return null;
  return { partition, account, path: rest.slice(0, slash + 1), name };
}

/**
 * A key that is equal for two ARNs naming the same role (path and case of the name ignored).
 * Strings that are not role ARNs are keyed by themselves, lower-cased.
 */
export function roleKey(arn: string): string {
  const parts = parseRoleArn(arn);
  if (!parts) return `raw:${arn.toLowerCase()}`;
  return `${parts.partition}:${parts.account}:${parts.name.toLowerCase()}`;
}

/** The role's name (last path segment), or the input if it is not a role ARN. */
export function roleName(arn: string): string {
  return parseRoleArn(arn)?.name ?? arn;
}

/**
 * A Lambda function ARN without its version or alias: `arn:…:function:name[:qualifier]` →
 * `arn:…:function:name`, so a function and its published versions compare equal.
 */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(':');
  return parts.length > 7 ? parts.slice(0, 7).join(':') : arn;
}
