import { defineCheck } from '../../src/engine/check.js';
import { reportDateText } from '../../src/engine/dates.js';
import { describeIdle, idleSince, isIdle, MAX_IDLE_DAYS } from './_credential-idle.js';

export default defineCheck({
  id: 'iam.access-key-unused',
  title: 'IAM user has an active access key unused for 45 days or more',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'medium',
  practice: 'BP1',
  threats: ['T1'],
  rationale:
    'An active key nobody uses is pure risk: it grants access, is watched by no one, and its theft would be the ' +
    'first use in weeks. Unused for 45 days means no use since the later of its last use and its creation, so a ' +
    'freshly rotated key that has not been used yet is not flagged. The console-password half of CIS 1.12 is ' +
    'iam.password-unused; the root user is judged by iam.root-access-key.',
  remediation: {
    text: 'Deactivate each listed key, wait to see whether anything breaks, then delete it. If a workload turns out to need it, move that workload to an IAM role.',
    cli: 'aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': ['1.12'], 'cis-aws-7.0': ['2.11'] },
  reads: ['iam.credential-report'],
  evaluate: (view, ctx) =>
    view.eachUser((row, v) => {
      const active = row.accessKeys.flatMap((k, i) =>
        k.active
          ? [
              {
                slot: i + 1,
                lastUsed: reportDateText(k.lastUsed),
                lastRotated: reportDateText(k.lastRotated),
                idle: idleSince(k.lastUsed, k.lastRotated, ctx.now),
              },
            ]
          : [],
      );
      const evidence = {
        maxIdleDays: MAX_IDLE_DAYS,
        activeKeys: active.map((k) => ({
          slot: k.slot,
          lastUsed: k.lastUsed,
          lastRotated: k.lastRotated,
          idleDays: k.idle?.days ?? null,
          idleSince: k.idle?.since ?? null,
        })),
      };
      if (active.length === 0) return v.notApplicable(`${row.user} has no active access keys`, evidence);
      const stale = active.flatMap((k) => (isIdle(k.idle) ? [{ slot: k.slot, idle: k.idle }] : []));
      if (stale.length > 0) {
        const list = stale.map((k) => `key ${k.slot} ${describeIdle(k.idle, 'created')}`).join(', ');
        return v.fail(
          `${row.user} has an active access key unused for ${MAX_IDLE_DAYS}+ days: ${list}`,
          evidence,
        );
      }
      const dated = active.flatMap((k) => (k.idle ? [{ slot: k.slot, idle: k.idle }] : []));
      if (dated.length < active.length) {
        const slots = active
          .filter((k) => k.idle === null)
          .map((k) => k.slot)
          .join(' and ');
        return v.unknown(
          `the credential report gives neither a use nor a creation date for ${row.user}'s key ${slots}`,
          evidence,
        );
      }
      const list = dated.map((k) => `key ${k.slot} ${describeIdle(k.idle, 'created')}`).join(', ');
      return v.pass(`${row.user}'s active access keys are in use (${list})`, evidence);
    }),
});
