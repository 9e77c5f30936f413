import { regionWithoutFunctions, testCheck } from '../../test/helpers/check-tester.js';
import {
  awsError,
  failed,
  failedLambdaRegion,
  inventory,
  lambdaFunction,
  ok,
} from '../../test/helpers/inventory.js';
import check from './no-tags.js';

/** Tags with these keys (the values do not matter to the check). */
const tagged = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 'v']));

const CFN = ['aws:cloudformation:logical-id', 'aws:cloudformation:stack-id', 'aws:cloudformation:stack-name'];

testCheck(check, [
  {
    kind: 'fail',
    name: 'no tags at all',
    inventory: inventory({ functions: [lambdaFunction({ name: 'orphan', tags: ok(tagged([])) })] }),
    expect: [{ resource: 'orphan', status: 'fail', message: 'no tags' }],
  },
  {
    kind: 'fail',
    name: 'only the aws:cloudformation:* system tags fails (Security Hub Lambda.6 ignores aws: keys; CloudSploit-style "any tag" checks pass it)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'stacked', tags: ok(tagged(CFN)) })] }),
    expect: [{ resource: 'stacked', status: 'fail', message: 'only AWS system tags' }],
  },
  {
    kind: 'pass',
    name: 'owner and environment tags beside the CloudFormation ones',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'billing', tags: ok(tagged([...CFN, 'environment', 'owner'])) })],
    }),
    expect: [{ resource: 'billing', status: 'pass', message: 'environment, owner' }],
  },
  {
    kind: 'near-miss',
    name: 'SAM’s lambda:createdBy tag alone passes: it is a user-space key (only the aws: prefix is reserved), like Security Hub counts it',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'sam-app', tags: ok(tagged(['lambda:createdBy'])) })],
    }),
    expect: [{ resource: 'sam-app', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a key that merely contains "aws" (awsAccountOwner) is not a system tag',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'x', tags: ok(tagged(['awsAccountOwner'])) })],
    }),
    expect: [{ resource: 'x', status: 'pass' }],
  },
  {
    kind: 'pass',
    name: 'an inventory from before tag values were kept (keys only) is still judged',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'older', tagKeys: ok(['owner']) })],
    }),
    expect: [{ resource: 'older', status: 'pass', message: 'owner' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'GetFunction answered TagsError (the caller lacks lambda:ListTags): unknown, not untagged',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'x', tags: failed(awsError('GetFunction')) })],
    }),
    expect: [{ resource: 'x', status: 'unknown', message: 'the tags could not be read' }],
  },
  {
    kind: 'unknown',
    name: 'not collected (a scan without --deep)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'x' })] }),
    expect: [{ resource: 'x', status: 'unknown', message: 'not collected' }],
  },
  {
    kind: 'unknown',
    name: 'the whole Lambda slice of a region failed',
    inventory: inventory({ regions: { 'eu-west-1': failedLambdaRegion('eu-west-1') } }),
    expect: [{ resource: 'Lambda functions in eu-west-1', status: 'unknown' }],
  },
]);
