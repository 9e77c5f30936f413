/**
 * A function's qualifiers as checks read them: its published versions and aliases, each with the
 * resource policy Lambda applies to it, and the policy that authorizes each of its URLs. Lambda
 * keeps one policy per qualifier (see src/collect/lambda-qualifiers.ts): an alias's URL is
 * authorized by the alias's policy, never by the unqualified function's.
 */
import type { FunctionUrlConfig, ParsedPolicy, PublishedVersion } from '../inventory/schema.js';
import { urlAliasOf } from '../policy/arn.js';
import type { FunctionView } from './account-view.js';
import { ok, type Read, readOf } from './verdict.js';

export interface QualifierView {
  readonly kind: 'alias' | 'version';
  /** The alias name or the version number. */
  readonly name: string;
  readonly arn: string;
  /** ok(null): the qualifier has no resource policy of its own. */
  readonly policy: Read<ParsedPolicy | null>;
}

/** "alias prod" / "version 3", for messages. */
export const qualifierLabel = (q: Pick<QualifierView, 'kind' | 'name'>): string => `${q.kind} ${q.name}`;

/** The published versions (--deep), oldest first. */
export const versionsOf = (fn: FunctionView): Read<readonly PublishedVersion[]> =>
  readOf(fn.config.versions, 'the published versions');

/** Every alias and published version (--deep), versions first, oldest first; unknown if either list is. */
export function qualifiersOf(fn: FunctionView): Read<readonly QualifierView[]> {
  const versions = versionsOf(fn);
  if (!versions.ok) return versions;
  const aliases = readOf(fn.config.aliases, 'the aliases');
  if (!aliases.ok) return aliases;
  return ok([
    ...versions.value.map(
      (v): QualifierView => ({
        kind: 'version',
        name: v.version,
        arn: v.arn,
        policy: readOf(v.policy, `the resource policy of version ${v.version}`),
      }),
    ),
    ...aliases.value.map(
      (a): QualifierView => ({
        kind: 'alias',
        name: a.name,
        arn: a.arn,
        policy: readOf(a.policy, `the resource policy of alias ${a.name}`),
      }),
    ),
  ]);
}

/** The resource policy that authorizes this URL: its alias's, or else the function's. */
export function urlPolicy(fn: FunctionView, url: FunctionUrlConfig): Read<ParsedPolicy | null> {
  const alias = urlAliasOf(url.functionArn);
  if (alias === null) return fn.policy;
  return readOf(url.policy, `the resource policy of alias ${alias} (which authorizes its URL)`);
}
