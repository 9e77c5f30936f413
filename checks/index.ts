/**
 * The explicit, sorted list of every check. `registry.test.ts` asserts it matches the files in
 * checks/ and stays sorted; nothing is registered by import side effects.
 */
import type { Check } from '../src/engine/check.js';
import accountInOrganization from './account/in-organization.js';
import accountSecurityContact from './account/security-contact.js';
import guarddutyEnabled from './guardduty/enabled.js';
import guarddutyFindingsExported from './guardduty/findings-exported.js';
import guarddutyHighSeverityFindings from './guardduty/high-severity-findings.js';
import guarddutyLambdaProtection from './guardduty/lambda-protection.js';
import guarddutyRuntimeMonitoring from './guardduty/runtime-monitoring.js';
import iamAccessKeyRotation from './iam/access-key-rotation.js';
import iamAccessKeyUnused from './iam/access-key-unused.js';
import iamPasswordPolicy from './iam/password-policy.js';
import iamPrivilegeEscalation from './iam/privilege-escalation.js';
import iamPrivilegeEscalationLatent from './iam/privilege-escalation-latent.js';
import iamRoleAdminEquivalent from './iam/role-admin-equivalent.js';
import iamRoleTrustAnyPrincipal from './iam/role-trust-any-principal.js';
import iamRoleTrustConfusedDeputy from './iam/role-trust-confused-deputy.js';
import iamRoleTrustCrossAccount from './iam/role-trust-cross-account.js';
import iamRoleTrustOwnAccount from './iam/role-trust-own-account.js';
import iamRootAccessKey from './iam/root-access-key.js';
import iamRootMfa from './iam/root-mfa.js';
import iamServerCertificateExpired from './iam/server-certificate-expired.js';
import iamUserConsoleNoMfa from './iam/user-console-no-mfa.js';
import lambdaAdminExecutionRole from './lambda/admin-execution-role.js';
import lambdaCodeSigningDisabled from './lambda/code-signing-disabled.js';
import lambdaCrossAccountGrant from './lambda/cross-account-grant.js';
import lambdaEnvDefaultCredential from './lambda/env-default-credential.js';
import lambdaEnvSecrets from './lambda/env-secrets.js';
import lambdaForeignLayer from './lambda/foreign-layer.js';
import lambdaFunctionUrlAuthNone from './lambda/function-url-auth-none.js';
import lambdaModifiableByStaleKey from './lambda/modifiable-by-stale-key.js';
import lambdaModifiableWithoutMfa from './lambda/modifiable-without-mfa.js';
import lambdaModifyAnyFunction from './lambda/modify-any-function.js';
import lambdaPublicResourcePolicy from './lambda/public-resource-policy.js';
import lambdaReservedConcurrencyUnset from './lambda/reserved-concurrency-unset.js';
import lambdaRuntimeDeprecated from './lambda/runtime-deprecated.js';
import lambdaSharedExecutionRole from './lambda/shared-execution-role.js';

export const CHECKS: readonly Check[] = [
  accountInOrganization,
  accountSecurityContact,
  guarddutyEnabled,
  guarddutyFindingsExported,
  guarddutyHighSeverityFindings,
  guarddutyLambdaProtection,
  guarddutyRuntimeMonitoring,
  iamAccessKeyRotation,
  iamAccessKeyUnused,
  iamPasswordPolicy,
  iamPrivilegeEscalation,
  iamPrivilegeEscalationLatent,
  iamRoleAdminEquivalent,
  iamRoleTrustAnyPrincipal,
  iamRoleTrustConfusedDeputy,
  iamRoleTrustCrossAccount,
  iamRoleTrustOwnAccount,
  iamRootAccessKey,
  iamRootMfa,
  iamServerCertificateExpired,
  iamUserConsoleNoMfa,
  lambdaAdminExecutionRole,
  lambdaCodeSigningDisabled,
  lambdaCrossAccountGrant,
  lambdaEnvDefaultCredential,
  lambdaEnvSecrets,
  lambdaForeignLayer,
  lambdaFunctionUrlAuthNone,
  lambdaModifiableByStaleKey,
  lambdaModifiableWithoutMfa,
  lambdaModifyAnyFunction,
  lambdaPublicResourcePolicy,
  lambdaReservedConcurrencyUnset,
  lambdaRuntimeDeprecated,
  lambdaSharedExecutionRole,
];
