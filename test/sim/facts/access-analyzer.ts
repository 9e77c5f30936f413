/**
 * Ground truth for iam.access-analyzer-enabled (see group.ts), from the final model.
 *
 * Per scanned region, the check fails unless an ACTIVE analyzer of type ACCOUNT or ORGANIZATION
 * is listed there. plant() draws each region misconfigured at 1.5 × the account's rate (so none
 * at rate 0), cycling through the three ways of having no external-access analyzer: only an
 * ACTIVE unused-access analyzer (the look-alike a status-only check passes), no analyzer at all,
 * and an external-access analyzer that FAILED. A clean region holds an ACTIVE ACCOUNT analyzer,
 * sometimes beside an unused-access one, or — in a member account of an all-features
 * organization — only the delegated administrator's ORGANIZATION analyzer; those two are the
 * look-alikes a correct scan passes.
 */
import type { GenContext, SimAccount, SimAnalyzer } from '../account.js';
import { daysAgo } from '../account.js';
import { chance, chars, fork, int, LOWER_ALNUM, pick } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['iam.access-analyzer-enabled'] as const;
type Id = (typeof IDS)[number];

const EXTERNAL = new Set<SimAnalyzer['type']>(['ACCOUNT', 'ORGANIZATION']);
/** The delegated administrator of the organization's analyzers (another account). */
export const DELEGATED_ADMIN = '210987654321';

/** The view's scope of a region's result, so the facts name the resource the report does. */
export const regionScope = (accountId: string, region: string) =>
  `arn:aws:access-analyzer:${region}:${accountId}:analyzer/*`;

export const accessAnalyzerFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: [],
  plant(account: SimAccount, ctx: GenContext) {
    const rng = fork(ctx.seed, 'access-analyzer');
    const p = Math.min(1, 1.5 * ctx.m);
    const org = account.organization;
    const member = org?.featureSet === 'ALL' && org.managementAccountId !== account.accountId;
    const misconfigs = ['unused-only', 'none', 'failed'] as const;
    let next = int(rng, 0, misconfigs.length - 1);
    const out: Record<string, SimAnalyzer[]> = {};
    for (const region of account.regions) {
      const analyzer = (
        type: SimAnalyzer['type'],
        name: string,
        status: SimAnalyzer['status'] = 'ACTIVE',
        owner = account.accountId,
      ): SimAnalyzer => ({
        arn: `arn:aws:access-analyzer:${region}:${owner}:analyzer/${name}`,
        name,
        type,
        status,
        createdAt: daysAgo(ctx, int(rng, 30, 900)),
      });
      const consoleName = (prefix: string) =>
        `${prefix}ConsoleAnalyzer-${chars(rng, LOWER_ALNUM, 8)}-${chars(rng, LOWER_ALNUM, 4)}`;
      if (chance(rng, p)) {
        const kind = misconfigs[next % misconfigs.length];
        next += 1;
        if (kind === 'unused-only')
          out[region] = [analyzer('ACCOUNT_UNUSED_ACCESS', consoleName('UnusedAccess-'))];
        else if (kind === 'failed') {
          out[region] = [
            {
              ...analyzer('ACCOUNT', 'external-access', 'FAILED'),
              statusReason: 'SERVICE_LINKED_ROLE_CREATION_FAILED',
            },
          ];
        } else out[region] = [];
        continue;
      }
      // A member account of an all-features organization is often covered by its administrator.
      const clean =
        member && chance(rng, 0.5) ? 'organization' : pick(rng, ['account', 'account+unused'] as const);
      if (clean === 'organization') {
        out[region] = [analyzer('ORGANIZATION', 'org-external-access', 'ACTIVE', DELEGATED_ADMIN)];
      } else {
        out[region] = [analyzer('ACCOUNT', consoleName(''))];
        if (clean === 'account+unused')
          out[region].push(analyzer('ACCOUNT_UNUSED_ACCESS', 'unused-access-90d'));
      }
    }
    account.accessAnalyzers = out;
  },
  facts(account: SimAccount, sink: FactSink<Id>) {
    for (const region of account.regions) {
      const analyzers = account.accessAnalyzers?.[region] ?? [];
      const scope = regionScope(account.accountId, region);
      const active = analyzers.filter((a) => EXTERNAL.has(a.type) && a.status === 'ACTIVE');
      if (active.length === 0) {
        const what =
          analyzers.length === 0 ? 'no analyzer' : analyzers.map((a) => `${a.type} ${a.status}`).join(', ');
        sink.finding(
          'iam.access-analyzer-enabled',
          scope,
          region,
          `no active external access analyzer: ${what}`,
        );
      } else if (active.every((a) => a.type === 'ORGANIZATION')) {
        sink.lookAlike(
          'iam.access-analyzer-enabled',
          scope,
          "only the delegated administrator's organization analyzer",
        );
      } else if (analyzers.some((a) => !EXTERNAL.has(a.type))) {
        sink.lookAlike(
          'iam.access-analyzer-enabled',
          scope,
          'an account analyzer beside an unused-access one',
        );
      }
    }
  },
};
