/** Every fact group beyond the core checks in manifest.ts, in the order they plant. */
import { accessAnalyzerFacts } from './access-analyzer.js';
import { accountServicesFacts } from './account-services.js';
import { cloudTrailFacts } from './cloudtrail.js';
import type { FactGroup } from './group.js';
import { guarddutyFeaturesFacts } from './guardduty-features.js';
import { guarddutyOrganizationFacts } from './guardduty-organization.js';
import { iamCredentialsFacts } from './iam-credentials.js';
import { iamHygieneFacts } from './iam-hygiene.js';
import { iamPoliciesFacts } from './iam-policies.js';
import { lambdaCapacityFacts } from './lambda-capacity.js';
import { lambdaCodeFacts } from './lambda-code.js';
import { lambdaConfigFacts } from './lambda-config.js';
import { lambdaExposureFacts } from './lambda-exposure.js';
import { lambdaFunctionExtrasFacts } from './lambda-function-extras.js';
import { lambdaQualifiersFacts } from './lambda-qualifiers.js';
import { lambdaReadsFacts } from './lambda-reads.js';

export const FACT_GROUPS = [
  lambdaExposureFacts,
  lambdaConfigFacts,
  iamCredentialsFacts,
  iamPoliciesFacts,
  iamHygieneFacts,
  guarddutyFeaturesFacts,
  accountServicesFacts,
  lambdaReadsFacts,
  lambdaFunctionExtrasFacts,
  lambdaCapacityFacts,
  cloudTrailFacts,
  lambdaCodeFacts,
  accessAnalyzerFacts,
  lambdaQualifiersFacts,
  guarddutyOrganizationFacts,
] as const;

type IdOf<G> = G extends FactGroup<infer I> ? I : never;
/** The check ids the fact groups model. */
export type GroupCheckId = IdOf<(typeof FACT_GROUPS)[number]>;
