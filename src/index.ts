/**
 * iamlint's public API (`import { defineRule, lint } from 'iamlint'`), documented in
 * docs/plugins.md. Everything exported here is a stable contract; anything reached through a
 * deeper path is internal.
 *
 * - Writing rules (plugins): `defineRule`, `stringListOption`, the rule and model types.
 * - The IAM knowledge the built-in rules use: statements (`isAllow`, `actionEntryFor`,
 *   `coversAction`, `statementLabel`…), IAM wildcards, the AWS service data (`lookupAction`,
 *   `expandActionPattern`, `getConditionKey`…), ARNs.
 * - Running iamlint from code: `lint`, `loadConfigAsync` / `configFromObject`, `builtinRules`.
 */
export { defineRule, formatMessage, stringListOption } from './engine/rule.js';
export type {
  AnyRule,
  JsonSchema,
  RelatedInfo,
  ReferenceVersion,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleDocs,
  RuleListener,
  RuleMeta,
  RuleSettings,
  Severity,
  SeverityOrOff,
  UnparsedInput,
} from './engine/rule.js';
export type {
  ConditionEntry,
  ElementList,
  JsonPath,
  Located,
  ParsedOperator,
  PolicyDocument,
  PolicyKind,
  PolicySet,
  Position,
  PrincipalElement,
  PrincipalEntry,
  SourceRange,
  Statement,
} from './engine/model.js';
export { POLICY_KINDS } from './engine/model.js';

export { lint } from './engine/linter.js';
export type { FileResult, Finding, LintRequest, LintResult, SourceFile } from './engine/linter.js';
export { ConfigError, configFromObject, loadConfig, loadConfigAsync, ResolvedConfig } from './engine/config.js';
export type { CustomRuleConfig } from './engine/custom-rules.js';
export { builtinRules } from './rules/index.js';

export { isAllow, isDeny, actionEntryFor, coversAction, coversAllResources, coversResource, conditionsOn, hasConditionOn, statementLabel } from './iam/statement.js';
export { hasWildcard, wildcardCovers, wildcardIntersects, wildcardMatch } from './iam/wildcard.js';
export {
  allServicePrefixes,
  expandActionPattern,
  getAction,
  getConditionKey,
  globalConditionKeys,
  iamDataVersion,
  lookupAction,
  serviceActions,
  serviceExists,
  supportsResourceArns,
} from './iam/service-data.js';
export type { ActionInfo, ConditionKeyInfo, ResourceTypeInfo } from './iam/service-data.js';
export { parseArn } from './iam/arn.js';
export type { ParsedArn } from './iam/arn.js';
