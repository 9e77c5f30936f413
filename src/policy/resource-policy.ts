/**
 * Who does a Lambda function's resource-based policy effectively let in? The whole document is
 * judged per action, as IAM evaluates it: a request is allowed when some Allow statement matches
 * it and no Deny statement does ("an explicit deny in any policy overrides any allows").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * For each Allow statement and each action it grants, the analysis asks which *strangers* (see
 * reach.ts) satisfy its principal and conditions, then narrows that by every Deny that covers the
 * same action and the same stranger: a Deny carves the Allow down only as far as its conditions
 * are certainly true for the stranger (e.g. `StringNotEquals aws:PrincipalOrgID o-ours` is true
 * for every caller outside our organization, including an anonymous one lacking the key; `Bool
 * aws:SecureTransport false` is false for any TLS caller, so it restricts nobody).
 *
 * (Lambda's AddPermission writes Allow statements only, but policies copied from other corpora
 * or written by tools hold Deny statements too, and the analysis is the same for any resource
 * policy.) Exposure kinds, worst first:
 *
 * - `public`: a wildcard principal (`"*"`, `{"AWS": "*"}`, a wildcard in an AWS principal, or
 *   Allow + `NotPrincipal`), and an anonymous stranger gets through;
 * - `any-aws-account`: only signed callers get through, but from any account (e.g.
 *   `lambda:FunctionUrlAuthType = AWS_IAM`, or a Deny on callers lacking `aws:PrincipalOrgID`);
 * - `unscoped-service`: an AWS service principal (or a wildcard, which admits services too) acting
 *   for anyone's resource (confused deputy);
 * - `s3-without-source-account`: `s3.amazonaws.com` pinned only by a bucket ARN: the ARN has no
 *   account, and a deleted bucket's name can be registered by another account, which is why the
 *   Lambda guide says to add `--source-account`
 *   (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html);
 * - `ip-restricted`: strangers from public address ranges only (`aws:SourceIp`).
 */
import type { PolicyDocument, PolicyStatement } from '../inventory/schema.js';
import { allowedActions, appliesToNoResource, isAllWildcard, statementCoversAction } from './actions.js';
import { parseCidr } from './cidr.js';
import {
  conditionClauses,
  isAccountlessS3Arn,
  requiredFunctionUrlAuthType,
  servicePrincipals,
  wildcardPrincipals,
} from './principals.js';
import {
  allowClauseReach,
  type CallerClass,
  type ClauseOptions,
  denyClauseEscape,
  type KnownKeys,
  narrowest,
  parseOperator,
  type Reach,
  widest,
} from './reach.js';

/**
 * Function-level actions a resource policy can grant. A statement matters if it allows any of
 * them: invoking is the usual exposure, but a public `lambda:GetFunction` hands out the code and
 * the environment, and a public `Update*` hands out the function itself.
 */
export const INVOKE_ACTIONS: readonly string[] = [
  'lambda:InvokeFunction',
  'lambda:InvokeFunctionUrl',
  'lambda:InvokeAsync',
];
export const FUNCTION_ACTIONS: readonly string[] = [
  ...INVOKE_ACTIONS,
  'lambda:GetFunction',
  'lambda:GetFunctionConfiguration',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
  'lambda:DeleteFunction',
  'lambda:AddPermission',
  'lambda:PublishVersion',
  'lambda:UpdateAlias',
];

export type Exposure =
  | {
      kind: 'public';
      principals: string[];
      /** The `lambda:FunctionUrlAuthType` the statement requires (upper case), or null. */
      functionUrlAuthType: string | null;
      /** The statement requires `lambda:InvokedViaFunctionUrl` = true: it opens the URL path only. */
      viaFunctionUrl: boolean;
    }
  | { kind: 'any-aws-account'; principals: string[] }
  | { kind: 'unscoped-service'; services: string[] }
  | { kind: 's3-without-source-account'; services: string[]; sourceArns: string[] }
  | { kind: 'ip-restricted'; principals: string[]; sourceIps: string[] };

export type ExposureKind = Exposure['kind'];

/** Worst first: the order findings are reported in. */
export const EXPOSURE_RANK: Record<ExposureKind, number> = {
  public: 0,
  'any-aws-account': 1,
  'unscoped-service': 2,
  's3-without-source-account': 3,
  'ip-restricted': 4,
};

/** How grave each kind is, for evidence: the check's own severity is that of its worst kind. */
export const EXPOSURE_SEVERITY: Record<ExposureKind, 'high' | 'medium'> = {
  public: 'high',
  'any-aws-account': 'high',
  'unscoped-service': 'high',
  's3-without-source-account': 'medium',
  'ip-restricted': 'medium',
};

