/**
 * Ground truth for the --scan-code checks (see group.ts): what the deployment packages of .zip
 * functions and of the layer versions they use hold. The simulator serves each as a zip built
 * from this model (services/s3.ts), at the presigned-looking URL GetFunction and GetLayerVersion
 * answer.
 *
 * `plant` draws, per .zip function and per layer version used, from its own stream:
 * - a secret in a nested file (the finding): a Stripe live key in a config module, or an AWS
 *   access key id in a Python settings file;
 * - a clean look-alike: a `.env.example` of AWS's documented example keys (AKIAIOSFODNN7EXAMPLE)
 *   and masked placeholders beside a test fixture that uses them; or an entry named
 *   `../../etc/passwd` (path traversal: never extracted, scanned under its sanitised name).
 * A misconfigured account holds at least one finding of each check. Compression bombs are not
 * planted here (they are unknown by design, and a fault-free scan has no unknown): the e2e
 * code-scan test plants one itself. `facts` reads only the final model.
 */
import type { SimAccount, SimFunction, SimPackage } from '../account.js';
import { ALNUM, chance, chars, fork, pick, type Rng, UPPER_ALNUM } from '../prng.js';
import type { FactGroup, FactSink } from './group.js';

const IDS = ['lambda.code-secrets', 'lambda.layer-code-secrets'] as const;
type Id = (typeof IDS)[number];

type Planted = 'secret' | 'placeholders' | 'traversal' | 'plain';

const STRIPE = (rng: Rng) => `sk_live_${chars(rng, ALNUM, 24)}`;
const AWS_KEY_ID = (rng: Rng) => `AKIA${chars(rng, UPPER_ALNUM, 16)}`;

const HANDLER = {
  name: 'index.mjs',
  content:
    'export const handler = async (event) => {\n  return { statusCode: 200, body: JSON.stringify({ ok: true }) };\n};\n',
};

/** The package a function without a planted one is served with. */
export function packageOf(fn: SimFunction): SimPackage {
  return (
    fn.codePackage ?? {
      kind: 'files',
      files: [HANDLER, { name: 'package.json', content: `{ "name": "${fn.name}", "type": "module" }\n` }],
    }
  );
}

const layerName = (arn: string) => arn.split(':')[6] ?? 'layer';

export function layerPackageOf(account: SimAccount, arn: string): SimPackage {
  return (
    account.layerPackages?.[arn] ?? {
      kind: 'files',
      files: [{ name: `nodejs/node_modules/${layerName(arn)}/index.js`, content: 'module.exports = {};\n' }],
    }
  );
}

function secretFiles(rng: Rng, prefix: string): { name: string; content: string }[] {
  return chance(rng, 0.5)
    ? [
        {
          name: `${prefix}lib/config/payments.js`,
          content: `module.exports = {\n  currency: "eur",\n  stripeSecretKey: "${STRIPE(rng)}",\n};\n`,
        },
      ]
    : [
        {
          name: `${prefix}app/settings/aws.py`,
          content: `REGION = "eu-west-1"\nAWS_ACCESS_KEY_ID = "${AWS_KEY_ID(rng)}"\n`,
        },
      ];
}

const PLACEHOLDER_FILES = (prefix: string) => [
  {
    name: `${prefix}.env.example`,
    content:
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nSTRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nAPI_TOKEN=your_api_token_here\n',
  },
  {
    name: `${prefix}test/fixtures/aws.js`,
    content: 'module.exports = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", region: "us-east-1" };\n',
  },
];

const TRAVERSAL = { name: '../../etc/passwd', content: 'root:x:0:0:root:/root:/bin/bash\n' };

function build(kind: Planted, base: SimPackage & { kind: 'files' }, rng: Rng, prefix: string): SimPackage {
  if (kind === 'secret') return { kind: 'files', files: [...base.files, ...secretFiles(rng, prefix)] };
  if (kind === 'placeholders') return { kind: 'files', files: [...base.files, ...PLACEHOLDER_FILES(prefix)] };
  if (kind === 'traversal') return { kind: 'files', files: [...base.files, TRAVERSAL] };
  return base;
}

