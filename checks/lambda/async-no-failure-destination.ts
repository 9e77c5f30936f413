import { defineCheck } from '../../src/engine/check.js';
import type { EventInvokeConfig, PolicyStatement } from '../../src/inventory/schema.js';
import { statementAllowsAction } from '../../src/policy/actions.js';
import { servicePrincipals } from '../../src/policy/principals.js';

/**
 * The service principals of the AWS services that invoke a function asynchronously (the
 * "Method of invocation" column of "Invoking Lambda with events from other AWS services", and
 * each service's own page): Lambda queues their events, retries twice, then drops what still
 * fails unless a dead-letter queue or an on-failure destination takes it. Services that invoke
 * synchronously (API Gateway, ALB, Cognito, Lex, Alexa, Secrets Manager rotation, …) handle
 * errors themselves, and event source mappings (SQS, Kinesis, DynamoDB, Kafka, MQ) are Lambda
 * polling synchronously, with their own on-failure setting on the mapping: neither counts here.
 * CloudWatch Logs also signs as logs.<region>.amazonaws.com in older subscriptions.
 */
const ASYNC_INVOKERS: readonly string[] = [
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'events.amazonaws.com',
  'logs.amazonaws.com',
  'ses.amazonaws.com',
  'iot.amazonaws.com',
  'iotevents.amazonaws.com',
  'config.amazonaws.com',
  'codecommit.amazonaws.com',
  'codepipeline.amazonaws.com',
  'cloudformation.amazonaws.com',
  'lambda.alarms.cloudwatch.amazonaws.com',
];
const REGIONAL_LOGS = /^logs\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

const isAsyncInvoker = (principal: string): boolean => {
  const p = principal.toLowerCase();
  return ASYNC_INVOKERS.includes(p) || REGIONAL_LOGS.test(p);
};

/** The async-invoking services a statement lets invoke the function (Allow + lambda:InvokeFunction). */
function asyncInvokers(statement: PolicyStatement): string[] {
  if (!statementAllowsAction(statement, 'lambda:InvokeFunction')) return [];
  return servicePrincipals(statement).filter(isAsyncInvoker);
}

/** The config that applies when the unqualified function is invoked: $LATEST's. */
function latestConfig(
  configs: readonly EventInvokeConfig[],
  unqualifiedArn: string,
): EventInvokeConfig | null {
  return (
    configs.find((c) => c.functionArn === `${unqualifiedArn}:$LATEST` || c.functionArn === unqualifiedArn) ??
    null
  );
}

export default defineCheck({
  id: 'lambda.async-no-failure-destination',
  title: 'Asynchronously invoked function keeps no record of failed events',
  service: 'lambda',
  resourceType: 'AWS::Lambda::Function',
  severity: 'low',
  practice: 'BP7',
  threats: ['T3', 'T4'],
  rationale:
    'When S3, SNS, EventBridge, CloudWatch Logs or another service invokes a function asynchronously, Lambda ' +
    'queues the event, retries it twice on error and drops it after the retries or the maximum event age. ' +
    'Without a dead-letter queue or an on-failure destination nothing records what was lost: a flood that ' +
    'throttles the function, or an exploit that makes it fail, discards events without a trace. Either one ' +
    'is enough; scanners that read only DeadLetterConfig (AWS Config lambda-dlq-check, cdk-nag LambdaDLQ) ' +
    'fail a function with an on-failure destination. Only the resource policy’s grants to async-invoking ' +
    'services decide applicability: synchronous callers and event source mappings are not concerned.',
  remediation: {
    text: 'Configure an on-failure destination for asynchronous invocation (or a dead-letter queue) and give the execution role permission to send to it.',
    cli: 'aws lambda put-function-event-invoke-config --function-name <name> --destination-config \'{"OnFailure":{"Destination":"<queue-or-topic-arn>"}}\'',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctionEventInvokeConfigs.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.policies', 'lambda.event-invoke-configs'],
  evaluate: (view) =>
    view.eachFunction((fn, v) => {
      if (!fn.policy.ok) return v.missing(fn.policy);
      const policy = fn.policy.value;
      if (policy !== null && !policy.parsed) {
        return v.unknown(`the resource policy could not be parsed: ${policy.reason}`);
      }
      const invokers = [...new Set((policy?.document.Statement ?? []).flatMap(asyncInvokers))].sort();
      if (invokers.length === 0) {
        return v.notApplicable('no AWS service that invokes asynchronously may invoke the function');
      }
      const dlq = fn.config.deadLetterTargetArn;
      if (dlq) {
        return v.pass(`failed asynchronous events go to the dead-letter queue ${dlq}`, {
          asyncInvokers: invokers,
          deadLetterTargetArn: dlq,
        });
      }
      if (!fn.eventInvokeConfigs.ok) return v.missing(fn.eventInvokeConfigs, { asyncInvokers: invokers });
      const latest = latestConfig(fn.eventInvokeConfigs.value, fn.unqualifiedArn);
      const evidence = {
        asyncInvokers: invokers,
        deadLetterTargetArn: null,
        onFailure: latest?.onFailure ?? null,
        onSuccess: latest?.onSuccess ?? null,
        otherQualifierConfigs: fn.eventInvokeConfigs.value
          .filter((c) => c !== latest)
          .map((c) => ({ functionArn: c.functionArn, onFailure: c.onFailure })),
      };
      if (latest?.onFailure) {
        return v.pass(
          `failed asynchronous events go to the on-failure destination ${latest.onFailure}`,
          evidence,
        );
      }
      return v.fail(
        `${invokers.join(', ')} may invoke the function asynchronously, but it has neither a dead-letter queue nor an on-failure destination${latest?.onSuccess ? ' (only an on-success destination)' : ''}: events that fail every retry are dropped without a trace`,
        evidence,
      );
    }),
});
