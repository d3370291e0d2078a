/** The sorted registry of built-in rules: key === file name === meta.id. */
import type { AnyRule } from '../engine/rule.js';
import accessNotGranted from './access-not-granted.js';
import actionRequiresStar from './action-requires-star.js';
import allowNotAction from './allow-not-action.js';
import allowNotPrincipal from './allow-not-principal.js';
import allowNotResource from './allow-not-resource.js';
import boundaryMissingGrant from './boundary-missing-grant.js';
import conditionKeyNotApplicable from './condition-key-not-applicable.js';
import conditionSetOperatorMisuse from './condition-set-operator-misuse.js';
import conditionTypeMismatch from './condition-type-mismatch.js';
import credentialsExposure from './credentials-exposure.js';
import dataExfiltration from './data-exfiltration.js';
import duplicateAction from './duplicate-action.js';
import duplicateKey from './duplicate-key.js';
import duplicatePrincipal from './duplicate-principal.js';
import duplicateResource from './duplicate-resource.js';
import duplicateSid from './duplicate-sid.js';
import duplicateStatement from './duplicate-statement.js';
import ecrPushIncomplete from './ecr-push-incomplete.js';
import fullAdmin from './full-admin.js';
import invalidPrincipal from './invalid-principal.js';
import jsonSyntax from './json-syntax.js';
import kmsCreateGrantUnconstrained from './kms-create-grant-unconstrained.js';
import malformedArn from './malformed-arn.js';
import mfaConditionAntipattern from './mfa-condition-antipattern.js';
import missingEcrAuthToken from './missing-ecr-auth-token.js';
import noNewAccess from './no-new-access.js';
import passroleConditionIfexists from './passrole-condition-ifexists.js';
import passroleResourceStar from './passrole-resource-star.js';
import passroleWithoutPassedToService from './passrole-without-passed-to-service.js';
import policySize from './policy-size.js';
import policyStructure from './policy-structure.js';
import policyVersion from './policy-version.js';
import privilegeEscalation from './privilege-escalation.js';
import publicAccess from './public-access.js';
import redundantCondition from './redundant-condition.js';
import resourceExposure from './resource-exposure.js';
import resourceMismatch from './resource-mismatch.js';
import serviceWildcardAction from './service-wildcard-action.js';
import staleSuppression from './stale-suppression.js';
import trustConfusedDeputy from './trust-confused-deputy.js';
import trustCrossAccountNoCondition from './trust-cross-account-no-condition.js';
import trustOidcMissingSub from './trust-oidc-missing-sub.js';
import trustServiceMismatch from './trust-service-mismatch.js';
import trustWildcardPrincipal from './trust-wildcard-principal.js';
import unknownAction from './unknown-action.js';
import unknownConditionKey from './unknown-condition-key.js';
import unknownConditionOperator from './unknown-condition-operator.js';
import unknownService from './unknown-service.js';
import unresolvedPlaceholder from './unresolved-placeholder.js';
import unscopedWrite from './unscoped-write.js';

export const builtinRules: readonly AnyRule[] = [
  accessNotGranted,
  actionRequiresStar,
  allowNotAction,
  allowNotPrincipal,
  allowNotResource,
  boundaryMissingGrant,
  conditionKeyNotApplicable,
  conditionSetOperatorMisuse,
  conditionTypeMismatch,
  credentialsExposure,
  dataExfiltration,
  duplicateAction,
  duplicateKey,
  duplicatePrincipal,
  duplicateResource,
  duplicateSid,
  duplicateStatement,
  ecrPushIncomplete,
  fullAdmin,
  invalidPrincipal,
  jsonSyntax,
  kmsCreateGrantUnconstrained,
  malformedArn,
  mfaConditionAntipattern,
  missingEcrAuthToken,
  noNewAccess,
  passroleConditionIfexists,
  passroleResourceStar,
  passroleWithoutPassedToService,
  policySize,
  policyStructure,
  policyVersion,
  privilegeEscalation,
  publicAccess,
  redundantCondition,
  resourceExposure,
  resourceMismatch,
  serviceWildcardAction,
  staleSuppression,
  trustConfusedDeputy,
  trustCrossAccountNoCondition,
  trustOidcMissingSub,
  trustServiceMismatch,
  trustWildcardPrincipal,
  unknownAction,
  unknownConditionKey,
  unknownConditionOperator,
  unknownService,
  unresolvedPlaceholder,
  unscopedWrite,
];