function draw(rng: Rng, m: number): Planted {
  if (chance(rng, m * 0.3)) return 'secret';
  return pick(rng, ['placeholders', 'traversal', 'plain', 'plain'] as const);
}

const zipFunctions = (account: SimAccount) =>
  account.regions.flatMap((r) => (account.lambda[r]?.functions ?? []).filter((f) => f.packageType === 'Zip'));

const usedLayers = (account: SimAccount, region: string) =>
  [...new Set((account.lambda[region]?.functions ?? []).flatMap((f) => f.layers.map((l) => l.arn)))].sort();

/** What a package holds, as the scanner must judge it. */
function judge(pkg: SimPackage): Planted | 'bomb' {
  if (pkg.kind === 'bomb') return 'bomb';
  const names = pkg.files.map((f) => f.name);
  if (names.some((n) => /payments\.js$|settings\/aws\.py$/.test(n))) return 'secret';
  if (names.some((n) => n.endsWith('.env.example'))) return 'placeholders';
  if (names.includes(TRAVERSAL.name)) return 'traversal';
  return 'plain';
}

const NOTES: Record<Planted, string> = {
  secret: 'a secret in a nested file',
  placeholders: 'AWS documentation example keys and masked placeholders in .env.example and a fixture',
  traversal: 'an entry named ../../etc/passwd (never extracted)',
  plain: 'a plain handler',
};

export const lambdaCodeFacts: FactGroup<Id> = {
  ids: IDS,
  functionChecks: ['lambda.code-secrets'],
  plant(account, ctx) {
    const rng = fork(ctx.seed, 'lambda-code');
    const fns = zipFunctions(account);
    for (const fn of fns) {
      const kind = draw(rng, ctx.m);
      if (kind !== 'plain')
        fn.codePackage = build(kind, packageOf(fn) as SimPackage & { kind: 'files' }, rng, 'src/');
    }
    const layers: Record<string, SimPackage> = {};
    const arns = [...new Set(account.regions.flatMap((r) => usedLayers(account, r)))];
    for (const arn of arns) {
      const kind = draw(rng, ctx.m);
      if (kind !== 'plain')
        layers[arn] = build(
          kind,
          layerPackageOf(account, arn) as SimPackage & { kind: 'files' },
          rng,
          'nodejs/',
        );
    }
    account.layerPackages = layers;
    if (ctx.m === 0) return;
    const ensure = fork(ctx.seed, 'lambda-code:ensure');
    const first = fns[0];
    if (first && !fns.some((f) => judge(packageOf(f)) === 'secret'))
      first.codePackage = build('secret', packageOf(first) as SimPackage & { kind: 'files' }, ensure, 'src/');
    const firstLayer = arns[0];
    if (firstLayer && !arns.some((a) => judge(layerPackageOf(account, a)) === 'secret'))
      layers[firstLayer] = build(
        'secret',
        layerPackageOf(account, firstLayer) as SimPackage & { kind: 'files' },
        ensure,
        'nodejs/',
      );
  },
  facts(account, sink) {
    for (const region of account.regions) {
      for (const fn of account.lambda[region]?.functions ?? []) {
        if (fn.packageType === 'Image') {
          sink.notApplicable('lambda.code-secrets', fn.arn, 'container image: no deployment package');
          continue;
        }
        record(sink, 'lambda.code-secrets', fn.arn, region, judge(packageOf(fn)));
      }
      const arns = usedLayers(account, region);
      if (arns.length === 0) {
        sink.notApplicable(
          'lambda.layer-code-secrets',
          `arn:aws:lambda:${region}:${account.accountId}:layer:*`,
          `no function in ${region} uses a layer`,
        );
      }
      for (const arn of arns) {
        record(sink, 'lambda.layer-code-secrets', arn, region, judge(layerPackageOf(account, arn)));
      }
    }
  },
};

function record(sink: FactSink<Id>, id: Id, arn: string, region: string, kind: Planted | 'bomb'): void {
  if (kind === 'bomb') return; // unknown by design: asserted by the e2e code-scan test
  if (kind === 'secret') sink.finding(id, arn, region, NOTES.secret);
  else if (kind !== 'plain') sink.lookAlike(id, arn, NOTES[kind]);
}
