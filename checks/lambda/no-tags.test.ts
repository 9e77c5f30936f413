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

const CFN = ['aws:cloudformation:logical-id', 'aws:cloudformation:stack-id', 'aws:cloudformation:stack-name'];

testCheck(check, [
  {
    kind: 'fail',
    name: 'no tags at all',
    inventory: inventory({ functions: [lambdaFunction({ name: 'orphan', tagKeys: ok([]) })] }),
    expect: [{ resource: 'orphan', status: 'fail', message: 'no tags' }],
  },
  {
    kind: 'fail',
    name: 'only the aws:cloudformation:* system tags fails (Security Hub Lambda.6 ignores aws: keys; CloudSploit-style "any tag" checks pass it)',
    inventory: inventory({ functions: [lambdaFunction({ name: 'stacked', tagKeys: ok(CFN) })] }),
    expect: [{ resource: 'stacked', status: 'fail', message: 'only AWS system tags' }],
  },
  {
    kind: 'pass',
    name: 'owner and environment tags beside the CloudFormation ones',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'billing', tagKeys: ok([...CFN, 'environment', 'owner']) })],
    }),
    expect: [{ resource: 'billing', status: 'pass', message: 'environment, owner' }],
  },
  {
    kind: 'near-miss',
    name: 'SAM’s lambda:createdBy tag alone passes: it is a user-space key (only the aws: prefix is reserved), like Security Hub counts it',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'sam-app', tagKeys: ok(['lambda:createdBy']) })],
    }),
    expect: [{ resource: 'sam-app', status: 'pass' }],
  },
  {
    kind: 'near-miss',
    name: 'a key that merely contains "aws" (awsAccountOwner) is not a system tag',
    inventory: inventory({ functions: [lambdaFunction({ name: 'x', tagKeys: ok(['awsAccountOwner']) })] }),
    expect: [{ resource: 'x', status: 'pass' }],
  },
  regionWithoutFunctions(),
  {
    kind: 'unknown',
    name: 'GetFunction answered TagsError (the caller lacks lambda:ListTags): unknown, not untagged',
    inventory: inventory({
      functions: [lambdaFunction({ name: 'x', tagKeys: failed(awsError('GetFunction')) })],
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
