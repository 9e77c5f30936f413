/**
 * A small, realistic report for the report tests: tiny inline checks (the real ones live in
 * checks/), an inventory from the typed builders with failures in every interesting place —
 * failing resources, an unreadable read, a failed region slice — and hostile names and evidence.
 */
import { type DataFreshness, dataFreshness } from '../../src/data/index.js';
import { type Check, defineCheck } from '../../src/engine/check.js';
import { evaluate, type Result } from '../../src/engine/evaluate.js';
import { score } from '../../src/engine/score.js';
import { deriveCoverage } from '../../src/inventory/coverage.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/schema.js';
import { buildView } from '../../src/view/account-view.js';
import {
  awsError,
  failed,
  iamData,
  inventory,
  lambdaFunction,
  lambdaRegion,
  ok,
  REGION,
  regionInventory,
} from '../helpers/inventory.js';

export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const XSS_EVIDENCE = '"><script>alert(1)</script>';
export const EVALUATED_AT = new Date('2026-11-01T12:05:00.000Z');

export const urlAuthCheck = defineCheck({
  id: 'lambda.test-url-auth',
  title: 'Test: function URL allows unauthenticated invocation',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'high',
  practice: 'BP5',
  threats: ['T3'],
  rationale: 'An AuthType NONE URL lets anyone on the internet invoke the function and run up its bill.',
  remediation: {
    text: 'Set AuthType to AWS_IAM, or delete the URL.',
    cli: 'aws lambda update-function-url-config --function-name NAME --auth-type AWS_IAM',
  },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html'],
  frameworks: { 'aws-fsbp': ['Lambda.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.urls'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.urls.ok) return v.missing(fn.urls);
      if (fn.urls.value.length === 0) return v.notApplicable('the function has no URL');
      const open = fn.urls.value.filter((u) => u.authType === 'NONE');
      return open.length > 0
        ? v.fail(`${fn.config.name} has a function URL with AuthType NONE`, {
            urls: open.map((u) => u.url),
            handler: fn.config.handler,
          })
        : v.pass('no unauthenticated function URL');
    }),
});

export const rootMfaCheck = defineCheck({
  id: 'iam.test-root-mfa',
  title: 'Test: root user has no MFA device',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'critical',
  practice: 'BP2',
  threats: ['T1', 'T5'],
  rationale: 'Without MFA, the root password alone gives full, unrestricted control of the whole account.',
  remediation: { text: 'Enable a hardware MFA device for the root user.' },
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html'],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.5'], 'cis-aws-7.0': ['2.5'] },
  reads: ['iam.account-summary'],
  evaluate: (view) =>
    view.forAccount((v) => {
      const summary = view.iam.accountSummary;
      if (!summary.ok) return v.missing(summary);
      return summary.value.accountMfaEnabled
        ? v.pass('root has MFA')
        : v.fail('root has no MFA device', { accountMfaEnabled: false });
    }),
});

