import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixFirst, priorityReason } from '../../src/report/priority.js';
import type { ReportResult } from '../../src/report/schema.js';

function result(
  checkId: string,
  severity: ReportResult['severity'],
  arn: string,
  status: ReportResult['status'] = 'fail',
): ReportResult {
  return {
    findingId: '0'.repeat(32),
    checkId,
    status,
    severity,
    practice: 'BP7',
    accountId: '123456789012',
    resource: { arn, name: arn, region: 'us-east-1', type: 'AWS::Lambda::Function' },
    message: 'm',
    evidence: {},
  };
}

describe('fixFirst', () => {
  it('names public exposure and escalation checks by id', () => {
    assert.equal(priorityReason('lambda.public-resource-policy'), 'public exposure');
    assert.equal(priorityReason('lambda.function-url-auth-none'), 'public exposure');
    assert.equal(priorityReason('lambda.shared-role-mixed-exposure'), 'public exposure');
    assert.equal(priorityReason('iam.privilege-escalation'), 'escalation path');
    assert.equal(priorityReason('lambda.admin-execution-role'), 'escalation path');
    assert.equal(priorityReason('lambda.tracing-not-active'), null);
  });

  it('takes critical first, one per check before a second of any, and leaves passes and mild findings out', () => {
    const results = [
      result('lambda.admin-execution-role', 'critical', 'a1'),
      result('lambda.admin-execution-role', 'critical', 'a2'),
      result('lambda.admin-execution-role', 'critical', 'a3'),
      result('iam.root-mfa', 'critical', 'root'),
      result('lambda.tracing-not-active', 'low', 't1'),
      result('lambda.url-cors-any-origin', 'medium', 'c1'),
      result('lambda.denial-of-wallet', 'critical', 'd1', 'pass'),
      result('iam.user-console-no-mfa', 'high', 'u1'),
    ];
    const got = fixFirst({ results }, 5).map(
      (f) => `${f.result.checkId} ${f.result.resource.arn} ${f.reason}`,
    );
    assert.deepEqual(got, [
      'lambda.admin-execution-role a1 escalation path',
      'iam.root-mfa root null',
      'iam.user-console-no-mfa u1 null',
      'lambda.url-cors-any-origin c1 public exposure',
      'lambda.admin-execution-role a2 escalation path',
    ]);
  });

  it('is empty when nothing serious fails', () => {
    assert.deepEqual(fixFirst({ results: [result('lambda.tracing-not-active', 'low', 't')] }, 5), []);
  });
});
