/**
 * Lambda layers of generated .zip functions: the account's own layers, layers of the AWS-owned
 * publisher accounts listed in data/trusted-layer-publishers.json for the function's region, and
 * (scaled by the misconfiguration rate) third-party layers. The manifest classifies the finished
 * layers itself (see manifest.ts); nothing here records intent.
 *
 * Code signing is honoured as Lambda applies it: a function whose code signing config enforces
 * rejects layers not signed by an allowed publisher, so such a function gets only its own layers
 * (signed by the release profile) and the signed vendor layer whose profile the enforcing config
 * also allows. Under Warn, or with no config, any layer deploys.
 */
import publisherData from '../../data/trusted-layer-publishers.json' with { type: 'json' };
import type { GenContext, SimCodeSigningConfig, SimFunction, SimLayer } from './account.js';
import { chance, int, pick, type Rng, uuid } from './prng.js';

export interface LayerPublisher {
  accountId: string;
  partition: string;
  regions: string[] | null;
  publisher: string;
}

/** The AWS-owned layer publishers, as the data file lists them. */
export const LAYER_PUBLISHERS: readonly LayerPublisher[] = publisherData.publishers;

/** A third party publishing layers: never this account, never an AWS-owned publisher. */
interface Vendor {
  accountId: string;
  what: string;
  /** The signing profile version the vendor signs its layers with; null: it does not sign. */
  signingProfileVersionArn: string | null;
  name: (fn: SimFunction) => string;
  versions: [number, number];
}

/** The vendor whose signed layers an enforcing code signing config also allows. */
const SIGNING_VENDOR = '464622532012';
export const VENDOR_SIGNING_PROFILE = `arn:aws:signer:us-east-1:${SIGNING_VENDOR}:/signing-profiles/VendorLambdaSigningProfile/Wd3kR8pLq2`;

const arm = (fn: SimFunction) => fn.architectures[0] === 'arm64';

export const VENDORS: readonly Vendor[] = [
  {
    // A monitoring vendor's public extension (Datadog publishes its layers from this account).
    accountId: SIGNING_VENDOR,
    what: 'monitoring vendor extension',
    signingProfileVersionArn: VENDOR_SIGNING_PROFILE,
    name: (fn) => (arm(fn) ? 'Datadog-Extension-ARM' : 'Datadog-Extension'),
    versions: [40, 90],
  },
  {
    // AWS's documentation example account id: a third party that does not sign its layers.
    accountId: '111122223333',
    what: 'third-party APM layer',
    signingProfileVersionArn: null,
    name: (fn) => (fn.runtime?.startsWith('python') ? 'acme-apm-python' : 'acme-apm-extension'),
    versions: [1, 25],
  },
  {
    // Another account of the same organization sharing a layer: still foreign to a single-account scan.
    accountId: '210987654321',
    what: 'layer shared from a sibling account',
    signingProfileVersionArn: null,
    name: () => 'org-common-utils',
    versions: [1, 12],
  },
];

/**
 * The name of a layer this AWS publisher offers for the function's runtime and architecture; null
 * when it offers none (Powertools for another language, an extension on go1.x, which runs none).
 */
function awsLayerName(publisher: string, fn: SimFunction): string | null {
  const runtime = fn.runtime ?? '';
  const a = arm(fn);
  const extensions = runtime !== 'go1.x';
  if (publisher === 'Powertools for AWS Lambda (Python)') {
    if (!runtime.startsWith('python')) return null;
    // v3 is built per Python version and architecture; python3.8 stayed on v2.
    if (runtime === 'python3.8')
      return a ? 'AWSLambdaPowertoolsPythonV2-Arm64' : 'AWSLambdaPowertoolsPythonV2';
    return `AWSLambdaPowertoolsPythonV3-${runtime.replace('.', '')}-${a ? 'arm64' : 'x86_64'}`;
  }
  if (publisher === 'Powertools for AWS Lambda (TypeScript)') {
    if (!runtime.startsWith('nodejs')) return null;
    return runtime === 'nodejs16.x' ? 'AWSLambdaPowertoolsTypeScript' : 'AWSLambdaPowertoolsTypeScriptV2';
  }
  if (!extensions) return null;
  if (publisher === 'AWS Parameters and Secrets Lambda Extension')
    return a
      ? 'AWS-Parameters-and-Secrets-Lambda-Extension-Arm64'
      : 'AWS-Parameters-and-Secrets-Lambda-Extension';
  if (publisher === 'Amazon CloudWatch Lambda Insights extension')
    return a ? 'LambdaInsightsExtension-Arm64' : 'LambdaInsightsExtension';
  if (publisher === 'AWS AppConfig Lambda extension')
    return a ? 'AWS-AppConfig-Extension-Arm64' : 'AWS-AppConfig-Extension';
  if (publisher.startsWith('AWS Distro for OpenTelemetry')) {
    const cpu = a ? 'arm64' : 'amd64';
    if (runtime.startsWith('python')) return `aws-otel-python-${cpu}-ver-1-32-0`;
    if (runtime.startsWith('nodejs')) return `aws-otel-nodejs-${cpu}-ver-1-30-0`;
    if (runtime.startsWith('java')) return `aws-otel-java-agent-${cpu}-ver-1-32-0`;
    return `aws-otel-collector-${cpu}-ver-0-115-0`;
  }
  return null;
}

