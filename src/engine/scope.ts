/**
 * Walking the inventory's scopes (regions, the IAM slice) the same way in every check, so a
 * failed or skipped slice always becomes an `unknown` result and is never silently passed over.
 */
import type {
  CredentialReportRow,
  Fetched,
  GuardDutyRegion,
  IamData,
  Inventory,
  LambdaFunction,
  LambdaRegion,
  Slice,
} from '../inventory/schema.js';
import { type CheckContext, type Draft, describeError, type ResourceRef, unknown } from './check.js';

export function regionScopeRef(service: string, region: string, ctx: CheckContext): ResourceRef {
  const type = service === 'lambda' ? 'function:*' : 'detector/*';
  return {
    arn: `arn:${ctx.partition}:${service}:${region}:${ctx.accountId}:${type}`,
    name: `${service === 'lambda' ? 'Lambda functions' : 'GuardDuty'} in ${region}`,
    region,
  };
}

export function accountScopeRef(ctx: CheckContext): ResourceRef {
  return {
    arn: `arn:${ctx.partition}:iam::${ctx.accountId}:root`,
    name: `account ${ctx.accountId}`,
    region: null,
  };
}

/** Yields `unknown` for a slice that is not ok; returns its data otherwise. */
function* sliceData<T>(
  slice: Slice<T> | undefined,
  ref: ResourceRef,
  what: string,
): Generator<Draft, T | undefined> {
  if (slice === undefined) {
    yield unknown(ref, `${what} was not collected`);
    return undefined;
  }
  if (slice.status === 'error') {
    yield unknown(ref, `${what} could not be read: ${describeError(slice.error)}`, slice.error);
    return undefined;
  }
  if (slice.status === 'skipped') {
    yield unknown(ref, `${what} was skipped: ${slice.reason}`);
    return undefined;
  }
  return slice.data;
}

/** Every scanned region's Lambda data, in scan order; unreadable regions yield one unknown each. */
export function* eachLambdaRegion(
  inventory: Inventory,
  ctx: CheckContext,
  visit: (region: LambdaRegion, name: string, ref: ResourceRef) => Iterable<Draft>,
): Generator<Draft> {
  for (const name of inventory.scan.regions) {
    const ref = regionScopeRef('lambda', name, ctx);
    const data = yield* sliceData(inventory.regions[name]?.lambda, ref, `Lambda in ${name}`);
    if (data) yield* visit(data, name, ref);
  }
}

export function functionRef(fn: LambdaFunction): ResourceRef {
  return { arn: fn.arn, name: fn.name, region: fn.region };
}

/** Every function of every readable region; `visit` returns one draft per function. */
export function* eachFunction(
  inventory: Inventory,
  ctx: CheckContext,
  visit: (fn: LambdaFunction, ref: ResourceRef, region: LambdaRegion) => Draft | Iterable<Draft>,
): Generator<Draft> {
  yield* eachLambdaRegion(inventory, ctx, function* (region) {
    for (const fn of region.functions) {
      const out = visit(fn, functionRef(fn), region);
      if (isDraft(out)) yield out;
      else yield* out;
    }
  });
}

export function* eachGuardDutyRegion(
  inventory: Inventory,
  ctx: CheckContext,
  visit: (region: GuardDutyRegion, name: string, ref: ResourceRef) => Draft | Iterable<Draft>,
): Generator<Draft> {
  for (const name of inventory.scan.regions) {
    const ref = regionScopeRef('guardduty', name, ctx);
    const data = yield* sliceData(inventory.regions[name]?.guardduty, ref, `GuardDuty in ${name}`);
    if (data) {
      const out = visit(data, name, ref);
      if (isDraft(out)) yield out;
      else yield* out;
    }
  }
}

/**
 * One IAM read (e.g. the credential report): unknown for the account when the IAM slice or that
 * read failed, otherwise `visit` gets its value.
 */
export function* withIamRead<T>(
  inventory: Inventory,
  ctx: CheckContext,
  pick: (iam: IamData) => Fetched<T>,
  what: string,
  visit: (value: T, iam: IamData) => Draft | Iterable<Draft>,
): Generator<Draft> {
  const ref = accountScopeRef(ctx);
  const iam = yield* sliceData(inventory.iam, ref, 'IAM');
  if (!iam) return;
  const read = pick(iam);
  if (!read.ok) {
    yield unknown(ref, `${what} could not be read: ${describeError(read.error)}`, read.error);
    return;
  }
  const out = visit(read.value, iam);
  if (isDraft(out)) yield out;
  else yield* out;
}

function isDraft(x: Draft | Iterable<Draft>): x is Draft {
  return typeof (x as Draft).status === 'string' && !(Symbol.iterator in (x as object));
}

/**
 * Every IAM user's credential-report row, root excluded (the root checks judge it: root always has
 * console access, whatever the report's password column says). Unknown for the account when the
 * report could not be read.
 */
export function eachUserCredentials(
  inventory: Inventory,
  ctx: CheckContext,
  visit: (row: CredentialReportRow, ref: ResourceRef) => Draft,
): Generator<Draft> {
  return withIamRead(
    inventory,
    ctx,
    (iam) => iam.credentialReport,
    'the credential report',
    function* (report) {
      for (const row of report.rows) {
        if (!row.isRoot) yield visit(row, { arn: row.arn, name: row.user, region: null });
      }
    },
  );
}
