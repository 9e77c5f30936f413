import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { collectSubnets, SUBNET_BATCH, subnetIdsOf } from '../../src/collect/subnets.js';
import { lambdaFunction } from '../helpers/inventory.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-west-1';
const ec2Mock = mockClient(EC2Client);
let session: AwsSession;

const subnet = (id: string, zone: string) => ({
  SubnetId: id,
  VpcId: 'vpc-0a1b2c3d4e5f60718',
  AvailabilityZone: `${REGION}${zone}`,
  AvailabilityZoneId: `euw1-az${zone === 'a' ? 3 : 1}`,
});

describe('collectSubnets', () => {
  beforeEach(() => {
    ec2Mock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('asks by a subnet-id filter (a deleted id then is only missing) and keeps each zone name and id', async () => {
    ec2Mock
      .on(DescribeSubnetsCommand)
      .resolves({ Subnets: [subnet('subnet-b', 'b'), subnet('subnet-a', 'a')] });
    const r = await collectSubnets(session, REGION, ['subnet-a', 'subnet-b', 'subnet-gone']);
    assert.deepEqual(r, {
      ok: true,
      value: [
        {
          id: 'subnet-a',
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          availabilityZone: 'eu-west-1a',
          availabilityZoneId: 'euw1-az3',
        },
        {
          id: 'subnet-b',
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          availabilityZone: 'eu-west-1b',
          availabilityZoneId: 'euw1-az1',
        },
      ],
    });
    const [call] = ec2Mock.commandCalls(DescribeSubnetsCommand);
    assert.deepEqual(call?.args[0].input.Filters, [
      { Name: 'subnet-id', Values: ['subnet-a', 'subnet-b', 'subnet-gone'] },
    ]);
    assert.equal(call?.args[0].input.SubnetIds, undefined);
  });

  it(`asks by filter up to ${SUBNET_BATCH} subnets in use; beyond, lists the region’s subnets 1,000 a page and keeps those in use`, async () => {
    const ids = Array.from({ length: SUBNET_BATCH + 1 }, (_, i) => `subnet-${String(i).padStart(4, '0')}`);
    ec2Mock
      .on(DescribeSubnetsCommand)
      .resolvesOnce({ Subnets: [subnet('subnet-0000', 'a'), subnet('subnet-other', 'b')], NextToken: 'p2' })
      .resolves({ Subnets: [subnet('subnet-0200', 'b')] });
    const r = await collectSubnets(session, REGION, ids);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((s) => s.id),
      ['subnet-0000', 'subnet-0200'],
    );
    // Two pages, no filter (the paginator reuses one input object, so only its last state shows).
    const calls = ec2Mock.commandCalls(DescribeSubnetsCommand);
    assert.equal(calls.length, 2);
    for (const c of calls) {
      assert.equal(c.args[0].input.Filters, undefined);
      assert.equal(c.args[0].input.MaxResults, 1000);
    }
    ec2Mock.resetHistory();
    assert.deepEqual(await collectSubnets(session, REGION, []), { ok: true, value: [] });
    assert.equal(ec2Mock.commandCalls(DescribeSubnetsCommand).length, 0);
  });

  it('a denied call is recorded as a failed read, not as "no subnets"', async () => {
    ec2Mock.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation', 403));
    const r = await collectSubnets(session, REGION, ['subnet-a']);
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.operation, 'DescribeSubnets');
    assert.equal(r.error.service, 'ec2');
  });

  it('collects the distinct subnet ids of the VPC functions', () => {
    const vpc = (...subnetIds: string[]) => ({ subnetIds, securityGroupIds: ['sg-1'] });
    assert.deepEqual(
      subnetIdsOf([
        lambdaFunction({ name: 'a', vpc: vpc('subnet-2', 'subnet-1') }),
        lambdaFunction({ name: 'b', vpc: vpc('subnet-1') }),
        lambdaFunction({ name: 'c' }),
      ]),
      ['subnet-1', 'subnet-2'],
    );
  });
});
