/** The simulated IAM Access Analyzer, through the real SDK client. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AccessAnalyzerClient,
  ListAnalyzersCommand,
  paginateListAnalyzers,
} from '@aws-sdk/client-accessanalyzer';
import { generateAccount, type SimAccount } from './account.js';
import { DELEGATED_ADMIN } from './facts/access-analyzer.js';
import { type Simulator, startSimulator } from './server.js';

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'sim' };
const R = 'eu-central-1';
const NOW = '2026-11-01T12:00:00.000Z';

describe('simulated IAM Access Analyzer', () => {
  let sim: Simulator;
  let account: SimAccount;
  let client: AccessAnalyzerClient;
  before(async () => {
    account = generateAccount({
      seed: 3,
      regions: [R, 'us-east-1'],
      functionsPerRegion: 0,
      users: 1,
      now: NOW,
    }).account;
    const created = new Date(NOW);
    account.accessAnalyzers = {
      [R]: [
        ...Array.from({ length: 3 }, (_, i) => ({
          arn: `arn:aws:access-analyzer:${R}:${account.accountId}:analyzer/a${i}`,
          name: `a${i}`,
          type: 'ACCOUNT' as const,
          status: 'ACTIVE' as const,
          createdAt: created.toISOString(),
        })),
        {
          arn: `arn:aws:access-analyzer:${R}:${DELEGATED_ADMIN}:analyzer/org`,
          name: 'org',
          type: 'ORGANIZATION_UNUSED_ACCESS',
          status: 'DISABLED',
          statusReason: 'DELEGATED_ADMINISTRATOR_DEREGISTERED',
          createdAt: created.toISOString(),
        },
      ],
    };
    sim = await startSimulator({ account, quotas: false });
    client = new AccessAnalyzerClient({ region: R, endpoint: sim.url, credentials, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await sim.stop();
  });

  it('pages every analyzer, with its type, status and reason, signed as access-analyzer', async () => {
    sim.resetLog();
    const seen: { name?: string; type?: string; status?: string; reason?: string; created?: Date }[] = [];
    for await (const page of paginateListAnalyzers({ client, pageSize: 2 }, {})) {
      for (const a of page.analyzers ?? []) {
        seen.push({
          name: a.name,
          type: a.type,
          status: a.status,
          ...(a.statusReason?.code ? { reason: a.statusReason.code } : {}),
          ...(a.createdAt ? { created: a.createdAt } : {}),
        });
      }
    }
    assert.deepEqual(
      seen.map((a) => `${a.name} ${a.type} ${a.status}${a.reason ? ` ${a.reason}` : ''}`),
      [
        'a0 ACCOUNT ACTIVE',
        'a1 ACCOUNT ACTIVE',
        'a2 ACCOUNT ACTIVE',
        'org ORGANIZATION_UNUSED_ACCESS DISABLED DELEGATED_ADMINISTRATOR_DEREGISTERED',
      ],
    );
    assert.ok(seen.every((a) => a.created?.toISOString() === NOW));
    assert.deepEqual(
      sim.callLog.map((c) => `${c.service} ${c.action} ${c.region} ${c.status}`),
      [`access-analyzer ListAnalyzers ${R} 200`, `access-analyzer ListAnalyzers ${R} 200`],
    );
  });

  it('narrows by type, lists none in a region without analyzers, and rejects a bad type', async () => {
    const org = await client.send(new ListAnalyzersCommand({ type: 'ORGANIZATION_UNUSED_ACCESS' }));
    assert.deepEqual(
      (org.analyzers ?? []).map((a) => a.name),
      ['org'],
    );
    const other = new AccessAnalyzerClient({
      region: 'us-east-1',
      endpoint: sim.url,
      credentials,
      maxAttempts: 1,
    });
    assert.deepEqual((await other.send(new ListAnalyzersCommand({}))).analyzers, []);
    other.destroy();
    await assert.rejects(client.send(new ListAnalyzersCommand({ type: 'NOPE' as never })), {
      name: 'ValidationException',
    });
  });
});
