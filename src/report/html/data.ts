/**
 * The results embedded in the HTML page for its script, in a compact form: 2.5 million results
 * (100,000 functions) must fit in a page Chromium can open. Checks, regions, resources and
 * messages are tables referred to by index; results are blocks of one check in report order,
 * each with a status string (one letter per result), its resources and messages as runs, and the
 * finding id, evidence and failed read of its non-passing results up to a budget (the rest stay
 * in report.json), and the suppression of each accepted one. For the per-function panel: which
 * checks mean exposure, and who can modify the functions (per region and group, html/functions.ts).
 * The whole is JSON inside <script type="application/json">, escaped so no
 * `<`, `>`, `&` or line separator appears raw: `</script>` in any value cannot end the block.
 */
import { FRAMEWORK_IDS } from '../../engine/frameworks.js';
import type { Report, ReportCheck, ReportResult } from '../schema.js';
import { type EmbeddedChanges, embeddedChanges } from './change-history.js';
import { type EmbeddedAccess, embeddedAccess, isExposureCheck } from './functions.js';

/** Non-passing results whose finding id, evidence and error are embedded (the rest: report.json). */
export const EMBED_DETAIL_LIMIT = 5_000;
/** Characters of one result's evidence embedded. */
export const EMBED_EVIDENCE_LIMIT = 800;

/** Stands for the result's resource name inside an embedded message. */
export const NAME_MARK = '\u0001';
/** Characters of one message embedded (the full text is in report.json). */
const MESSAGE_LIMIT = 300;

const STATUS_LETTER: Record<ReportResult['status'], string> = {
  pass: 'p',
  fail: 'f',
  unknown: 'u',
  not_applicable: 'n',
};

/** [id, title, service, severity, practice, rationale, remediation, cli, references, frameworks]. */
export type EmbeddedCheck = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string[],
  Record<string, string[]>,
];

export interface EmbeddedData {
  v: 2;
  checks: EmbeddedCheck[];
  frameworks: string[];
  /** Region names; index 0 is account-wide ("global"). */
  regions: string[];
  partition: string;
  account: string;
  /** [name, arn, region index]; arn '' when it is the function ARN of that name, region and account. */
  resources: [string, string, number][];
  /** Interned messages; U+0001 in one stands for the result's resource name. */
  messages: string[];
  /**
   * [check index, statuses (p/f/u/n per result), resource runs [first, length, …],
   *  message runs [message, length, …], details [offset, finding id, evidence, error, …],
   *  suppressed results [offset, suppression index, …]].
   */
  blocks: [number, string, number[], number[], (number | string)[], number[]][];
  /** Non-passing results beyond EMBED_DETAIL_LIMIT, without their details. */
  detailsLeftOut: number;
  /** Distinct suppressions [rule, reason, expires ('' for none)], referred to by index. */
  suppressions: [number, string, string][];
  /** Indexes (in `checks`) of the checks whose failure means the function is reachable by anyone. */
  exposure: number[];
  /** Who can modify the functions; null when the run did not analyse it (no check needed it). */
  access: EmbeddedAccess | null;
  /** --changes-since: each changed function's rows (html/change-history.ts); null when not collected. */
  changes: EmbeddedChanges | null;
}

