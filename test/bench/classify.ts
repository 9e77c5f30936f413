/**
 * Env-var classifier throughput (issue 13): variables classified per second by
 * `classifyEnvironments` (secretlint's preset + our own patterns + the name heuristic), on
 * synthetic functions of 10 variables each — 8 ordinary settings and 2 drawn from the secret
 * corpus (test/collect/secret-corpus.ts: provider formats, placeholders, references, defaults).
 * Batches of 1,000 functions, as the collector coalesces a ListFunctions page. Prints figures
 * only, never a value.
 *
 * Two fleets. `classifierThroughput`: settings repeat across functions as in real accounts
 * (LOG_LEVEL=INFO everywhere) and the 2 corpus variables come from one corpus draw. The
 * classifier classifies each distinct (name, value) pair of a batch once, so it also has
 * `classifierThroughputUnique`: every setting carries its function's number and the corpus
 * variables come from a fresh draw per corpus length of functions (so each random body is used
 * once). The corpus cases that are fixed text (placeholders, references, weak defaults) cannot be
 * made unique without changing what they are, so they still repeat; `distinctPairs` says how many
 * of the variables were distinct (name, value) pairs within their batch.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { classifyEnvironments } from '../../src/collect/env-vars.js';
import { buildCorpus, type CorpusCase } from '../collect/secret-corpus.js';

export interface ClassifyFigures {
  variables: number;
  functions: number;
  ms: number;
  variablesPerSecond: number;
  flagged: number;
  /** Distinct (name, value) pairs within their batch, summed over the batches. */
  distinctPairs: number;
}

const VARS_PER_FUNCTION = 10;
const BATCH_FUNCTIONS = 1_000;

type EnvFor = (i: number) => Record<string, string>;

export async function classifierThroughput(variables: number): Promise<ClassifyFigures> {
  const corpus = buildCorpus();
  return run(variables, (i) => ({
    ...ordinarySettings(i, ''),
    ...corpusPair(corpus, corpus, i),
  }));
}

export async function classifierThroughputUnique(variables: number): Promise<ClassifyFigures> {
  const draws = new Map<number, CorpusCase[]>();
  const draw = (seed: number): CorpusCase[] => {
    let corpus = draws.get(seed);
    if (corpus === undefined) {
      if (draws.size > 4) draws.clear();
      corpus = buildCorpus(1_000 + seed);
      draws.set(seed, corpus);
    }
    return corpus;
  };
  // One draw per block of `size` functions for each of the two corpus variables: case i % size and
  // case (7i + 3) % size each take every case once in a block (7 and the corpus size are coprime).
  const size = buildCorpus().length;
  return run(variables, (i) => {
    const block = Math.floor(i / size);
    return { ...ordinarySettings(i, `-${i}`), ...corpusPair(draw(2 * block), draw(2 * block + 1), i) };
  });
}

function ordinarySettings(i: number, unique: string): Record<string, string> {
  return {
    LOG_LEVEL: `INFO${unique}`,
    STAGE: `${i % 3 === 0 ? 'prod' : 'dev'}${unique}`,
    POWERTOOLS_SERVICE_NAME: `svc-${i % 97}${unique}`,
    TABLE_NAME: `orders-${i}`,
    QUEUE_URL: `https://sqs.us-east-1.amazonaws.com/123456789012/q-${i}`,
    TIMEOUT_MS: unique === '' ? String(1000 + (i % 5000)) : String(1000 + i),
    FEATURE_FLAGS: `{"beta":true,"limits":[1,2,3]${unique === '' ? '' : `,"fn":${i}`}}`,
    REGION_HINT: `us-east-1${unique}`,
  };
}

function corpusPair(first: CorpusCase[], second: CorpusCase[], i: number): Record<string, string> {
  const a = first[i % first.length];
  const b = second[(i * 7 + 3) % second.length];
  const env: Record<string, string> = {};
  if (a) env[`${a.name}_A`] = a.value;
  if (b) env[`${b.name}_B`] = b.value;
  return env;
}

async function run(variables: number, envFor: EnvFor): Promise<ClassifyFigures> {
  const salt = randomBytes(32);
  const functions = Math.ceil(variables / VARS_PER_FUNCTION);
  let flagged = 0;
  let distinctPairs = 0;
  let ms = 0;
  for (let start = 0; start < functions; start += BATCH_FUNCTIONS) {
    const batch = Array.from({ length: Math.min(BATCH_FUNCTIONS, functions - start) }, (_, k) =>
      envFor(start + k),
    );
    const t0 = performance.now();
    const out = await classifyEnvironments(batch, salt);
    ms += performance.now() - t0;
    for (const fn of out) for (const v of fn) if (v.secret) flagged++;
    distinctPairs += countDistinctPairs(batch);
  }
  const total = functions * VARS_PER_FUNCTION;
  return { variables: total, functions, ms, variablesPerSecond: total / (ms / 1000), flagged, distinctPairs };
}

/** Counted after the timed call, without building a string per pair (its garbage would be timed). */
function countDistinctPairs(batch: ReadonlyArray<Record<string, string>>): number {
  const seen = new Map<string, Set<string>>();
  let distinct = 0;
  for (const vars of batch) {
    for (const name of Object.keys(vars)) {
      let values = seen.get(name);
      if (values === undefined) {
        values = new Set();
        seen.set(name, values);
      }
      const size = values.size;
      values.add(vars[name] as string);
      if (values.size > size) distinct++;
    }
  }
  return distinct;
}
