/**
 * The explicit, sorted list of every check. `registry.test.ts` asserts it matches the files in
 * checks/ and stays sorted; nothing is registered by import side effects.
 */
import type { Check } from '../src/engine/check.js';
import accountInOrganization from './account/in-organization.js';
import accountSecurityContact from './account/security-contact.js';
import guarddutyDelegatedAdministrator from './guardduty/delegated-administrator.js';
import guarddutyEnabled from './guardduty/enabled.js';
import guarddutyFindingsExported from './guardduty/findings-exported.js';
import guarddutyHighSeverityFindings from './guardduty/high-severity-findings.js';
import guarddutyLambdaProtection from './guardduty/lambda-protection.js';
import guarddutyRuntimeMonitoring from './guardduty/runtime-monitoring.js';
import iamAccessAnalyzerEnabled from './iam/access-analyzer-enabled.js';
import iamAccessKeyCreatedWithUser from './iam/access-key-created-with-user.js';
import iamAccessKeyRotation from './iam/access-key-rotation.js';
import iamAccessKeyUnused from './iam/access-key-unused.js';
import iamAdministratorAccessAttached from './iam/administrator-access-attached.js';
import iamCloudshellFullAccess from './iam/cloudshell-full-access.js';
import iamPasswordPolicy from './iam/password-policy.js';
import iamPasswordPolicyComplexity from './iam/password-policy-complexity.js';
import iamPasswordUnused from './iam/password-unused.js';
import iamPolicyAllowNotAction from './iam/policy-allow-not-action.js';
import iamPolicyAssumeAnyRole from './iam/policy-assume-any-role.js';
import iamPolicyFullAdmin from './iam/policy-full-admin.js';
import iamPolicyPassAnyRole from './iam/policy-pass-any-role.js';
import iamPolicyServiceWildcard from './iam/policy-service-wildcard.js';
import iamPrivilegeEscalation from './iam/privilege-escalation.js';
import iamPrivilegeEscalationLatent from './iam/privilege-escalation-latent.js';
import iamRoleAdminEquivalent from './iam/role-admin-equivalent.js';
import iamRoleTrustAnyPrincipal from './iam/role-trust-any-principal.js';
import iamRoleTrustConfusedDeputy from './iam/role-trust-confused-deputy.js';
import iamRoleTrustCrossAccount from './iam/role-trust-cross-account.js';
import iamRoleTrustOwnAccount from './iam/role-trust-own-account.js';
import iamRoleUnused from './iam/role-unused.js';
import iamRootAccessKey from './iam/root-access-key.js';
import iamRootHardwareMfa from './iam/root-hardware-mfa.js';
import iamRootMfa from './iam/root-mfa.js';
import iamRootSigningCertificate from './iam/root-signing-certificate.js';
import iamRootUsedRecently from './iam/root-used-recently.js';
import iamServerCertificateExpired from './iam/server-certificate-expired.js';
import iamSupportRole from './iam/support-role.js';
import iamUnusedCustomerPolicy from './iam/unused-customer-policy.js';
import iamUserConsoleAndKeys from './iam/user-console-and-keys.js';
import iamUserConsoleNoMfa from './iam/user-console-no-mfa.js';
import iamUserDirectPolicies from './iam/user-direct-policies.js';
import iamUserMultipleActiveKeys from './iam/user-multiple-active-keys.js';
import iamUserNoGroup from './iam/user-no-group.js';
import lambdaAdminExecutionRole from './lambda/admin-execution-role.js';
import lambdaAsyncNoFailureDestination from './lambda/async-no-failure-destination.js';
import lambdaCapacityProviderMixedExposure from './lambda/capacity-provider-mixed-exposure.js';
import lambdaChangedByNonDeployer from './lambda/changed-by-non-deployer.js';
import lambdaChangedByRoot from './lambda/changed-by-root.js';
import lambdaChangedFromUntrustedIp from './lambda/changed-from-untrusted-ip.js';
import lambdaChangedWithoutMfa from './lambda/changed-without-mfa.js';
import lambdaCodeChangedOutsidePipeline from './lambda/code-changed-outside-pipeline.js';
import lambdaCodeSecrets from './lambda/code-secrets.js';
import lambdaCodeSigningDisabled from './lambda/code-signing-disabled.js';
import lambdaCrossAccountGrant from './lambda/cross-account-grant.js';
import lambdaDenialOfWallet from './lambda/denial-of-wallet.js';
import lambdaEnvDefaultCredential from './lambda/env-default-credential.js';
import lambdaEnvSecrets from './lambda/env-secrets.js';
import lambdaEnvSecretsDefaultKey from './lambda/env-secrets-default-key.js';
import lambdaEventSourceCrossAccount from './lambda/event-source-cross-account.js';
import lambdaExecutionRoleMissing from './lambda/execution-role-missing.js';
import lambdaExecutionRoleTrust from './lambda/execution-role-trust.js';
import lambdaForeignLayer from './lambda/foreign-layer.js';
import lambdaFunctionUrlAuthNone from './lambda/function-url-auth-none.js';
import lambdaLayerCodeSecrets from './lambda/layer-code-secrets.js';
import lambdaLayerVersionOutdated from './lambda/layer-version-outdated.js';
import lambdaLayerVersionPublic from './lambda/layer-version-public.js';
import lambdaModifiableByStaleKey from './lambda/modifiable-by-stale-key.js';
import lambdaModifiableWithoutMfa from './lambda/modifiable-without-mfa.js';
import lambdaModifyAnyFunction from './lambda/modify-any-function.js';
import lambdaNoTags from './lambda/no-tags.js';
import lambdaNotInVpc from './lambda/not-in-vpc.js';
import lambdaPassCapacityProviderAny from './lambda/pass-capacity-provider-any.js';
import lambdaPublicPermissionAdded from './lambda/public-permission-added.js';
import lambdaPublicResourcePolicy from './lambda/public-resource-policy.js';
import lambdaQualifierCrossAccountGrant from './lambda/qualifier-cross-account-grant.js';
import lambdaQualifierPublicPolicy from './lambda/qualifier-public-policy.js';
import lambdaRecursionAllowed from './lambda/recursion-allowed.js';
import lambdaReservedConcurrencyUnset from './lambda/reserved-concurrency-unset.js';
import lambdaRuntimeAl2EndOfLife from './lambda/runtime-al2-end-of-life.js';
import lambdaRuntimeDeprecated from './lambda/runtime-deprecated.js';
import lambdaRuntimeDeprecatingSoon from './lambda/runtime-deprecating-soon.js';
import lambdaRuntimeUpdateBlocked from './lambda/runtime-update-blocked.js';
import lambdaSharedExecutionRole from './lambda/shared-execution-role.js';
import lambdaSharedRoleMixedExposure from './lambda/shared-role-mixed-exposure.js';
import lambdaTracingNotActive from './lambda/tracing-not-active.js';
import lambdaUnversionedFunction from './lambda/unversioned-function.js';
import lambdaUrlCorsAnyOrigin from './lambda/url-cors-any-origin.js';
import lambdaVpcSingleAz from './lambda/vpc-single-az.js';

