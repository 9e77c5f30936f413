import { defineCheck } from '../../src/engine/check.js';
import { ageInDays, daysText, reportDateText } from '../../src/engine/dates.js';

/** CIS 1.14 / Security Hub IAM.3: an active key older than this many days fails; exactly 90 passes. */
const MAX_AGE_DAYS = 90;

export default defineCheck({
  id: 'iam.access-key-rotation',
  title: 'IAM user has an active access key older than 90 days',
  service: 'iam',
  resourceType: 'AWS::IAM::User',
  severity: 'medium',
  practice: 'BP1',
  threats: ['T1'],
  rationale:
    'Every day a key lives is a day it can leak from a laptop, a CI log or a Lambda environment and still work. ' +
    'Rotating within 90 days bounds that window. Only active keys count: an inactive key signs nothing. The root ' +
    'user is left to iam.root-access-key, because the remedy for a root key is deletion, not rotation.',
  remediation: {
    text: 'Create a second key, move every consumer to it, deactivate the old key, watch for failures, then delete it. Prefer IAM roles or IAM Identity Center over long-lived keys altogether.',
    cli: 'aws iam create-access-key --user-name <user> && aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive',
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    'https://docs.aws.amazon.com/config/latest/developerguide/access-keys-rotated.html',
  ],
  frameworks: { 'aws-fsbp': ['IAM.3'], 'cis-aws-3.0': ['1.14'], 'cis-aws-7.0': ['2.12'] },
  reads: ['iam.credential-report'],
  evaluate: (view, ctx) =>
    view.eachUser((row, v) => {
      const active = row.accessKeys.flatMap((k, i) =>
        k.active
          ? [
              {
                slot: i + 1,
                lastRotated: reportDateText(k.lastRotated),
                ageDays: ageInDays(k.lastRotated, ctx.now),
              },
            ]
          : [],
      );
      const evidence = { maxAgeDays: MAX_AGE_DAYS, activeKeys: active };
      if (active.length === 0) return v.notApplicable(`${row.user} has no active access keys`, evidence);
      const old = active.flatMap((k) =>
        k.ageDays !== null && k.ageDays > MAX_AGE_DAYS ? [{ ...k, ageDays: k.ageDays }] : [],
      );
      if (old.length > 0) {
        const list = old.map((k) => `key ${k.slot} is ${daysText(k.ageDays)} old`).join(', ');
        return v.fail(
          `${row.user} has not rotated an active access key in over ${MAX_AGE_DAYS} days: ${list}`,
          evidence,
        );
      }
      const dated = active.flatMap((k) => (k.ageDays === null ? [] : [{ ...k, ageDays: k.ageDays }]));
      if (dated.length < active.length) {
        const slots = active
          .filter((k) => k.ageDays === null)
          .map((k) => k.slot)
          .join(' and ');
        return v.unknown(
          `the credential report gives no creation date for ${row.user}'s active key ${slots}`,
          evidence,
        );
      }
      const ages = dated.map((k) => `key ${k.slot}: ${daysText(k.ageDays)}`).join(', ');
      return v.pass(
        `${row.user}'s active access keys were rotated within ${MAX_AGE_DAYS} days (${ages})`,
        evidence,
      );
    }),
});
