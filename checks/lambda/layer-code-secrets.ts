import { defineCheck } from '../../src/engine/check.js';
import { parseLayerArn } from '../../src/policy/arn.js';
import { LAYER_VERSION_TYPE } from '../../src/view/account-view.js';
import { Verdict } from '../../src/view/verdict.js';
import { judgeScan } from './_code-secrets.js';

export default defineCheck({
  id: 'lambda.layer-code-secrets',
  title: 'Layer version used by a function holds secret-shaped strings',
  service: 'lambda',
  resourceType: LAYER_VERSION_TYPE,
  severity: 'high',
  practice: 'BP4',
  threats: ['T1', 'T2', 'T4'],
  rationale:
    'A layer version is unpacked into /opt of every function that uses it, and anyone the layer is shared ' +
    'with (an account, an organization, or everyone) can download it with GetLayerVersion. A credential ' +
    'bundled into a shared layer is handed to all of them, and a version cannot be edited, only replaced. ' +
    'Each layer version the functions use (own or another account’s) is downloaded once and scanned with ' +
    'the environment-variable classifier. Runs only with --scan-code.',
  remediation: {
    text: 'Publish a new layer version without the secret, move the functions to it, delete the old version, and rotate the exposed credential.',
    cli: 'aws lambda delete-layer-version --layer-name <name> --version-number <n>',
  },
  references: [
    'https://docs.aws.amazon.com/lambda/latest/api/API_GetLayerVersion.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
  ],
  frameworks: { 'aws-fsbp': [], 'cis-aws-3.0': [], 'cis-aws-7.0': [] },
  reads: ['lambda.layer-code'],
  *evaluate(view) {
    for (const region of view.lambdaRegions) {
      if (!region.data.ok) {
        yield region.layersVerdict.missing(region.data);
        continue;
      }
      if (!region.layerCode.ok) {
        yield region.layersVerdict.missing(region.layerCode);
        continue;
      }
      if (region.layerCode.value.length === 0) {
        yield region.layersVerdict.notApplicable(`no function in ${region.region} uses a layer`);
        continue;
      }
      for (const { arn, scan } of region.layerCode.value) {
        const layer = parseLayerArn(arn);
        const v = new Verdict({
          arn,
          name: layer ? `${layer.name}:${layer.version}` : arn,
          region: region.region,
          type: LAYER_VERSION_TYPE,
        });
        if (!scan.ok) {
          yield v.missing({
            ok: false,
            reason: `the layer version's package could not be scanned: ${scan.error.message} (${scan.error.code})`,
            error: scan.error,
          });
          continue;
        }
        yield judgeScan(scan.value, v, 'layer version');
      }
    }
  },
});