export const guardDutyCheck = defineCheck({
  id: 'guardduty.test-enabled',
  title: 'Test: GuardDuty is not enabled in the region',
  service: 'guardduty',
  resourceType: 'AWS::GuardDuty::Detector',
  severity: 'medium',
  practice: 'BP6',
  threats: ['T2', 'T4'],
  rationale:
    'Without GuardDuty, nobody is told about credential misuse or a compromised function in the region.',
  remediation: {
    text: 'Enable GuardDuty in every enabled region.',
    cli: 'aws guardduty create-detector --enable',
  },
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html'],
  frameworks: { 'aws-fsbp': ['GuardDuty.1'], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['guardduty.detectors'],
  evaluate: (view) =>
    view.eachGuardDutyRegion(({ region }, detectors, v) =>
      detectors.some((d) => d.status === 'ENABLED')
        ? v.pass(`GuardDuty enabled in ${region}`)
        : v.fail(`no enabled detector in ${region}`, { detectors: detectors.length }),
    ),
});

export const tracingCheck = defineCheck({
  id: 'lambda.test-tracing',
  title: 'Test: function has active tracing disabled',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'Without X-Ray tracing an investigation cannot follow a request through the function and its calls.',
  remediation: { text: 'Set TracingConfig Mode to Active.' },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html'],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  data: ['lambda-runtimes'],
  evaluate: (view) =>
    view.eachFunction((fn, v) =>
      fn.config.tracingMode === 'Active'
        ? v.pass('tracing active')
        : v.fail('tracing is not active', { mode: fn.config.tracingMode }),
    ),
});

/** A check that never yields: shown as "no resources". */
export const emptyCheck = defineCheck({
  id: 'lambda.test-nothing',
  title: 'Test: a check with nothing to look at',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'info',
  practice: 'BP4',
  threats: ['T2'],
  rationale: 'Used by the report tests to show a check that produced no result at all in this account.',
  remediation: { text: 'Nothing to do here.' },
  references: ['https://docs.aws.amazon.com/lambda/latest/dg/welcome.html'],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.functions'],
  evaluate: () => [],
});

// Deliberately not in id order: buildReport sorts.
export const TEST_CHECKS: readonly Check[] = [
  urlAuthCheck,
  tracingCheck,
  rootMfaCheck,
  emptyCheck,
  guardDutyCheck,
];

export function sampleInventory(): Inventory {
  const inv = inventory({
    regions: {
      [REGION]: regionInventory(),
      'eu-west-1': regionInventory({
        guardduty: {
          status: 'error',
          error: awsError('ListDetectors', 'access-denied', 'guardduty', 'eu-west-1'),
        },
      }),
    },
    iam: {
      status: 'ok',
      data: iamData({
        accountSummary: ok({
          accountMfaEnabled: false,
          accountAccessKeysPresent: false,
          raw: { AccountMFAEnabled: 0 },
        }),
      }),
    },
    functions: [
      lambdaFunction({
        name: XSS_NAME,
        handler: XSS_EVIDENCE,
        urlConfigs: ok([
          {
            url: 'https://abc.lambda-url.us-east-1.on.aws/',
            functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${XSS_NAME}`,
            authType: 'NONE',
            invokeMode: 'BUFFERED',
            cors: null,
          },
        ]),
      }),
      lambdaFunction({
        name: 'orders-api',
        tracingMode: 'Active',
        urlConfigs: failed(awsError('ListFunctionUrlConfigs')),
      }),
      lambdaFunction({ name: 'billing', region: 'eu-west-1' }),
    ],
  });
  inv.scan.finishedAt = '2026-11-01T12:03:10.500Z';
  inv.scan.apiCalls = { 'sts:GetCallerIdentity': 1, 'lambda:ListFunctions': 2, 'guardduty:ListDetectors': 2 };
  inv.scan.throttledResponses = 3;
  // As run.ts does: coverage is derived from the data.
  return { ...inv, coverage: deriveCoverage(inv) };
}

/** The data-file ages the sample reports carry: the real files, aged at the fixture's scan time. */
export function sampleDataFiles(inv: Inventory): DataFreshness[] {
  return dataFreshness(['lambda-runtimes'], new Date(inv.scan.startedAt));
}

export function reportFrom(
  inv: Inventory,
  checks: readonly Check[] = TEST_CHECKS,
  results: Result[] = evaluate(checks, buildView(inv)),
  dataFiles: DataFreshness[] = sampleDataFiles(inv),
): Report {
  return buildReport({
    inventory: inv,
    checks,
    results,
    scores: score(results),
    mode: 'scan',
    evaluatedAt: EVALUATED_AT,
    toolVersion: '1.2.3-test',
    dataFiles,
  });
}

export function sampleReport(): Report {
  return reportFrom(sampleInventory());
}

/** A report with `n` failing functions in one region, for size and truncation tests. */
export function bigReport(n: number): Report {
  const fns = Array.from({ length: n }, (_, i) =>
    lambdaFunction({ name: `fn-${String(i).padStart(6, '0')}` }),
  );
  // Placed directly: the builder's `functions` option copies its list per function (quadratic).
  const regions = { [REGION]: regionInventory({ lambda: { status: 'ok', data: lambdaRegion(fns) } }) };
  return reportFrom(inventory({ regions }), [tracingCheck, urlAuthCheck]);
}