/** The AWS-owned publishers documented for a region of the partition. */
export function publishersFor(partition: string, region: string): LayerPublisher[] {
  return LAYER_PUBLISHERS.filter(
    (p) => p.partition === partition && (p.regions === null || p.regions.includes(region)),
  );
}

const layerArn = (partition: string, region: string, account: string, name: string, version: number) =>
  `arn:${partition}:lambda:${region}:${account}:layer:${name}:${version}`;

/**
 * The layers of a .zip function, drawn after its code signing config is set (`csc`: the config it
 * uses, or null). Image functions get none: Lambda does not attach layers to container images.
 */
export function generateLayers(
  ctx: GenContext,
  rng: Rng,
  partition: string,
  region: string,
  fn: SimFunction,
  csc: SimCodeSigningConfig | null,
): SimLayer[] {
  if (fn.packageType === 'Image') return [];
  const enforced = csc?.untrustedArtifactOnDeployment === 'Enforce';
  const allowed = new Set(enforced ? csc.signingProfileVersionArns : []);
  const releaseProfile = csc?.signingProfileVersionArns[0] ?? null;
  const layers: SimLayer[] = [];
  const size = () => int(rng, 10_000, 5_000_000);

  // The account's own layers: shared code, the service's dependencies, or a vendor's extension
  // republished from this account after review (what the check's remediation advises).
  if (chance(rng, 0.2)) {
    const names = ['shared-utils', `${fn.tags.service ?? 'app'}-deps`, 'Datadog-Extension'];
    const name = pick(rng, names);
    const own: SimLayer = {
      arn: layerArn(partition, region, ctx.accountId, name, int(rng, 1, 30)),
      codeSize: size(),
    };
    // The release pipeline signs what it publishes for functions that use code signing.
    if (releaseProfile) {
      own.signing = {
        profileVersionArn: releaseProfile,
        jobArn: `arn:aws:signer:${region}:${ctx.accountId}:/signing-jobs/${uuid(rng)}`,
      };
    }
    layers.push(own);
  }

  // AWS-owned publisher layers (not signed with a profile this account allows: not under Enforce).
  if (!enforced && chance(rng, 0.2)) {
    const offers = publishersFor(partition, region).flatMap((p) => {
      const name = awsLayerName(p.publisher, fn);
      return name ? [{ p, name }] : [];
    });
    if (offers.length > 0) {
      const { p, name } = pick(rng, offers);
      layers.push({ arn: layerArn(partition, region, p.accountId, name, int(rng, 2, 60)), codeSize: size() });
    }
  }

  // The planted misconfiguration: a third party's layer.
  if (chance(rng, ctx.m * 0.3)) {
    const usable = VENDORS.filter(
      (v) => !enforced || (v.signingProfileVersionArn !== null && allowed.has(v.signingProfileVersionArn)),
    );
    if (usable.length > 0) {
      const v = pick(rng, usable);
      const layer: SimLayer = {
        arn: layerArn(partition, region, v.accountId, v.name(fn), int(rng, v.versions[0], v.versions[1])),
        codeSize: size(),
      };
      if (v.signingProfileVersionArn) {
        layer.signing = {
          profileVersionArn: v.signingProfileVersionArn,
          jobArn: `arn:aws:signer:us-east-1:${v.accountId}:/signing-jobs/${uuid(rng)}`,
        };
      }
      // Lambda applies layers in order; a vendor extension is often listed first.
      if (chance(rng, 0.5)) layers.unshift(layer);
      else layers.push(layer);
    }
  }
  return layers;
}
