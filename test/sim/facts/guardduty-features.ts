/**
 * Ground truth for the guardduty-features checks (see group.ts), from the final model: every
 * region's detector, whoever planted it.
 *
 * - guardduty.runtime-monitoring fails a region without an enabled detector, or whose detector
 *   has neither RUNTIME_MONITORING nor the legacy EKS_RUNTIME_MONITORING enabled; one with it on
 *   and some agent management off (the generator always writes EC2's off) is the look-alike.
 * - guardduty.findings-exported and guardduty.high-severity-findings do not concern a region
 *   without an enabled detector (not_applicable), nor does the first concern a member detector
 *   without its own destination (its administrator exports its findings). The first fails a detector with no destination
 *   in PUBLISHING or PENDING_VERIFICATION (a destination GuardDuty cannot write to is planted);
 *   a pending one is the look-alike. The second fails a detector with an unarchived, non-sample
 *   finding of severity ≥ 7; high findings that are archived or samples, and medium ones, are the
 *   look-alikes.
 *
 * plant() gives each detector its destinations and findings from its own stream per region.
 */
import type {
  GenContext,
  SimAccount,
  SimDetector,
  SimGuardDutyFinding,
  SimPublishingDestination,
} from '../account.js';
import { daysAgo } from '../account.js';
import { chance, chars, fork, HEX, int, pick, type Rng } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'guardduty.runtime-monitoring',
  'guardduty.findings-exported',
  'guardduty.high-severity-findings',
] as const;
type Id = (typeof IDS)[number];

const RUNTIME = new Set(['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING']);
const DELIVERING = new Set(['PUBLISHING', 'PENDING_VERIFICATION']);
const HIGH = 7;

export const guarddutyFeaturesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account: SimAccount, ctx: GenContext) {
    // One administrator for the whole account, when it is a GuardDuty member (its own stream).
    const admin = fork(ctx.seed, 'guardduty-features:administrator');
    const administrator = chance(admin, 0.33) ? '111122223333' : null;
    for (const region of account.regions) {
      const d = account.guardduty[region]?.detector;
      if (!d) continue;
      const rng = fork(ctx.seed, `guardduty-features:${region}`);
      d.publishingDestinations = destinations(rng, ctx, region);
      // The findings second, from the same stream: their draws never move the destinations'.
      d.findings = findings(rng, ctx, account, region);
      if (administrator) d.administrator = { accountId: administrator, relationshipStatus: 'Enabled' };
    }
  },
  facts(account: SimAccount, sink: FactSink<Id>) {
    for (const region of account.regions) {
      const arn = `arn:aws:guardduty:${region}:${account.accountId}:detector/*`;
      const d = account.guardduty[region]?.detector ?? null;
      if (d?.status !== 'ENABLED') {
        const why = d ? 'detector suspended' : 'no detector';
        sink.finding('guardduty.runtime-monitoring', arn, region, why);
        sink.notApplicable('guardduty.findings-exported', arn, why);
        sink.notApplicable('guardduty.high-severity-findings', arn, why);
        continue;
      }
      runtimeFacts(d, arn, region, sink);
      exportFacts(d, arn, region, sink);
      findingFacts(d, arn, region, sink);
    }
  },
};

function runtimeFacts(d: SimDetector, arn: string, region: string, sink: FactSink<Id>): void {
  const on = d.features.find((f) => RUNTIME.has(f.name) && f.status === 'ENABLED');
  if (!on) sink.finding('guardduty.runtime-monitoring', arn, region, 'RUNTIME_MONITORING disabled');
  else if (on.additionalConfiguration?.some((a) => a.status === 'DISABLED')) {
    sink.lookAlike('guardduty.runtime-monitoring', arn, `${on.name} on, some agent management off`);
  }
}

function exportFacts(d: SimDetector, arn: string, region: string, sink: FactSink<Id>): void {
  const list = d.publishingDestinations ?? [];
  const delivering = list.find((p) => DELIVERING.has(p.status));
  if (!delivering && d.administrator?.relationshipStatus === 'Enabled') {
    sink.notApplicable(
      'guardduty.findings-exported',
      arn,
      `exported by administrator ${d.administrator.accountId}`,
    );
    sink.lookAlike(
      'guardduty.findings-exported',
      arn,
      'no own destination, but a member of an administrator',
    );
  } else if (!delivering) {
    const why =
      list.length === 0 ? 'no publishing destination' : `destination ${list.map((p) => p.status).join(', ')}`;
    sink.finding('guardduty.findings-exported', arn, region, why);
  } else if (delivering.status === 'PENDING_VERIFICATION') {
    sink.lookAlike('guardduty.findings-exported', arn, 'destination pending verification');
  }
}