export function embeddedData(report: Report, checksById: Map<string, ReportCheck>): EmbeddedData {
  const checkIndex = new Map<string, number>();
  const checks: EmbeddedCheck[] = [];
  const checkOf = (id: string, r: ReportResult): number => {
    let i = checkIndex.get(id);
    if (i === undefined) {
      const c = checksById.get(id);
      i = checks.length;
      checks.push([
        id,
        c?.title ?? id,
        c?.service ?? '',
        c?.severity ?? r.severity,
        c?.practice ?? r.practice,
        c?.rationale ?? '',
        c?.remediation.text ?? '',
        c?.remediation.cli ?? '',
        (c?.references ?? []).filter((u) => /^https:\/\/\S+$/i.test(u)),
        Object.fromEntries(Object.entries(c?.frameworks ?? {}).filter(([, ids]) => ids.length > 0)),
      ]);
      checkIndex.set(id, i);
    }
    return i;
  };
  const regionIndex = new Map<string, number>([['', 0]]);
  const regions = ['global'];
  const resourceIndex = new Map<string, number>();
  // The fourth member, the full ARN, is for building only: dropped before the data is returned.
  const resources: [string, string, number, string?][] = [];
  const messageIndex = new Map<string, number>();
  const messages: string[] = [];
  const blocks: EmbeddedData['blocks'] = [];
  const suppressionIndex = new Map<string, number>();
  const suppressions: EmbeddedData['suppressions'] = [];
  let details = 0;
  let detailsLeftOut = 0;

  let lastRegionKey: string | undefined;
  let lastRegion = 0;
  let lastRes = -2;
  let lastMessage: string | undefined;
  let lastMsg = 0;
  let block: EmbeddedData['blocks'][number] | undefined;
  let statuses: string[] = [];
  let offset = 0;
  const flush = () => {
    if (block) block[1] = statuses.join('');
  };
  for (const r of report.results) {
    const c = checkOf(r.checkId, r);
    if (!block || block[0] !== c) {
      flush();
      block = [c, '', [], [], [], []];
      blocks.push(block);
      statuses = [];
      offset = 0;
    }
    statuses.push(STATUS_LETTER[r.status] ?? 'u');
    const regionKey = r.resource.region ?? '';
    let reg = regionKey === lastRegionKey ? lastRegion : regionIndex.get(regionKey);
    if (reg === undefined) {
      reg = regions.length;
      regions.push(regionKey);
      regionIndex.set(regionKey, reg);
    }
    lastRegionKey = regionKey;
    lastRegion = reg;
    const arn = r.resource.arn;
    // A check's results follow the resource order of the first check that saw them: try the next one.
    let res = resources[lastRes + 1]?.[3] === arn ? lastRes + 1 : resourceIndex.get(arn);
    if (res === undefined) {
      res = resources.length;
      const fnArn = `arn:${report.run.partition}:lambda:${regionKey}:${r.accountId}:function:${r.resource.name}`;
      resources.push([
        r.resource.name,
        regionKey !== '' && r.accountId === report.run.accountId && arn === fnArn ? '' : arn,
        reg,
        arn,
      ]);
      resourceIndex.set(arn, res);
    }
    lastRes = res;
    run(block[2], res, true);
    // The resource's name in its message becomes U+0001, so "fn-1 has X" and "fn-2 has X" share one.
    const name = r.resource.name;
    const message = r.message;
    let msg: number | undefined;
    if (message === lastMessage) msg = lastMsg;
    else {
      const text =
        name.length >= 3 && message.includes(name) && !message.includes(NAME_MARK)
          ? message.split(name).join(NAME_MARK)
          : message;
      msg = messageIndex.get(text);
      if (msg === undefined) {
        msg = messages.length;
        messages.push(text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text);
        messageIndex.set(text, msg);
      }
      // Only a message without the name can be reused for the next result as it is.
      lastMessage = text === message ? message : undefined;
      lastMsg = msg;
    }
    run(block[3], msg, false);
    if (r.status !== 'pass') {
      if (details < EMBED_DETAIL_LIMIT) {
        details += 1;
        const error = r.error
          ? `${r.error.service}:${r.error.operation} — ${r.error.class} (${r.error.code || 'no code'})`
          : '';
        block[4].push(offset, r.findingId, evidenceText(r.evidence), error);
      } else detailsLeftOut += 1;
    }
    if (r.suppression) {
      const entry: [number, string, string] = [
        r.suppression.rule,
        r.suppression.reason,
        r.suppression.expires ?? '',
      ];
      const key = JSON.stringify(entry);
      let s = suppressionIndex.get(key);
      if (s === undefined) {
        s = suppressions.length;
        suppressions.push(entry);
        suppressionIndex.set(key, s);
      }
      block[5].push(offset, s);
    }
    offset += 1;
  }
  flush();
  const access = report.access ? embeddedAccess(report.access) : null;
  const changes = embeddedChanges(report);
  if (access || changes) {
    // A function that is a resource of the table is named by its index (a few digits, not its name).
    const fnIndex = new Map<string, number>();
    resources.forEach((r, i) => {
      if (r[1] === '') fnIndex.set(`${regions[r[2]]}/${r[0]}`, i);
    });
    for (const g of access?.groups ?? []) g[1] = g[1].map((name) => fnIndex.get(`${g[0]}/${name}`) ?? name);
    for (const f of changes?.functions ?? []) f[1] = fnIndex.get(`${f[0]}/${f[1]}`) ?? f[1];
  }
  for (const r of resources) r.length = 3;
  return {
    v: 2,
    partition: report.run.partition,
    account: report.run.accountId,
    checks,
    frameworks: [...FRAMEWORK_IDS],
    regions,
    resources: resources as [string, string, number][],
    messages,
    blocks,
    detailsLeftOut,
    suppressions,
    exposure: checks.flatMap((c, i) => (isExposureCheck(c[0]) ? [i] : [])),
    access,
    changes,
  };
}

/** Appends to runs [value, length, …]; consecutive resources (value = previous + 1) extend a run. */
function run(runs: number[], value: number, consecutive: boolean): void {
  const n = runs.length;
  if (n >= 2) {
    const first = runs[n - 2] as number;
    const len = runs[n - 1] as number;
    if (consecutive ? first + len === value : first === value) {
      runs[n - 1] = len + 1;
      return;
    }
  }
  runs.push(value, 1);
}

function evidenceText(evidence: Record<string, unknown>): string {
  if (!evidence || Object.keys(evidence).length === 0) return '';
  const text = JSON.stringify(evidence);
  if (text.length <= EMBED_EVIDENCE_LIMIT) return text;
  let cut = EMBED_EVIDENCE_LIMIT;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}… (cut; the full evidence is in report.json)`;
}

/**
 * JSON safe inside a <script> element: no raw < > & U+2028 U+2029, so nothing can end it, and no
 * raw bidirectional control, so none reorders the page's source for whoever reads it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => {
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  );
}
