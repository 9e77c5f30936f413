/**
 * Per-function configuration reads that only --deep makes (DEEP_READS in reads.ts), called from
 * lambda.ts's readFunction inside the same per-region function window, so they are paced like
 * the default reads by the limiter at the `send` leaf:
 *
 *   lambda.event-invoke-configs  ListFunctionEventInvokeConfigs (control bucket, 15/s shared)
 *   lambda.recursion-config      GetFunctionRecursionConfig     (control bucket, 15/s shared)
 *   lambda.tags                  GetFunction                    (GetFunction bucket, 100/s)
 *   lambda.code (--scan-code)    GetFunction's Code.Location, from the same one call
 *
 * Why these calls:
 * - ListFunctionEventInvokeConfigs rather than GetFunctionEventInvokeConfig: the same bucket and
 *   one call either way, but the list returns the configs of every qualifier (an alias's own
 *   destinations, as evidence), and "none" is an empty list. GetFunctionEventInvokeConfig answers
 *   "no config" with ResourceNotFoundException, the same code as "the function was deleted since
 *   it was listed", which the list reports as an error of its own.
 * - Tags from GetFunction rather than ListTags: GetFunction has its own 100/s bucket, while
 *   ListTags would be one more call in the shared 15/s bucket that sets the scan's floor; and
 *   where lambda.reserved-concurrency already calls GetFunction the one response serves both.
 *   GetFunction returns tags only when the caller is also allowed lambda:ListTags; otherwise it
 *   answers TagsError instead, recorded as the tags' failed read (never as "no tags").
 *   Only the tag keys are kept: no check needs a value.
 */
import {
  type FunctionEventInvokeConfig,
  GetFunctionCommand,
  type GetFunctionCommandOutput,
  GetFunctionRecursionConfigCommand,
  type LambdaClient,
  paginateListFunctionEventInvokeConfigs,
} from '@aws-sdk/client-lambda';
import { classifyCode, sanitizeMessage } from '../aws/errors.js';
import { compareText } from '../inventory/order.js';
import type { ReadPlan } from '../inventory/reads.js';
import type { EventInvokeConfig, Fetched, LambdaFunction, ReservedConcurrency } from '../inventory/schema.js';
import { read } from './read.js';

const SERVICE = 'lambda';

/** The deep reads of one function that are not GetFunction's. */
export type FunctionExtras = Pick<LambdaFunction, 'eventInvokeConfigs' | 'recursiveLoop'>;

/** What one GetFunction call answers: reserved concurrency, tags, or both. */
export type GetFunctionReads = Pick<LambdaFunction, 'reservedConcurrency' | 'tags'>;

/**
 * --scan-code: the package's presigned `Code.Location` (valid for 10 minutes), from the same
 * GetFunction call; never stored (its query string is a credential for the object).
 */
export type CodeLocation = Fetched<string | null>;

export async function readFunctionExtras(
  client: LambdaClient,
  region: string,
  arn: string,
  plan: ReadPlan,
): Promise<FunctionExtras> {
  const none = Promise.resolve(undefined);
  const [eventInvokeConfigs, recursiveLoop] = await Promise.all([
    plan.has('lambda.event-invoke-configs') ? readEventInvokeConfigs(client, region, arn) : none,
    plan.has('lambda.recursion-config')
      ? read(SERVICE, 'GetFunctionRecursionConfig', region, async () => {
          const out = await client.send(new GetFunctionRecursionConfigCommand({ FunctionName: arn }));
          return out.RecursiveLoop ?? null;
        })
      : none,
  ]);
  const out: FunctionExtras = {};
  if (eventInvokeConfigs) out.eventInvokeConfigs = eventInvokeConfigs;
  if (recursiveLoop) out.recursiveLoop = recursiveLoop;
  return out;
}

function readEventInvokeConfigs(
  client: LambdaClient,
  region: string,
  arn: string,
): Promise<Fetched<EventInvokeConfig[]>> {
  return read(SERVICE, 'ListFunctionEventInvokeConfigs', region, async () => {
    const list: EventInvokeConfig[] = [];
    const pages = paginateListFunctionEventInvokeConfigs({ client, pageSize: 50 }, { FunctionName: arn });
    for await (const page of pages)
      for (const c of page.FunctionEventInvokeConfigs ?? []) list.push(config(c, arn));
    return list.sort((a, b) => compareText(a.functionArn, b.functionArn));
  });
}

function config(c: FunctionEventInvokeConfig, arn: string): EventInvokeConfig {
  return {
    functionArn: c.FunctionArn ?? arn,
    onFailure: c.DestinationConfig?.OnFailure?.Destination || null,
    onSuccess: c.DestinationConfig?.OnSuccess?.Destination || null,
    maximumRetryAttempts: c.MaximumRetryAttempts ?? null,
    maximumEventAgeInSeconds: c.MaximumEventAgeInSeconds ?? null,
  };
}

/**
 * GetFunction when the plan needs what it answers: reserved concurrency (unless the account
 * settings already showed that no function in the region reserves any) and tags. One call serves
 * both; it also returns the code location and the configuration with variable values, and only
 * Concurrency and the tags are kept.
 */
export async function readGetFunction(
  client: LambdaClient,
  region: string,
  arn: string,
  plan: ReadPlan,
  noneReserved: boolean,
  /** --scan-code and a Zip function: the package's location is wanted too. */
  wantCode = false,
): Promise<{ reads: GetFunctionReads; codeLocation?: CodeLocation }> {
  const concurrency = plan.has('lambda.reserved-concurrency');
  const tags = plan.has('lambda.tags');
  const out: GetFunctionReads = {};
  if (concurrency && noneReserved) {
    out.reservedConcurrency = { ok: true, value: { value: null, source: 'account-settings' } };
  }
  if (!tags && !wantCode && !(concurrency && !noneReserved)) return { reads: out };
  // Mapped inside the read, so a malformed answer is a failed read, never a crash.
  const got = await read(SERVICE, 'GetFunction', region, async () => {
    const answer = await client.send(new GetFunctionCommand({ FunctionName: arn }));
    return {
      reserved: reservedOf(answer),
      tags: tagsOf(answer, region),
      location: answer.Code?.Location || null,
    };
  });
  if (concurrency && !noneReserved) {
    out.reservedConcurrency = got.ok ? { ok: true, value: got.value.reserved } : got;
  }
  if (tags) out.tags = got.ok ? got.value.tags : got;
  if (!wantCode) return { reads: out };
  return { reads: out, codeLocation: got.ok ? { ok: true, value: got.value.location } : got };
}

function reservedOf(out: GetFunctionCommandOutput): ReservedConcurrency {
  return { value: out.Concurrency?.ReservedConcurrentExecutions ?? null, source: 'GetFunction' };
}

function tagsOf(out: GetFunctionCommandOutput, region: string): Fetched<Record<string, string>> {
  // Without lambda:ListTags, Lambda leaves Tags out and says why in TagsError: unknown, not "none".
  if (out.TagsError) {
    const code = out.TagsError.ErrorCode || 'TagsError';
    const message = sanitizeMessage(out.TagsError.Message ?? 'Lambda did not return the tags');
    return {
      ok: false,
      error: {
        class: classifyCode(code, undefined, message),
        code,
        message,
        service: SERVICE,
        operation: 'GetFunction',
        region,
      },
    };
  }
  // Sorted by key, so an inventory does not change when only Lambda's answer order does.
  const tags = Object.entries(out.Tags ?? {}).sort(([a], [b]) => compareText(a, b));
  return { ok: true, value: Object.fromEntries(tags) };
}