function findingFacts(d: SimDetector, arn: string, region: string, sink: FactSink<Id>): void {
  const list = d.findings ?? [];
  const active = list.filter((f) => !f.archived && !f.sample && f.severity >= HIGH);
  if (active.length > 0) {
    sink.finding('guardduty.high-severity-findings', arn, region, `${active.length} active high finding(s)`);
  } else if (list.length > 0) {
    sink.lookAlike(
      'guardduty.high-severity-findings',
      arn,
      'findings only archived, sample or below severity 7',
    );
  }
}

/** Each misconfiguration at twice the account's rate (capped): none at rate 0. */
const rateOf = (ctx: GenContext) => Math.min(1, 2 * ctx.m);

function destinations(rng: Rng, ctx: GenContext, region: string): SimPublishingDestination[] {
  const p = rateOf(ctx);
  const r = rng();
  const one = (status: SimPublishingDestination['status']): SimPublishingDestination => ({
    id: chars(rng, HEX, 32),
    type: 'S3',
    status,
    destinationArn: `arn:aws:s3:::guardduty-findings-${ctx.accountId}-${region}`,
  });
  if (r < p * 0.7) return [];
  if (r < p) return [one('UNABLE_TO_PUBLISH_FIX_DESTINATION_PERMISSION')];
  return [one(chance(rng, 0.3) ? 'PENDING_VERIFICATION' : 'PUBLISHING')];
}

const TYPES: [SimGuardDutyFinding['resourceType'], string, string][] = [
  ['Lambda', 'Backdoor:Lambda/C&CActivity.B', 'Lambda function is querying a command-and-control server'],
  ['Lambda', 'CryptoCurrency:Lambda/BitcoinTool.B', 'Lambda function is querying a crypto-mining pool'],
  [
    'AccessKey',
    'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    'Credentials used outside AWS',
  ],
  ['Instance', 'Recon:EC2/PortProbeUnprotectedPort', 'Unprotected port on an EC2 instance is being probed'],
  [
    'S3Bucket',
    'Policy:S3/BucketBlockPublicAccessDisabled',
    'S3 Block Public Access was disabled for a bucket',
  ],
];
/** A region without functions gets an instance finding where a Lambda one was drawn. */
const INSTANCE: (typeof TYPES)[number] = [
  'Instance',
  'Recon:EC2/PortProbeUnprotectedPort',
  'Unprotected port on an EC2 instance is being probed',
];
const SEVERITIES = [2, 5, 5.5, 7, 8, 8.5, 9.2];

function findings(rng: Rng, ctx: GenContext, account: SimAccount, region: string): SimGuardDutyFinding[] {
  const functions = account.lambda[region]?.functions ?? [];
  const out: SimGuardDutyFinding[] = [];
  for (let i = int(rng, 0, 5); i > 0; i--) {
    let [resourceType, type, title] = pick(rng, TYPES);
    const fn = resourceType === 'Lambda' && functions.length > 0 ? pick(rng, functions) : undefined;
    if (resourceType === 'Lambda' && !fn) [resourceType, type, title] = INSTANCE;
    const created = int(rng, 1, 80);
    const severity = pick(rng, SEVERITIES);
    const sample = chance(rng, 0.15);
    // A high detection left open is the misconfiguration; otherwise it was handled (archived).
    const open = severity < HIGH || sample || chance(rng, rateOf(ctx));
    out.push({
      id: chars(rng, HEX, 32),
      type,
      severity,
      title,
      archived: !open || chance(rng, 0.2),
      sample,
      resourceType,
      ...(fn ? { lambda: { name: fn.name, arn: fn.arn } } : {}),
      createdAt: daysAgo(ctx, created),
      updatedAt: daysAgo(ctx, Math.max(0.5, created - 1)),
    });
  }
  return out;
}