export interface StatementExposure {
  /** Index of the statement in the document. */
  statement: number;
  sid: string | null;
  exposure: Exposure;
  /** The actions (of those asked about) for which this exposure survives the Deny statements. */
  actions: string[];
  conditionKeys: string[];
}

export interface PolicyExposure {
  /** Worst first (EXPOSURE_RANK), then in statement order. */
  exposures: StatementExposure[];
  /**
   * Condition values the analysis cannot read (an `aws:SourceIp` that is no CIDR): when any is
   * present the answer is not trustworthy either way, and checks report unknown.
   */
  uninterpretable: string[];
}

export interface ExposureOptions {
  /** The actions to judge; default FUNCTION_ACTIONS. */
  actions?: readonly string[];
  /** Values the requests are known to carry (see reach.ts KnownKeys). */
  known?: KnownKeys;
}

/** The document-level analysis: every Allow statement, per action, after the Deny statements. */
export function policyExposure(document: PolicyDocument, options: ExposureOptions = {}): PolicyExposure {
  const actions = options.actions ?? FUNCTION_ACTIONS;
  const statements = Array.isArray(document?.Statement) ? document.Statement : [];
  const denies = statements.filter((s) => s?.Effect === 'Deny');
  const exposures: StatementExposure[] = [];
  statements.forEach((statement, index) => {
    if (statement?.Effect !== 'Allow') return;
    const byKind = new Map<ExposureKind, StatementExposure>();
    for (const action of allowedActions(statement, actions)) {
      const exposure = statementExposure(statement, { denies, action, known: options.known });
      if (!exposure) continue;
      const seen = byKind.get(exposure.kind);
      if (seen) seen.actions.push(action);
      else
        byKind.set(exposure.kind, {
          statement: index,
          sid: statement.Sid ?? null,
          exposure,
          actions: [action],
          conditionKeys: conditionClauses(statement).map((c) => c.key),
        });
    }
    exposures.push(...byKind.values());
  });
  exposures.sort(
    (a, b) => EXPOSURE_RANK[a.exposure.kind] - EXPOSURE_RANK[b.exposure.kind] || a.statement - b.statement,
  );
  return { exposures, uninterpretable: uninterpretableValues(statements) };
}

export interface StatementOptions {
  /** Deny statements of the same document (only those covering `action` count). */
  denies?: readonly PolicyStatement[];
  /** The action the request is for; without it, Deny statements are not applied. */
  action?: string;
  known?: KnownKeys;
}

/**
 * What one Allow statement exposes for one action after the given Deny statements, if anything.
 * Without `denies`, the statement judged alone (the single-statement view used by other callers).
 */
export function statementExposure(
  statement: PolicyStatement,
  options: StatementOptions = {},
): Exposure | null {
  if (statement?.Effect !== 'Allow' || appliesToNoResource(statement)) return null;
  const denies = options.action ? (options.denies ?? []) : [];
  const action = options.action ?? '';
  const known = options.known;
  const wildcards = wildcardGrantees(statement);
  if (wildcards.length > 0) {
    const anonymous = effectiveReach(statement, denies, action, { caller: 'anonymous', known });
    const foreign = effectiveReach(statement, denies, action, { caller: 'foreign-principal', known });
    if (anonymous === 'open') {
      return {
        kind: 'public',
        principals: wildcards,
        functionUrlAuthType: requiredFunctionUrlAuthType(statement),
        viaFunctionUrl: requiresInvokedViaUrl(statement),
      };
    }
    if (foreign === 'open') return { kind: 'any-aws-account', principals: wildcards };
    // A wildcard also admits AWS services acting for other accounts' resources: their requests
    // carry the source keys a direct caller lacks (e.g. StringLike aws:SourceAccount "*").
    const service = effectiveReach(statement, denies, action, { caller: 'foreign-service', known });
    if (service === 'open') return { kind: 'unscoped-service', services: wildcards };
    if (widest(anonymous, foreign) === 'network')
      return {
        kind: 'ip-restricted',
        principals: wildcards,
        sourceIps: sourceIps(statement, denies, action),
      };
    return null;
  }
  const services = servicePrincipals(statement);
  if (services.length === 0) return null;
  const open = services.filter(
    (service) =>
      effectiveReach(statement, denies, action, { caller: 'foreign-service', known }, service) === 'open',
  );
  if (open.length > 0) return { kind: 'unscoped-service', services: open };
  const bucketOnly = services.filter(
    (service) =>
      effectiveReach(
        statement,
        denies,
        action,
        { caller: 'foreign-service', known, distrustBucketArns: true },
        service,
      ) === 'open',
  );
  if (bucketOnly.length > 0) {
    const sourceArns = conditionClauses(statement)
      .filter((c) => c.key.toLowerCase() === 'aws:sourcearn')
      .flatMap((c) => c.values)
      .filter(isAccountlessS3Arn);
    return { kind: 's3-without-source-account', services: bucketOnly, sourceArns };
  }
  return null;
}

