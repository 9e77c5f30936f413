import { z } from 'zod';
import runtimeData from '../../data/lambda-runtimes.json' with { type: 'json' };
import { defineCheck, fail, pass, unknown } from '../../src/engine/check.js';
import { eachFunction } from '../../src/engine/scope.js';

const DAY_MS = 86_400_000;
/** A runtime deprecated within this many days passes, with a warning in its evidence. */
export const WARN_WITHIN_DAYS = 90;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');

export const RuntimeTable = z
  .object({
    source: z.url().startsWith('https://docs.aws.amazon.com/'),
    retrievedAt: isoDay,
    notes: z.string().optional(),
    runtimes: z
      .array(
        z.object({
          identifier: z.string().min(1),
          name: z.string().min(1),
          containerOnly: z.boolean().optional(),
          deprecation: isoDay,
          blockFunctionCreate: isoDay.nullable(),
          blockFunctionUpdate: isoDay.nullable(),
        }),
      )
      .min(1),
  })
  .refine(
    (t) => new Set(t.runtimes.map((r) => r.identifier)).size === t.runtimes.length,
    'duplicate runtime identifier',
  );
export type RuntimeTable = z.infer<typeof RuntimeTable>;
export type RuntimeEntry = RuntimeTable['runtimes'][number];

let table: { data: RuntimeTable; byId: Map<string, RuntimeEntry> } | undefined;

/**
 * The runtime table, validated on first use (not at import, so a broken data file turns this
 * check's results into unknowns instead of stopping the whole registry from loading).
 */
export function runtimeTable(): { data: RuntimeTable; byId: Map<string, RuntimeEntry> } {
  if (!table) {
    const data = RuntimeTable.parse(runtimeData);
    table = { data, byId: new Map(data.runtimes.map((r) => [r.identifier, r])) };
  }
  return table;
}

const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);

export default defineCheck({
  id: 'lambda.runtime-deprecated',
  title: 'Function uses a deprecated Lambda runtime',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'After its deprecation date a managed runtime gets no more security patches and no technical support: ' +
    'known vulnerabilities in the language runtime, OS and bundled libraries stay exploitable. Later Lambda ' +
    'blocks creating and then updating functions on it, so even an urgent fix cannot be deployed without a ' +
    'runtime migration first. Dates come from data/lambda-runtimes.json (see its retrievedAt).',
  remediation: {
    text: 'Move the function to a supported runtime of the same language (test first: major versions are not backward compatible), then redeploy.',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime <supported runtime, e.g. nodejs24.x>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    'https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html',
  ],
  frameworks: { 'aws-fsbp': ['Lambda.2'], 'cis-aws-3.0': [] },
  evaluate: (inventory, ctx) => {
    const { data, byId } = runtimeTable();
    const now = ctx.now.getTime();
    return eachFunction(inventory, ctx, (fn, ref) => {
      if (fn.runtime === null) {
        if (fn.packageType === 'Image') {
          return pass(ref, 'container image: runtime managed by the image', { packageType: fn.packageType });
        }
        return unknown(ref, `the function reports no runtime although its package type is ${fn.packageType}`);
      }
      const entry = byId.get(fn.runtime);
      if (!entry) {
        return unknown(
          ref,
          `runtime ${fn.runtime} is not in the runtime data file (retrieved ${data.retrievedAt}); the file may be outdated`,
          undefined,
          { runtime: fn.runtime, dataRetrievedAt: data.retrievedAt, source: data.source },
        );
      }
      const evidence = {
        runtime: entry.identifier,
        deprecation: entry.deprecation,
        blockFunctionCreate: entry.blockFunctionCreate,
        blockFunctionUpdate: entry.blockFunctionUpdate,
        dataRetrievedAt: data.retrievedAt,
      };
      const deprecatedAt = utc(entry.deprecation);
      if (now >= deprecatedAt) {
        const blocked =
          entry.blockFunctionUpdate !== null && now >= utc(entry.blockFunctionUpdate)
            ? '; updates to the function are blocked'
            : entry.blockFunctionUpdate !== null
              ? `; updates will be blocked from ${entry.blockFunctionUpdate}`
              : '';
        return fail(
          ref,
          `${entry.name} (${entry.identifier}) was deprecated on ${entry.deprecation}${blocked}`,
          {
            ...evidence,
            daysSinceDeprecation: Math.floor((now - deprecatedAt) / DAY_MS),
          },
        );
      }
      const daysUntil = Math.ceil((deprecatedAt - now) / DAY_MS);
      if (daysUntil <= WARN_WITHIN_DAYS) {
        return pass(
          ref,
          `${entry.name} (${entry.identifier}) is supported, but is deprecated in ${daysUntil} day(s), on ${entry.deprecation}`,
          {
            ...evidence,
            daysUntilDeprecation: daysUntil,
            warning: `deprecation within ${WARN_WITHIN_DAYS} days`,
          },
        );
      }
      return pass(ref, `${entry.name} (${entry.identifier}) is supported until ${entry.deprecation}`, {
        ...evidence,
        daysUntilDeprecation: daysUntil,
      });
    });
  },
});