export const CHECKS: readonly Check[] = [
  accountInOrganization,
  accountSecurityContact,
  guarddutyDelegatedAdministrator,
  guarddutyEnabled,
  guarddutyFindingsExported,
  guarddutyHighSeverityFindings,
  guarddutyLambdaProtection,
  guarddutyRuntimeMonitoring,
  iamAccessAnalyzerEnabled,
  iamAccessKeyCreatedWithUser,
  iamAccessKeyRotation,
  iamAccessKeyUnused,
  iamAdministratorAccessAttached,
  iamCloudshellFullAccess,
  iamPasswordPolicy,
  iamPasswordPolicyComplexity,
  iamPasswordUnused,
  iamPolicyAllowNotAction,
  iamPolicyAssumeAnyRole,
  iamPolicyFullAdmin,
  iamPolicyPassAnyRole,
  iamPolicyServiceWildcard,
  iamPrivilegeEscalation,
  iamPrivilegeEscalationLatent,
  iamRoleAdminEquivalent,
  iamRoleTrustAnyPrincipal,
  iamRoleTrustConfusedDeputy,
  iamRoleTrustCrossAccount,
  iamRoleTrustOwnAccount,
  iamRoleUnused,
  iamRootAccessKey,
  iamRootHardwareMfa,
  iamRootMfa,
  iamRootSigningCertificate,
  iamRootUsedRecently,
  iamServerCertificateExpired,
  iamSupportRole,
  iamUnusedCustomerPolicy,
  iamUserConsoleAndKeys,
  iamUserConsoleNoMfa,
  iamUserDirectPolicies,
  iamUserMultipleActiveKeys,
  iamUserNoGroup,
  lambdaAdminExecutionRole,
  lambdaAsyncNoFailureDestination,
  lambdaCapacityProviderMixedExposure,
  lambdaChangedByNonDeployer,
  lambdaChangedByRoot,
  lambdaChangedFromUntrustedIp,
  lambdaChangedWithoutMfa,
  lambdaCodeChangedOutsidePipeline,
  lambdaCodeSecrets,
  lambdaCodeSigningDisabled,
  lambdaCrossAccountGrant,
  lambdaDenialOfWallet,
  lambdaEnvDefaultCredential,
  lambdaEnvSecrets,
  lambdaEnvSecretsDefaultKey,
  lambdaEventSourceCrossAccount,
  lambdaExecutionRoleMissing,
  lambdaExecutionRoleTrust,
  lambdaForeignLayer,
  lambdaFunctionUrlAuthNone,
  lambdaLayerCodeSecrets,
  lambdaLayerVersionOutdated,
  lambdaLayerVersionPublic,
  lambdaModifiableByStaleKey,
  lambdaModifiableWithoutMfa,
  lambdaModifyAnyFunction,
  lambdaNoTags,
  lambdaNotInVpc,
  lambdaPassCapacityProviderAny,
  lambdaPublicPermissionAdded,
  lambdaPublicResourcePolicy,
  lambdaQualifierCrossAccountGrant,
  lambdaQualifierPublicPolicy,
  lambdaRecursionAllowed,
  lambdaReservedConcurrencyUnset,
  lambdaRuntimeAl2EndOfLife,
  lambdaRuntimeDeprecated,
  lambdaRuntimeDeprecatingSoon,
  lambdaRuntimeUpdateBlocked,
  lambdaSharedExecutionRole,
  lambdaSharedRoleMixedExposure,
  lambdaTracingNotActive,
  lambdaUnversionedFunction,
  lambdaUrlCorsAnyOrigin,
  lambdaVpcSingleAz,
];
