/**
 * Ground truth for the iam-credentials checks (see group.ts): the credential-report rules over
 * IAM users and root, recomputed from the final model, so users other groups plant are judged too.
 * `plant` adds the users that only a deliberate setup produces (a key issued with the user) and
 * their look-alikes, from its own stream.
 */
import {
  DAY_MS,
  daysAgo,
  type GenContext,
  rootCredentialsRemoved,
  type SimAccount,
  type SimUser,
} from '../account.js';
import { chars, fork, type Rng, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = [
  'iam.user-multiple-active-keys',
  'iam.access-key-created-with-user',
  'iam.password-unused',
  'iam.root-hardware-mfa',
  'iam.root-used-recently',
  'iam.root-signing-certificate',
  'iam.user-console-and-keys',
] as const;
type Id = (typeof IDS)[number];

/** The eachUser checks answer one not_applicable for the account when it has no IAM user. */
const USER_CHECKS: readonly Id[] = [
  'iam.user-multiple-active-keys',
  'iam.access-key-created-with-user',
  'iam.password-unused',
  'iam.user-console-and-keys',
];

/** iam.access-key-created-with-user: a key created within an hour of its user counts as set up with it. */
const SETUP_WINDOW_MS = 3_600_000;
/** iam.password-unused (CIS 1.12): whole days since the later of the last sign-in and the password's last change. */
const MAX_IDLE_DAYS = 45;
/** iam.root-used-recently: a root sign-in or key use fewer than 30 whole days ago. */
const ROOT_RECENT_DAYS = 30;
const KEY_ID_PREFIX = ['AK', 'IA'].join('');

function userFacts(u: SimUser, now: number, sink: FactSink<Id>): void {
  const pw = u.password;
  if (!pw) sink.notApplicable('iam.password-unused', u.arn, 'no console password');
  else {
    const changed = Date.parse(pw.lastChanged);
    const used = pw.lastUsed === null ? null : Date.parse(pw.lastUsed);
    const since = used !== null && used >= changed ? used : changed;
    const days = Math.floor((now - since) / DAY_MS);
    if (days >= MAX_IDLE_DAYS) {
      const what =
        since === used ? `last sign-in ${pw.lastUsed}` : `password set ${pw.lastChanged}, not used since`;
      sink.finding('iam.password-unused', u.arn, null, what);
    } else if (used === null) {
      sink.lookAlike('iam.password-unused', u.arn, 'password set under 45 days ago, not used yet');
    } else if (used < changed && (now - used) / DAY_MS >= MAX_IDLE_DAYS) {
      sink.lookAlike(
        'iam.password-unused',
        u.arn,
        'no sign-in for 45+ days, but the password was reset since',
      );
    }
  }

  const active = u.accessKeys.filter((k) => k.active);
  if (active.length === 0) sink.notApplicable('iam.user-multiple-active-keys', u.arn, 'no active access key');
  else if (active.length > 1) {
    sink.finding('iam.user-multiple-active-keys', u.arn, null, `${active.length} active access keys`);
  } else if (u.accessKeys.length > 1) {
    sink.lookAlike('iam.user-multiple-active-keys', u.arn, 'two access keys, only one active');
  }

  if (!u.password) sink.notApplicable('iam.user-console-and-keys', u.arn, 'no console password');
  else if (active.length > 0) {
    sink.finding('iam.user-console-and-keys', u.arn, null, 'console password and an active access key');
  } else if (u.accessKeys.length > 0) {
    sink.lookAlike('iam.user-console-and-keys', u.arn, 'console password; its access keys are inactive');
  }

  if (!u.password) sink.notApplicable('iam.access-key-created-with-user', u.arn, 'no console password');
  else {
    const created = Date.parse(u.createdAt);
    const unused = active.filter((k) => k.lastUsed === null);
    const atSetup = unused.filter((k) => Math.abs(Date.parse(k.createdAt) - created) <= SETUP_WINDOW_MS);
    if (atSetup.length > 0) {
      sink.finding('iam.access-key-created-with-user', u.arn, null, 'never-used key created with the user');
    } else if (unused.length > 0) {
      sink.lookAlike('iam.access-key-created-with-user', u.arn, 'never-used key created after the user');
    }
  }
}

/** The root checks: one account-wide result each (the simulator models no GovCloud, and a root without a password only with all its credentials removed). */
function rootFacts(account: SimAccount, sink: FactSink<Id>): void {
  const { root, virtualMfaDevices } = account.iam;
  if (rootCredentialsRemoved(root)) {
    sink.lookAlike('iam.root-hardware-mfa', root.arn, 'no MFA, but every root credential was removed');
  } else if (!root.mfa) sink.finding('iam.root-hardware-mfa', root.arn, null, 'root user has no MFA');
  else if (virtualMfaDevices.some((d) => d.userName === '<root_account>')) {
    sink.finding('iam.root-hardware-mfa', root.arn, null, 'root MFA is a virtual device');
  } else {
    sink.lookAlike('iam.root-hardware-mfa', root.arn, 'hardware root MFA; IAM users hold virtual devices');
  }
  const certs = root.signingCertificates ?? [];
  if (certs.some((c) => c.active)) {
    sink.finding('iam.root-signing-certificate', root.arn, null, 'active root signing certificate');
  } else if (certs.length > 0) {
    sink.lookAlike('iam.root-signing-certificate', root.arn, 'inactive root signing certificate');
  }
  const now = Date.parse(account.now);
  const uses = [root.passwordLastUsed, ...root.accessKeys.map((k) => k.lastUsed?.at ?? null)];
  const ages = uses.flatMap((at) => (at === null ? [] : [Math.floor((now - Date.parse(at)) / DAY_MS)]));
  const recent = ages.filter((d) => d < ROOT_RECENT_DAYS);
  if (recent.length > 0) {
    sink.finding('iam.root-used-recently', root.arn, null, `root used ${Math.min(...recent)} days ago`);
  } else if (ages.length > 0) {
    sink.lookAlike('iam.root-used-recently', root.arn, `root last used ${Math.min(...ages)} days ago`);
  }
}

/** A console user with MFA (and its virtual device), created `days` ago. */
function consoleUser(account: SimAccount, ctx: GenContext, rng: Rng, name: string, days: number): SimUser {
  const user: SimUser = {
    name,
    id: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
    arn: `arn:aws:iam::${ctx.accountId}:user/${name}`,
    path: '/',
    createdAt: daysAgo(ctx, days),
    password: { lastChanged: daysAgo(ctx, days), lastUsed: null },
    mfa: true,
    accessKeys: [],
    groups: [],
    attachedPolicyArns: [],
    inlinePolicies: [],
  };
  account.iam.virtualMfaDevices.push({
    serialNumber: `arn:aws:iam::${ctx.accountId}:mfa/${name}`,
    userName: name,
    enabledAt: daysAgo(ctx, days),
  });
  account.iam.users.push(user);
  return user;
}

const newKey = (rng: Rng, createdAt: string) => ({
  id: KEY_ID_PREFIX + chars(rng, UPPER_ALNUM, 16),
  active: true,
  createdAt,
  lastUsed: null,
});

export const iamCredentialsFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account, ctx) {
    const rng = fork(ctx.seed, 'iam-credentials');
    // The generator gives root a virtual MFA device; the cleanest accounts (rate under 0.15) hold a
    // hardware one instead: MFA on, no virtual device assigned to root, while IAM users keep theirs.
    if (ctx.m < 0.15 && account.iam.root.mfa) {
      account.iam.virtualMfaDevices = account.iam.virtualMfaDevices.filter(
        (d) => d.userName !== '<root_account>',
      );
    }
    // A console user of 3 years whose key was created 2 days ago and not used yet: CIS's audit
    // and Prowler read it as a setup key; it is not one. Its password was last used yesterday.
    const veteran = consoleUser(account, ctx, rng, 'onboarding.veteran', 1100);
    if (veteran.password) veteran.password.lastUsed = daysAgo(ctx, 1.2);
    veteran.accessKeys.push(newKey(rng, daysAgo(ctx, 2.4)));
    // Root signing certificates: an inactive leftover in moderately clean accounts, an active one
    // in the dirtiest (rate 0.4 and over), none below 0.15.
    if (ctx.m >= 0.15) {
      account.iam.root.signingCertificates = [{ active: ctx.m >= 0.4, uploadedAt: daysAgo(ctx, 700.5) }];
    }
    // At misconfiguration rate 0 only the clean look-alikes are planted.
    if (ctx.m === 0) return;
    // Onboarded 3 days ago with a password and a key issued in the same minute, never used: young
    // enough to be clean for every idle and rotation check, so only the setup key is a finding.
    const hire = consoleUser(account, ctx, rng, 'onboarding.new-hire', 3.2);
    hire.accessKeys.push(newKey(rng, daysAgo(ctx, 3.2 - 25 / 86_400)));
  },
  facts(account: SimAccount, sink) {
    const { users } = account.iam;
    if (users.length === 0) {
      const scope = `arn:aws:iam::${account.accountId}:root`;
      for (const id of USER_CHECKS) sink.notApplicable(id, scope, 'the account has no IAM users');
    }
    for (const u of users) userFacts(u, Date.parse(account.now), sink);
    rootFacts(account, sink);
  },
};
