/**
 * Env-var classifier throughput (issue 13): variables classified per second by
 * `classifyEnvironments` (secretlint's preset + our own patterns + the name heuristic), on
 * synthetic functions of 10 variables each — 8 ordinary settings and 2 drawn from the secret
 * corpus (test/collect/secret-corpus.ts: provider formats, placeholders, references, defaults).
 * Batches of 1,000 functions, as the collector coalesces a ListFunctions page. Prints figures
 * only, never a value.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { classifyEnvironments } from '../../src/collect/env-vars.js';
import { buildCorpus } from '../collect/secret-corpus.js';

export interface ClassifyFigures {
  variables: number;
  functions: number;
  ms: number;
  variablesPerSecond: number;
  flagged: number;
}

const VARS_PER_FUNCTION = 10;
const BATCH_FUNCTIONS = 1_000;

export async function classifierThroughput(variables: number): Promise<ClassifyFigures> {
  const corpus = buildCorpus();
  const salt = randomBytes(32);
  const functions = Math.ceil(variables / VARS_PER_FUNCTION);
  const envFor = (i: number): Record<string, string> => {
    const a = corpus[i % corpus.length];
    const b = corpus[(i * 7 + 3) % corpus.length];
    const env: Record<string, string> = {
      LOG_LEVEL: 'INFO',
      STAGE: i % 3 === 0 ? 'prod' : 'dev',
      POWERTOOLS_SERVICE_NAME: `svc-${i % 97}`,
      TABLE_NAME: `orders-${i}`,
      QUEUE_URL: `https://sqs.us-east-1.amazonaws.com/123456789012/q-${i}`,
      TIMEOUT_MS: String(1000 + (i % 5000)),
      FEATURE_FLAGS: '{"beta":true,"limits":[1,2,3]}',
      REGION_HINT: 'us-east-1',
    };
    if (a) env[`${a.name}_A`] = a.value;
    if (b) env[`${b.name}_B`] = b.value;
    return env;
  };
  let flagged = 0;
  let ms = 0;
  for (let start = 0; start < functions; start += BATCH_FUNCTIONS) {
    const batch = Array.from({ length: Math.min(BATCH_FUNCTIONS, functions - start) }, (_, k) =>
      envFor(start + k),
    );
    const t0 = performance.now();
    const out = await classifyEnvironments(batch, salt);
    ms += performance.now() - t0;
    for (const fn of out) for (const v of fn) if (v.secret) flagged++;
  }
  const total = functions * VARS_PER_FUNCTION;
  return { variables: total, functions, ms, variablesPerSecond: total / (ms / 1000), flagged };
}
