import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { REGION_FORMAT, resolveRegions } from '../../src/collect/regions.js';
import { awsError, testSession } from './helpers.js';

const ec2Mock = mockClient(EC2Client);
let session: AwsSession;
const regions = (...names: string[]) => ({ Regions: names.map((RegionName) => ({ RegionName })) });

describe('resolveRegions', () => {
  beforeEach(() => {
    ec2Mock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('defaults to the regions enabled for the account, asked in the global region', async () => {
    ec2Mock.on(DescribeRegionsCommand).resolves(regions('us-east-1', 'eu-west-1', 'ap-south-1'));
    assert.deepEqual(await resolveRegions(session), {
      regions: ['ap-south-1', 'eu-west-1', 'us-east-1'],
      source: 'describe-regions',
      describeError: null,
    });
    const [call] = ec2Mock.commandCalls(DescribeRegionsCommand);
    assert.equal(call?.args[0].input.AllRegions, false);
    assert.equal(await call?.thisValue.config.region(), 'us-east-1');
  });

  it('asks GovCloud in its own global region', async () => {
    session.setPartition('aws-us-gov');
    ec2Mock.on(DescribeRegionsCommand).resolves(regions('us-gov-west-1', 'us-gov-east-1'));
    await resolveRegions(session);
    assert.equal(
      await ec2Mock.commandCalls(DescribeRegionsCommand)[0]?.thisValue.config.region(),
      'us-gov-west-1',
    );
  });

  it('tells the user to pass --regions when DescribeRegions fails', async () => {
    ec2Mock.on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation', 403));
    await assert.rejects(resolveRegions(session), (err: Error) => {
      assert.match(err.message, /access-denied UnauthorizedOperation/);
      assert.match(err.message, /pass --regions/);
      return true;
    });
  });

  it('accepts a --regions list known to DescribeRegions, deduplicated and sorted', async () => {
    ec2Mock.on(DescribeRegionsCommand).resolves(regions('us-east-1', 'eu-west-1', 'me-south-1'));
    assert.deepEqual(await resolveRegions(session, ['eu-west-1', 'us-east-1', 'eu-west-1']), {
      regions: ['eu-west-1', 'us-east-1'],
      source: 'flag',
      describeError: null,
    });
    // All regions, so a region the account has not opted into is known (and scanned), not a typo.
    assert.equal(ec2Mock.commandCalls(DescribeRegionsCommand)[0]?.args[0].input.AllRegions, true);
  });

  it('rejects malformed region names without calling AWS', async () => {
    await assert.rejects(
      resolveRegions(session, ['us-east-1', 'US-EAST-1', 'useast1']),
      /not a region name: US-EAST-1, useast1/,
    );
    assert.equal(ec2Mock.calls().length, 0);
  });

  it('rejects well-formed names DescribeRegions does not know', async () => {
    ec2Mock.on(DescribeRegionsCommand).resolves(regions('us-east-1', 'eu-west-1'));
    await assert.rejects(resolveRegions(session, ['us-east-1', 'us-east-7']), /unknown .*: us-east-7/);
  });

  it('uses a well-formed --regions list as given when DescribeRegions fails', async () => {
    ec2Mock.on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation', 403));
    const resolved = await resolveRegions(session, ['eu-west-1']);
    assert.deepEqual(resolved.regions, ['eu-west-1']);
    assert.equal(resolved.source, 'flag');
    assert.equal(resolved.describeError?.class, 'access-denied');
  });

  it('rejects an empty --regions list', async () => {
    await assert.rejects(resolveRegions(session, [' ']), /names no region/);
  });

  it('matches the documented region name format', () => {
    for (const ok of ['us-east-1', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-5', 'us-isob-east-1']) {
      assert.ok(REGION_FORMAT.test(ok), ok);
    }
    for (const bad of ['us-east', 'us-east-1a', 'global', 'US-EAST-1', 'us_east_1']) {
      assert.ok(!REGION_FORMAT.test(bad), bad);
    }
  });
});
