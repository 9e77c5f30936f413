/**
 * The report's own check of its results, one by one. It accepts exactly what `ReportResult` (the
 * zod schema, which stays the definition and writes the JSON Schema) accepts — a property test
 * holds the two together — at a fraction of the cost: zod's parse of one result copies it, and
 * at 2.5 million results (100,000 functions × 70 checks) that was 4.8 s of a report's 7.4.
 */
import { Practice, Severity, Status } from '../engine/check.js';
import { ErrorClass } from '../inventory/schema.js';
import type { ReportResult } from './schema.js';

const FINDING_ID = /^[0-9a-f]{32}$/;
const STATUSES: ReadonlySet<unknown> = new Set(Status.options);
const SEVERITIES: ReadonlySet<unknown> = new Set(Severity.options);
const PRACTICES: ReadonlySet<unknown> = new Set(Practice.options);
const ERROR_CLASSES: ReadonlySet<unknown> = new Set(ErrorClass.options);

type Shape = Record<string, unknown>;

function isObject(x: unknown): x is Shape {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What is wrong with `r` as a report result (the first problem found), or null when nothing is. */
export function reportResultProblem(r: unknown): string | null {
  if (!isObject(r)) return 'not an object';
  if (typeof r.findingId !== 'string' || !FINDING_ID.test(r.findingId)) return 'findingId';
  if (typeof r.checkId !== 'string') return 'checkId';
  if (!STATUSES.has(r.status)) return 'status';
  if (!SEVERITIES.has(r.severity)) return 'severity';
  if (!PRACTICES.has(r.practice)) return 'practice';
  if (typeof r.accountId !== 'string') return 'accountId';
  const res = r.resource;
  if (!isObject(res)) return 'resource';
  if (typeof res.arn !== 'string') return 'resource.arn';
  if (typeof res.name !== 'string') return 'resource.name';
  if (res.region !== null && typeof res.region !== 'string') return 'resource.region';
  if (typeof res.type !== 'string') return 'resource.type';
  if (typeof r.message !== 'string') return 'message';
  if (!isObject(r.evidence)) return 'evidence';
  if (r.error !== undefined) {
    const problem = errorProblem(r.error);
    if (problem !== null) return problem;
  }
  if (r.occurrences !== undefined && !isStringArray(r.occurrences)) return 'occurrences';
  if (r.suppression !== undefined) return suppressionProblem(r.suppression);
  return null;
}

/** Index by index, as zod reads an array: a hole is an undefined member, not a skipped one. */
function isStringArray(a: unknown): boolean {
  if (!Array.isArray(a)) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

function suppressionProblem(s: unknown): string | null {
  if (!isObject(s)) return 'suppression';
  if (typeof s.rule !== 'number' || !Number.isSafeInteger(s.rule) || s.rule < 1) return 'suppression.rule';
  if (typeof s.reason !== 'string') return 'suppression.reason';
  if (s.expires !== undefined && typeof s.expires !== 'string') return 'suppression.expires';
  return null;
}

function errorProblem(e: unknown): string | null {
  if (!isObject(e)) return 'error';
  if (!ERROR_CLASSES.has(e.class)) return 'error.class';
  for (const key of ['code', 'message', 'service', 'operation'] as const) {
    if (typeof e[key] !== 'string') return `error.${key}`;
  }
  if (e.region !== undefined && typeof e.region !== 'string') return 'error.region';
  return null;
}

/** Throws, naming the result and the field, when `r` is not a valid report result. */
export function assertReportResult(r: unknown): asserts r is ReportResult {
  const problem = reportResultProblem(r);
  if (problem === null) return;
  const id = isObject(r) && typeof r.checkId === 'string' ? ` of ${r.checkId}` : '';
  throw new Error(`internal error: a result${id} does not fit the report schema (${problem})`);
}
