import { type RuntimeEntry, utcDay } from '../../src/data/runtimes.js';
import { defineCheck } from '../../src/engine/check.js';
import type { Judgement } from '../../src/view/verdict.js';
import { daysUntil, eachManagedRuntime } from './_runtime.js';

export default defineCheck({
  id: 'lambda.runtime-update-blocked',
  title: 'Function runtime can no longer be updated (block-function-update date passed)',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  // Above lambda.runtime-deprecated (medium): not only unpatched, but unfixable in place.
  severity: 'high',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'Some time after a runtime’s deprecation Lambda blocks updates to functions that use it: from the ' +
    'block-function-update date, UpdateFunctionCode and UpdateFunctionConfiguration fail for them. An ' +
    'unpatched function then cannot even receive an emergency fix or have a leaked secret rotated out of ' +
    'its configuration without first migrating its runtime, under time pressure. The block-function-create ' +
    'date, earlier, only stops new functions. Dates come from data/lambda-runtimes.json (see its retrievedAt).',
  remediation: {
    text: 'Migrate the function to a supported runtime of the same language, changing the runtime and deploying the migrated code together (test first: major versions are not backward compatible).',
    cli: 'aws lambda update-function-configuration --function-name <name> --runtime <supported runtime, e.g. nodejs24.x>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-support-policy',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['lambda-runtimes'],
  evaluate: (view, ctx) =>
    eachManagedRuntime(view, ctx, (entry, now, { data }) => judge(entry, now, data.retrievedAt)),
});

function judge(entry: RuntimeEntry, now: number, dataRetrievedAt: string): Judgement {
  const named = `${entry.name} (${entry.identifier})`;
  const evidence = {
    runtime: entry.identifier,
    deprecation: entry.deprecation,
    blockFunctionCreate: entry.blockFunctionCreate,
    blockFunctionUpdate: entry.blockFunctionUpdate,
    dataRetrievedAt,
  };
  if (entry.blockFunctionUpdate === null) {
    return {
      status: 'pass',
      message: `${named}: AWS has published no block-function-update date`,
      evidence,
    };
  }
  const days = daysUntil(utcDay(entry.blockFunctionUpdate), now);
  if (days <= 0) {
    return {
      status: 'fail',
      message: `${named}: updates to functions on it are blocked since ${entry.blockFunctionUpdate}`,
      evidence,
    };
  }
  const created =
    entry.blockFunctionCreate !== null && daysUntil(utcDay(entry.blockFunctionCreate), now) <= 0
      ? ` (creating functions on it is blocked since ${entry.blockFunctionCreate})`
      : '';
  return {
    status: 'pass',
    message: `${named} can still be updated until ${entry.blockFunctionUpdate}, ${days} day(s) after the scan${created}`,
    evidence: { ...evidence, daysUntilBlockUpdate: days },
  };
}
