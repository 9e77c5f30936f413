/**
 * Runs the simulator by hand: `node dist/test/sim/cli.js --seed 1 --functions 20 --regions us-east-1,eu-west-1`
 * prints the endpoint and the environment a scanner needs, then serves until Ctrl-C, when it
 * prints the call summary. `--manifest FILE` writes the ground truth for comparing a scan.
 * `--accounts N` (N > 1) serves a generated organization of N accounts instead (organization.ts):
 * the caller is its management account, `--manifest` then holds every account's, by id.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateAccount } from './account.js';
import { generateOrganization } from './organization.js';
import { startSimulator } from './server.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    functions: { type: 'string', default: '20' },
    regions: { type: 'string', default: 'us-east-1,eu-west-1' },
    users: { type: 'string', default: '10' },
    misconfig: { type: 'string', default: '0.2' },
    accounts: { type: 'string', default: '1' },
    'external-id': { type: 'string' },
    'time-scale': { type: 'string', default: '1' },
    'no-quotas': { type: 'boolean', default: false },
    manifest: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'usage: cli [--seed N] [--functions N] [--regions a,b] [--users N] [--misconfig 0..1]\n' +
      '           [--time-scale K] [--no-quotas] [--manifest FILE] [--accounts N [--external-id X]]\n',
  );
  process.exit(0);
}

const num = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
};

const regions = (values.regions ?? '')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean);
const common = {
  seed: num('seed', values.seed),
  regions,
  functionsPerRegion: num('functions', values.functions),
  users: num('users', values.users),
  misconfigRate: num('misconfig', values.misconfig),
};
const accounts = num('accounts', values.accounts);
const org =
  accounts > 1
    ? generateOrganization({
        ...common,
        accounts,
        ...(values['external-id'] ? { externalId: values['external-id'] } : {}),
      })
    : null;
const single = org ? null : generateAccount(common);
const account = org?.account ?? single?.account;
if (!account) throw new Error('no account generated');
const manifest = org ? org.manifests[account.accountId] : single?.manifest;
if (!manifest) throw new Error('no manifest generated');
if (values.manifest) {
  writeFileSync(values.manifest, `${JSON.stringify(org ? org.manifests : manifest, null, 2)}\n`);
}

const sim = await startSimulator({
  account,
  ...(org ? { organization: org.organization } : {}),
  timeScale: num('time-scale', values['time-scale']),
  quotas: values['no-quotas'] ? false : {},
  faultSeed: num('seed', values.seed),
});

process.stdout.write(
  `simulated AWS listening on ${sim.url}\n` +
    `  account ${account.accountId}, regions ${regions.join(', ')}, ${manifest.findings.length} planted findings\n` +
    (org
      ? `  organization ${org.organization.id}: ${accounts} accounts, audit role ${org.organization.auditRoleName}\n`
      : '') +
    `  export AWS_ENDPOINT_URL=${sim.url} AWS_ACCESS_KEY_ID=AKIDSIMULATOR AWS_SECRET_ACCESS_KEY=sim AWS_REGION=${regions[0] ?? 'us-east-1'}\n` +
    (values.manifest ? `  manifest written to ${values.manifest}\n` : '') +
    'Ctrl-C to stop.\n',
);

process.once('SIGINT', () => {
  const s = sim.summary();
  process.stdout.write(
    `\n${s.total} calls, ${s.throttled} throttled\n${JSON.stringify(s.byAction, null, 2)}\n`,
  );
  void sim.stop().then(() => process.exit(0));
});
