/** The sorted registry of built-in rules: key === file name === meta.id. */
import type { AnyRule } from '../engine/rule.js';
import actionRequiresStar from './action-requires-star.js';
import boundaryMissingGrant from './boundary-missing-grant.js';
import conditionKeyNotApplicable from './condition-key-not-applicable.js';
import conditionSetOperatorMisuse from './condition-set-operator-misuse.js';
import conditionTypeMismatch from './condition-type-mismatch.js';
import duplicateAction from './duplicate-action.js';
import duplicateKey from './duplicate-key.js';
import duplicateResource from './duplicate-resource.js';
import duplicateSid from './duplicate-sid.js';
import ecrPushIncomplete from './ecr-push-incomplete.js';
import invalidPrincipal from './invalid-principal.js';
import jsonSyntax from './json-syntax.js';
import kmsCreateGrantUnconstrained from './kms-create-grant-unconstrained.js';
import malformedArn from './malformed-arn.js';
import mfaConditionAntipattern from './mfa-condition-antipattern.js';
import missingEcrAuthToken from './missing-ecr-auth-token.js';
import passroleConditionIfexists from './passrole-condition-ifexists.js';
import passroleResourceStar from './passrole-resource-star.js';
import passroleWithoutPassedToService from './passrole-without-passed-to-service.js';
import policySize from './policy-size.js';
import policyStructure from './policy-structure.js';
import policyVersion from './policy-version.js';
import resourceMismatch from './resource-mismatch.js';
import serviceWildcardAction from './service-wildcard-action.js';
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
  actionRequiresStar,
  boundaryMissingGrant,
  conditionKeyNotApplicable,
  conditionSetOperatorMisuse,
  conditionTypeMismatch,
  duplicateAction,
  duplicateKey,
  duplicateResource,
  duplicateSid,
  ecrPushIncomplete,
  invalidPrincipal,
  jsonSyntax,
  kmsCreateGrantUnconstrained,
  malformedArn,
  mfaConditionAntipattern,
  missingEcrAuthToken,
  passroleConditionIfexists,
  passroleResourceStar,
  passroleWithoutPassedToService,
  policySize,
  policyStructure,
  policyVersion,
  resourceMismatch,
  serviceWildcardAction,
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
