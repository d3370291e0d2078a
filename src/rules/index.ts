/** The sorted registry of built-in rules: key === file name === meta.id. */
import type { AnyRule } from '../engine/rule.js';
import boundaryMissingGrant from './boundary-missing-grant.js';
import duplicateKey from './duplicate-key.js';
import ecrPushIncomplete from './ecr-push-incomplete.js';
import jsonSyntax from './json-syntax.js';
import kmsCreateGrantUnconstrained from './kms-create-grant-unconstrained.js';
import missingEcrAuthToken from './missing-ecr-auth-token.js';
import passroleConditionIfexists from './passrole-condition-ifexists.js';
import passroleResourceStar from './passrole-resource-star.js';
import passroleWithoutPassedToService from './passrole-without-passed-to-service.js';
import policyStructure from './policy-structure.js';
import serviceWildcardAction from './service-wildcard-action.js';
import trustServiceMismatch from './trust-service-mismatch.js';
import unresolvedPlaceholder from './unresolved-placeholder.js';
import unscopedWrite from './unscoped-write.js';

export const builtinRules: readonly AnyRule[] = [
  boundaryMissingGrant,
  duplicateKey,
  ecrPushIncomplete,
  jsonSyntax,
  kmsCreateGrantUnconstrained,
  missingEcrAuthToken,
  passroleConditionIfexists,
  passroleResourceStar,
  passroleWithoutPassedToService,
  policyStructure,
  serviceWildcardAction,
  trustServiceMismatch,
  unresolvedPlaceholder,
  unscopedWrite,
];
