/**
 * IAM Access Analyzer, one region: every analyzer the region lists (ListAnalyzers, all pages of
 * up to 100), whatever its type, so the check can tell an external-access analyzer from an
 * unused-access or internal-access one. ORGANIZATION analyzers are kept whatever account's ARN
 * they carry (the delegated administrator's). Call plan: one ListAnalyzers per 100 analyzers —
 * in practice one call per region. Tags and the unused-access configuration are not kept.
 */
import { type AnalyzerSummary, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import type { AwsSession } from '../aws/clients.js';
import type { AccessAnalyzer, AccessAnalyzerRegion, Slice } from '../inventory/schema.js';
import { read } from './read.js';

const SERVICE = 'access-analyzer';
/** ListAnalyzers' largest page. */
export const ANALYZERS_PAGE = 100;

export async function collectAccessAnalyzerRegion(
  session: Pick<AwsSession, 'accessAnalyzer'>,
  region: string,
): Promise<Slice<AccessAnalyzerRegion>> {
  const client = session.accessAnalyzer(region);
  const listed = await read(SERVICE, 'ListAnalyzers', region, async () => {
    const out: AccessAnalyzer[] = [];
    for await (const page of paginateListAnalyzers({ client, pageSize: ANALYZERS_PAGE }, {})) {
      for (const a of page.analyzers ?? []) out.push(analyzerOf(a));
    }
    return out;
  });
  if (!listed.ok) return { status: 'error', error: listed.error };
  return { status: 'ok', data: { analyzers: listed.value } };
}

function analyzerOf(a: AnalyzerSummary): AccessAnalyzer {
  return {
    arn: a.arn ?? '',
    name: a.name ?? '',
    type: a.type ?? 'UNKNOWN',
    status: a.status ?? 'UNKNOWN',
    statusReason: a.statusReason?.code ?? null,
    createdAt: isoOf(a.createdAt),
  };
}

/** The SDK parses timestamps into Dates; an unparseable one is an Invalid Date, kept as null. */
function isoOf(d: Date | undefined): string | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}
