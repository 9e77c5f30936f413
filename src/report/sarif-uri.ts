/**
 * The synthetic artifact location of a SARIF result. GitHub code scanning accepts only
 * repository-relative paths, and an AWS resource is no file, so each resource gets a stable path:
 *
 *   aws/<account>/<region or 'global'>/<service>/<type>/<name>
 *
 * e.g. `aws/123456789012/us-east-1/lambda/function/orders-api`. Service and type come from the
 * CloudFormation type (`AWS::IAM::Role` → `iam/role`), so a user and a role of one name differ; the
 * account is the ARN's own (`aws` for an AWS-managed policy, which may share a customer policy's
 * name). The path is built from the resource alone, never the scan time, so a resource keeps its
 * path across scans and GitHub keeps matching its alerts.
 */
import type { ReportResult } from './schema.js';

/**
 * One path segment, safe whatever the name holds. Everything outside RFC 3986's unreserved set
 * (A–Z a–z 0–9 - . _ ~) is percent-encoded as UTF-8, so `/`, `?`, `#`, `<`, spaces and bidi marks
 * cannot split, end or disguise the path. A segment of dots only (`.`, `..`) or an empty one is
 * prefixed with `~`: percent-encoding would not do, since URL parsers treat `%2E%2E` as `..`, and
 * `~` cannot start an AWS name, so the prefix marks the rewrite.
 */
export function uriSegment(text: string): string {
  const encoded = encodeRfc3986(wellFormed(text));
  return /^\.*$/.test(encoded) ? `~${encoded}` : encoded;
}

/** The resource's path, relative to the repository root (see the module comment). */
export function resourceUri(result: Pick<ReportResult, 'accountId' | 'resource'>): string {
  const { arn, name, region, type } = result.resource;
  const [service, kind] = serviceAndKind(type);
  const segments = ['aws', arnAccount(arn) ?? result.accountId, region ?? 'global', service, kind, name];
  return segments.map(uriSegment).join('/');
}

/** `AWS::Lambda::EventSourceMapping` → ['lambda', 'event-source-mapping']; `AWS::::Account` → account. */
function serviceAndKind(type: string): [string, string] {
  const [, service = '', kind = ''] = type.split('::');
  return [service.toLowerCase() || 'account', kebab(kind) || 'account'];
}

function kebab(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The ARN's account field (`arn:partition:service:region:account:resource`), if it has one. */
function arnAccount(arn: string): string | undefined {
  const account = arn.startsWith('arn:') ? arn.split(':')[4] : undefined;
  return account ? account : undefined;
}

/** encodeURIComponent leaves !'()* alone (legal, but sub-delimiters some consumers treat specially). */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A lone surrogate would make encodeURIComponent throw: replace it with U+FFFD, as TextEncoder does. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
