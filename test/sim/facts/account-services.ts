/**
 * Ground truth for the account-services checks (see group.ts), from the final model.
 *
 * - account.security-contact fails an account without a SECURITY alternate contact; one with it
 *   but without a billing or operations contact is the look-alike (only SECURITY counts).
 * - account.in-organization fails an account in no organization; the management account of one
 *   is the look-alike.
 * - iam.server-certificate-expired fails each stored certificate whose expiration is past; one
 *   expiring within 30 days is the look-alike; an account with none is not_applicable.
 *
 * - centralized root access (the iam.root-mfa / iam.root-hardware-mfa look-alike, judged in
 *   manifest.ts and iam-credentials.ts): a member account of an all-features organization that
 *   enabled RootCredentialsManagement may have its root credentials deleted (no password, key,
 *   certificate or MFA), which those checks must pass though root has no MFA.
 *
 * plant() draws the contacts, the organization and the certificates from the group's own stream,
 * each misconfiguration at twice the account's rate (so none at rate 0).
 * Dates are at least two days from `now`, so a scan a little later than `now` agrees.
 */
import type { GenContext, SimAccount, SimAlternateContact, SimServerCertificate } from '../account.js';
import { DAY_MS, daysAgo } from '../account.js';
import { chance, chars, fork, int, pick, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'account.security-contact',
  'account.in-organization',
  'iam.server-certificate-expired',
] as const;
type Id = (typeof IDS)[number];

const SOON_DAYS = 30;

export const accountServicesFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account: SimAccount, ctx: GenContext) {
    const rng = fork(ctx.seed, 'account-services');
    // Each misconfiguration at twice the account's rate (capped): none at rate 0.
    const p = Math.min(1, 2 * ctx.m);
    const contact = (team: string): SimAlternateContact => ({
      name: `${team} team`,
      title: team,
      emailAddress: `${team.toLowerCase()}@example.com`,
      phoneNumber: '+1-555-0100',
    });
    account.alternateContacts = {
      SECURITY: chance(rng, p) ? null : contact('Security'),
      BILLING: chance(rng, 0.5) ? contact('Billing') : null,
      OPERATIONS: chance(rng, 0.5) ? contact('Operations') : null,
    };
    const inOrg = !chance(rng, p);
    const management = chance(rng, 0.3);
    account.organization = inOrg
      ? {
          id: `o-${chars(rng, 'abcdefghijklmnopqrstuvwxyz0123456789', 10)}`,
          managementAccountId: management ? ctx.accountId : '210987654321',
          managementAccountEmail: 'aws-root@example.com',
          featureSet: pick(rng, ['ALL', 'ALL', 'CONSOLIDATED_BILLING'] as const),
        }
      : null;
    plantRootAccess(account, ctx);
    const certs: SimServerCertificate[] = [];
    for (let i = int(rng, 0, 3); i > 0; i--) {
      const name = `${pick(rng, ['legacy-api', 'www', 'partner-gw', 'edge'])}-${certs.length + 1}`;
      // Expired (2–400 days ago) at the account's rate, else expiring soon (2–30 days ahead) or valid.
      const r = rng();
      const days =
        r < p / 2 ? -int(rng, 2, 400) : r < 0.7 ? int(rng, 2, SOON_DAYS) : int(rng, SOON_DAYS + 1, 400);
      certs.push({
        name,
        id: `ASCA${chars(rng, UPPER_ALNUM, 17)}`,
        arn: `arn:aws:iam::${ctx.accountId}:server-certificate/${name}`,
        path: '/',
        uploadedAt: daysAgo(ctx, int(rng, 400, 900)),
        expiresAt: daysAgo(ctx, -days),
      });
    }
    account.iam.serverCertificates = certs;
  },
  facts(account: SimAccount, sink: FactSink<Id>) {
    const root = `arn:aws:iam::${account.accountId}:root`;
    const contacts = account.alternateContacts ?? {};
    if (!contacts.SECURITY) sink.finding('account.security-contact', root, null, 'no SECURITY contact');
    else if (!contacts.BILLING || !contacts.OPERATIONS) {
      sink.lookAlike(
        'account.security-contact',
        root,
        'SECURITY contact only; billing or operations missing',
      );
    }
    const org = account.organization ?? null;
    if (!org) sink.finding('account.in-organization', root, null, 'not in an organization');
    else if (org.managementAccountId === account.accountId) {
      sink.lookAlike('account.in-organization', root, 'the management account of its organization');
    }
    const certs = account.iam.serverCertificates ?? [];
    if (certs.length === 0)
      sink.notApplicable('iam.server-certificate-expired', root, 'no server certificates');
    const now = Date.parse(account.now);
    for (const c of certs) {
      const left = (Date.parse(c.expiresAt) - now) / DAY_MS;
      if (left <= 0) sink.finding('iam.server-certificate-expired', c.arn, null, `expired ${c.expiresAt}`);
      else if (left <= SOON_DAYS)
        sink.lookAlike('iam.server-certificate-expired', c.arn, `expires ${c.expiresAt}`);
    }
  },
};

/**
 * From its own stream (so the draws above are unchanged): the organization's centralized root
 * access features, and in a member account of one that enabled RootCredentialsManagement, root
 * credentials deleted half the time. The management account's own root is never managed this way.
 */
function plantRootAccess(account: SimAccount, ctx: GenContext): void {
  const org = account.organization;
  if (org?.featureSet !== 'ALL') return;
  const rng = fork(ctx.seed, 'root-access');
  if (chance(rng, 0.6)) {
    org.rootFeatures = chance(rng, 0.5)
      ? ['RootCredentialsManagement', 'RootSessions']
      : ['RootCredentialsManagement'];
  }
  const member = org.managementAccountId !== ctx.accountId;
  if (!member || !org.rootFeatures?.includes('RootCredentialsManagement') || !chance(rng, 0.5)) return;
  const root = account.iam.root;
  root.password = false;
  root.mfa = false;
  root.passwordLastUsed = null;
  root.accessKeys = [];
  root.signingCertificates = [];
  account.iam.virtualMfaDevices = account.iam.virtualMfaDevices.filter(
    (d) => d.userName !== '<root_account>',
  );
}