/**
 * The wildcard principals of a statement, plus `NotPrincipal` when it names everyone but a few
 * (Allow + NotPrincipal lets in all others; `NotPrincipal: "*"` excludes everyone, so admits nobody).
 */
export function wildcardGrantees(statement: PolicyStatement): string[] {
  const wildcards = wildcardPrincipals(statement);
  if (statement.NotPrincipal && !hasWildcardValue(statement.NotPrincipal)) wildcards.push('NotPrincipal');
  return wildcards;
}

/**
 * The strangers of one class an Allow statement admits for `action`: the narrowest of its
 * clauses, then narrowed by each Deny that covers the action and the stranger.
 */
export function effectiveReach(
  allow: PolicyStatement,
  denies: readonly PolicyStatement[],
  action: string,
  opts: ClauseOptions,
  service?: string,
): Reach {
  let reach: Reach = 'open';
  for (const clause of conditionClauses(allow)) reach = narrowest(reach, allowClauseReach(clause, opts));
  for (const deny of denies) {
    if (reach === 'nobody') break;
    if (!statementCoversAction(deny, action) || appliesToNoResource(deny)) continue;
    reach = narrowest(reach, denyEscape(deny, opts, service));
  }
  return reach;
}

/**
 * The strangers of one class that escape a Deny: those its principal does not cover, and those
 * for whom any one of its clauses is false (a Deny applies only when all are true).
 */
export function denyEscape(deny: PolicyStatement, opts: ClauseOptions, service?: string): Reach {
  let escapes = principalEscape(deny, opts.caller, service);
  if (escapes === 'open') return 'open';
  for (const clause of conditionClauses(deny)) escapes = widest(escapes, denyClauseEscape(clause, opts));
  return escapes;
}

function principalEscape(deny: PolicyStatement, caller: CallerClass, service?: string): Reach {
  if (deny.NotPrincipal) {
    // Deny + NotPrincipal denies everyone except the listed principals: only they escape.
    if (hasWildcardValue(deny.NotPrincipal)) return 'open';
    if (caller === 'foreign-service' && service) {
      const listed = valuesOfType(deny.NotPrincipal, 'service').some((v) => sameService(v, service));
      if (listed) return 'open';
    }
    return 'pinned';
  }
  const principal = deny.Principal ?? {};
  const everyone = Object.values(principal).some((values) => values.some(isAllWildcard));
  if (everyone) return 'nobody';
  if (caller === 'foreign-service' && service) {
    if (valuesOfType(principal, 'service').some((v) => sameService(v, service))) return 'nobody';
  }
  return 'open';
}

function valuesOfType(principal: Record<string, string[]>, type: string): string[] {
  return Object.entries(principal)
    .filter(([t]) => t.toLowerCase() === type)
    .flatMap(([, v]) => (Array.isArray(v) ? v : []));
}

function sameService(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function hasWildcardValue(principal: Record<string, string[]>): boolean {
  return Object.values(principal).some((values) => Array.isArray(values) && values.some(isAllWildcard));
}

function requiresInvokedViaUrl(statement: PolicyStatement): boolean {
  return conditionClauses(statement).some((c) => {
    const op = parseOperator(c.operator);
    return (
      c.key.toLowerCase() === 'lambda:invokedviafunctionurl' &&
      op.base === 'bool' &&
      !op.ifExists &&
      op.set === null &&
      c.values.every((v) => v.toLowerCase() === 'true')
    );
  });
}

/** The public `aws:SourceIp` blocks that bound an ip-restricted statement (Allow and Deny side). */
function sourceIps(allow: PolicyStatement, denies: readonly PolicyStatement[], action: string): string[] {
  const pick = (s: PolicyStatement, base: string) =>
    conditionClauses(s)
      .filter((c) => c.key.toLowerCase() === 'aws:sourceip' && parseOperator(c.operator).base === base)
      .flatMap((c) => c.values);
  const fromDenies = denies
    .filter((d) => statementCoversAction(d, action))
    .flatMap((d) => pick(d, 'notipaddress'));
  return [...new Set([...pick(allow, 'ipaddress'), ...fromDenies])];
}

/** `aws:SourceIp` values that are not CIDRs, named by statement. */
function uninterpretableValues(statements: readonly PolicyStatement[]): string[] {
  const out: string[] = [];
  statements.forEach((s, index) => {
    if (!s) return;
    for (const c of conditionClauses(s)) {
      if (c.key.toLowerCase() !== 'aws:sourceip') continue;
      for (const v of c.values) {
        if (parseCidr(v) === null)
          out.push(`statement ${s.Sid ? `"${s.Sid}"` : index + 1}: aws:SourceIp ${JSON.stringify(v)}`);
      }
    }
  });
  return out;
}
