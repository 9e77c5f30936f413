/**
 * Policy statements compiled once for evaluation: action patterns lower-cased, the policy they
 * came from kept beside them, so every answer can name the statements that decided it.
 */
import type { PolicyDocument, PolicyStatement } from '../inventory/schema.js';
import { statementCoversAction } from '../policy/actions.js';

/** Where a statement comes from. */
export interface PolicySource {
  kind: 'identity' | 'boundary' | 'resource' | 'guardrail';
  /** The policy's name (inline policy name, managed policy name, "resource policy"). */
  name: string;
  /** The managed policy's ARN; null for inline and resource policies. */
  arn: string | null;
  /** The group whose policy it is, when a user has it through a group. */
  group?: string;
}

export interface CompiledStatement {
  readonly source: PolicySource;
  readonly index: number;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
  readonly statement: PolicyStatement;
  /** Whether policy variables are interpreted (Version 2012-10-17 only). */
  readonly variables: boolean;
}

export function compilePolicy(document: PolicyDocument, source: PolicySource): CompiledStatement[] {
  const variables = document.Version === '2012-10-17';
  return document.Statement.map((statement, index) => ({
    source,
    index,
    sid: statement.Sid ?? null,
    effect: statement.Effect,
    statement,
    variables,
  }));
}

/** Does the statement's Action / NotAction cover `action` (case-insensitive)? */
export function coversAction(s: CompiledStatement, action: string): boolean {
  return statementCoversAction(s.statement, action);
}

/** How a decision names a statement: policy, group, index, sid, effect. */
export interface StatementRef {
  policy: string;
  policyArn: string | null;
  kind: PolicySource['kind'];
  group?: string;
  statement: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
}

export function refOf(s: CompiledStatement): StatementRef {
  const ref: StatementRef = {
    policy: s.source.name,
    policyArn: s.source.arn,
    kind: s.source.kind,
    statement: s.index,
    sid: s.sid,
    effect: s.effect,
  };
  if (s.source.group) ref.group = s.source.group;
  return ref;
}

/** "statement 2 (\"AllowDeploy\") of policy deployers (via group ci)". */
export function describeRef(ref: StatementRef): string {
  const st = ref.sid ? `statement "${ref.sid}"` : `statement ${ref.statement + 1}`;
  const where = ref.kind === 'resource' ? 'the resource policy' : `policy ${ref.policy}`;
  const via = ref.group
    ? ` (via group ${ref.group})`
    : ref.kind === 'boundary'
      ? ' (permissions boundary)'
      : '';
  return `${st} of ${where}${via}`;
}
