import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsSession } from '../../src/aws/clients.js';
import { ANALYZERS_PAGE, collectAccessAnalyzerRegion } from '../../src/collect/access-analyzer.js';
import { AccessAnalyzerRegion, slice } from '../../src/inventory/schema.js';
import { awsError, testSession } from './helpers.js';

const REGION = 'eu-central-1';
const aaMock = mockClient(AccessAnalyzerClient);
let session: AwsSession;

async function collect() {
  const result = await collectAccessAnalyzerRegion(session, REGION);
  slice(AccessAnalyzerRegion).parse(result);
  return result;
}

const arn = (name: string) => `arn:aws:access-analyzer:${REGION}:123456789012:analyzer/${name}`;

describe('collectAccessAnalyzerRegion', () => {
  beforeEach(() => {
    aaMock.reset();
    session = testSession();
  });
  afterEach(() => session.destroy());

  it('lists every analyzer of every type, all pages, without tags or configuration', async () => {
    aaMock
      .on(ListAnalyzersCommand, { nextToken: undefined })
      .resolves({
        analyzers: [
          {
            arn: arn('external'),
            name: 'external',
            type: 'ACCOUNT',
            status: 'ACTIVE',
            createdAt: new Date('2025-03-01T10:00:00Z'),
            tags: { owner: 'security' },
          },
        ],
        nextToken: 'p2',
      })
      .on(ListAnalyzersCommand, { nextToken: 'p2' })
      .resolves({
        analyzers: [
          {
            arn: arn('unused'),
            name: 'unused',
            type: 'ACCOUNT_UNUSED_ACCESS',
            status: 'FAILED',
            statusReason: { code: 'SERVICE_LINKED_ROLE_CREATION_FAILED' },
            createdAt: undefined,
            configuration: { unusedAccess: { unusedAccessAge: 90 } },
          },
        ],
      });
    assert.deepEqual(await collect(), {
      status: 'ok',
      data: {
        analyzers: [
          {
            arn: arn('external'),
            name: 'external',
            type: 'ACCOUNT',
            status: 'ACTIVE',
            statusReason: null,
            createdAt: '2025-03-01T10:00:00.000Z',
          },
          {
            arn: arn('unused'),
            name: 'unused',
            type: 'ACCOUNT_UNUSED_ACCESS',
            status: 'FAILED',
            statusReason: 'SERVICE_LINKED_ROLE_CREATION_FAILED',
            createdAt: null,
          },
        ],
      },
    });
    const calls = aaMock.commandCalls(ListAnalyzersCommand);
    assert.equal(calls.length, 2);
    // Every type, so a region with only unused-access analyzers is told from one with none.
    assert.equal(calls[0]?.args[0].input.type, undefined);
    assert.equal(calls[0]?.args[0].input.maxResults, ANALYZERS_PAGE);
  });

  it('a region without analyzers is ok and empty, not an error', async () => {
    aaMock.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    assert.deepEqual(await collect(), { status: 'ok', data: { analyzers: [] } });
  });

  it('records a denied ListAnalyzers as the region slice error', async () => {
    aaMock.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 403));
    const result = await collect();
    assert.equal(result.status, 'error');
    assert.ok(result.status === 'error');
    assert.equal(result.error.class, 'access-denied');
    assert.equal(result.error.operation, 'ListAnalyzers');
    assert.equal(result.error.service, 'access-analyzer');
    assert.equal(result.error.region, REGION);
  });

  it('a failure on a later page fails the read (a partial list proves nothing)', async () => {
    aaMock
      .on(ListAnalyzersCommand, { nextToken: undefined })
      .resolves({ analyzers: [], nextToken: 'p2' })
      .on(ListAnalyzersCommand, { nextToken: 'p2' })
      .rejects(awsError('ThrottlingException', 429));
    const result = await collect();
    assert.equal(result.status, 'error');
    assert.ok(result.status === 'error');
    assert.equal(result.error.class, 'throttled');
  });
});
