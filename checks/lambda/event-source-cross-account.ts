import { type Draft, defineCheck } from '../../src/engine/check.js';
import { arnOwner } from '../../src/policy/arn.js';
import type { AccountView } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';

export const MAPPING_TYPE = 'AWS::Lambda::EventSourceMapping';

/**
 * One result per event source mapping (ListEventSourceMappings, per region), judged by the
 * account in its EventSourceArn. SQS queues, Kinesis streams, DynamoDB streams, MSK clusters,
 * Amazon MQ brokers and DocumentDB clusters all carry their owner's account in their ARN; Lambda
 * polls a cross-account source with the function's execution role, which the source's own
 * resource policy must admit
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-cross-account-example.html).
 *
 * - fail: the source belongs to another account: whoever controls that account writes the
 *   records the function consumes (its input is theirs to shape) and can cut it off;
 * - pass: the source is in this account;
 * - not_applicable: the mapping has no source ARN (self-managed Apache Kafka, which is named by
 *   bootstrap servers, not an ARN), or the region has no mapping;
 * - unknown: the mappings of a region, or the region itself, could not be read; or the source
 *   ARN cannot be parsed.
 * Disabled mappings are judged too (enabling one is a single call); their state is in evidence.
 */
export default defineCheck({
  id: 'lambda.event-source-cross-account',
  title: 'Event source mapping reads from a source owned by another account',
  service: 'lambda',
  resourceType: MAPPING_TYPE,
  severity: 'medium',
  practice: 'BP7',
  threats: ['T4'],
  rationale:
    'An event source mapping whose queue, stream or cluster belongs to another AWS account hands that account ' +
    'the function’s input: anyone who can write to the source there can feed the function crafted records ' +
    '(injection, poison messages, cost), and its owner can stop or redirect the flow. Cross-account sources are ' +
    'legitimate between trusted accounts, but each one is a trust relationship that should be deliberate and reviewed.',
  remediation: {
    text: 'Confirm that the source’s account is trusted and that its resource policy admits only this function’s role; otherwise move the source into this account (or forward records through one it owns) and delete the mapping.',
    cli: 'aws lambda delete-event-source-mapping --uuid <uuid>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-cross-account-example.html',
    'https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.event-source-mappings'],
  evaluate: (view) => evaluateMappings(view),
});

function* evaluateMappings(view: AccountView): Generator<Draft> {
  for (const region of view.lambdaRegions) {
    const scope = new Verdict({
      arn: `arn:${view.partition}:lambda:${region.region}:${view.accountId}:event-source-mapping:*`,
      name: `event source mappings in ${region.region}`,
      region: region.region,
      type: MAPPING_TYPE,
    });
    const read = region.eventSourceMappings;
    if (!read.ok) {
      yield scope.missing(read);
      continue;
    }
    if (read.value.length === 0) {
      yield scope.notApplicable(`no event source mappings in ${region.region}`);
      continue;
    }
    for (const m of read.value) {
      const v = new Verdict({
        arn: `arn:${view.partition}:lambda:${region.region}:${view.accountId}:event-source-mapping:${m.uuid}`,
        name: `event source mapping ${m.uuid}`,
        region: region.region,
        type: MAPPING_TYPE,
      });
      const evidence = {
        uuid: m.uuid,
        functionArn: m.functionArn,
        eventSourceArn: m.eventSourceArn,
        state: m.state,
      };
      if (m.eventSourceArn === null) {
        yield v.notApplicable('the mapping has no event source ARN (self-managed Apache Kafka)', evidence);
        continue;
      }
      const parsed = arnOwner(m.eventSourceArn);
      const owner = parsed?.account ?? null;
      if (owner === null) {
        yield v.unknown(
          `the event source ARN ${JSON.stringify(m.eventSourceArn)} names no account`,
          evidence,
        );
      } else if (owner !== view.accountId) {
        const source = parsed?.service ?? 'source';
        yield v.fail(
          `${functionName(m.functionArn)} consumes ${source} ${m.eventSourceArn} owned by account ${owner}${m.state && m.state !== 'Enabled' ? ` (mapping ${m.state})` : ''}: that account shapes the function’s input`,
          { ...evidence, sourceAccount: owner },
        );
      } else {
        yield v.pass(
          `${functionName(m.functionArn)} consumes ${m.eventSourceArn} from this account`,
          evidence,
        );
      }
    }
  }
}

function functionName(arn: string): string {
  const parts = arn.split(':');
  return parts[6] ?? arn;
}
