import type { ConditionEntry, Located, PolicyKind, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import { arnCanMatchResourceType, getResourceType } from '../iam/service-data.js';
import { actionEntryFor, conditionsOn, entryMatchesAction, isAllow, statementLabel } from '../iam/statement.js';

type MessageIds = 'missingCondition' | 'grantNotForAwsResource' | 'viaServiceIfExists';

const CREATE_GRANT = 'kms:CreateGrant';
const CREATE_GRANT_LOWERCASE = CREATE_GRANT.toLowerCase();
/** Boundaries, SCPs and RCPs only cap permissions. */
const GRANTING_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'resource']);
/** `*` (or `*:*`) grants everything: full-admin's finding, not this rule's. */
const ALL_ACTIONS = /^\*+(?::\*+)?$/;
const POSITIVE_STRING_OPERATOR = /^String(Equals|EqualsIgnoreCase|Like)$/;
const POSITIVE_PRINCIPAL_OPERATOR = /^(String(Equals|EqualsIgnoreCase|Like)|Arn(Equals|Like))$/;
/** An account as principal: `arn:aws:iam::111122223333:root` or `111122223333`. */
const ACCOUNT_ROOT = /^(arn:aws[a-z-]*:iam::\d{12}:root|\d{12})$/;

/**
 * The Action entry (or the NotAction key) through which the statement allows kms:CreateGrant;
 * undefined when it does not, or only through the bare `*`.
 */
function createGrantEntry(stmt: Statement): Located<string> | undefined {
  const el = stmt.action;
  if (!el) return undefined;
  if (el.negated) return actionEntryFor(stmt, CREATE_GRANT);
  return el.values.find((v) => entryMatchesAction(v.value, CREATE_GRANT_LOWERCASE) && !ALL_ACTIONS.test(v.value));
}

/** Can the statement's Resource match a KMS key at all? NotResource and a missing Resource: assume yes. */
function mayMatchKey(stmt: Statement): boolean {
  const el = stmt.resource;
  const keyType = getResourceType('kms', 'key');
  if (!el || el.negated || !keyType) return true;
  return el.values.some((r) => arnCanMatchResourceType(r.value, keyType));
}

/**
 * The default key policy's first statement gives the account (its root) `kms:*`: that only
 * lets IAM policies in the account grant access, which this rule checks where they are written.
 * A key policy does not name the account that owns the key, so a statement whose only
 * principal is one account root is taken to be that delegation; two accounts are reported.
 */
function onlyAccountRoot(stmt: Statement): boolean {
  const p = stmt.principal;
  if (!p || p.negated || p.wildcard) return false;
  const values = p.entries.flatMap((e) => e.values.map((v) => ({ type: e.type.value, value: v.value })));
  return values.length === 1 && values[0].type === 'AWS' && ACCOUNT_ROOT.test(values[0].value);
}

const isTrue = (v: Located<string>) => v.value.toLowerCase() === 'true';

/** Bool (or BoolIfExists: the key is always present on CreateGrant) kms:GrantIsForAWSResource = true. */
function forAwsResource(c: ConditionEntry): boolean {
  return c.parsedOperator.base === 'Bool' && !c.parsedOperator.setOperator && c.values.length > 0 && c.values.every(isTrue);
}

/** A positive string test on kms:ViaService; IfExists lets direct calls (no kms:ViaService) through. */
function viaService(c: ConditionEntry): boolean {
  return POSITIVE_STRING_OPERATOR.test(c.parsedOperator.base) && !c.parsedOperator.ifExists && !c.parsedOperator.setOperator;
}

/**
 * kms:GranteePrincipal and kms:GrantOperations together pin who gets the grant and what it
 * allows. GrantOperations is multivalued, so only ForAllValues limits the operations.
 */
function granteeAndOperations(stmt: Statement): boolean {
  const grantee = conditionsOn(stmt, 'kms:GranteePrincipal').some(
    (c) => POSITIVE_PRINCIPAL_OPERATOR.test(c.parsedOperator.base) && !c.parsedOperator.setOperator,
  );
  const operations = conditionsOn(stmt, 'kms:GrantOperations').some(
    (c) => POSITIVE_STRING_OPERATOR.test(c.parsedOperator.base) && c.parsedOperator.setOperator === 'ForAllValues',
  );
  return grantee && operations;
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'kms-create-grant-unconstrained',
    docs: {
      description: 'Require a kms:GrantIsForAWSResource or kms:ViaService condition where kms:CreateGrant is allowed',
      why:
        'A grant lets its grantee use the KMS key (Decrypt, Encrypt, GenerateDataKey, even CreateGrant again) without any change to the key policy or IAM policies, so an unconstrained kms:CreateGrant is a way to hand the key to any principal, including one outside the account. ' +
        'Services that encrypt on your behalf (EBS, RDS, SageMaker, …) need CreateGrant, and AWS documents two conditions to keep it for them: `Bool kms:GrantIsForAWSResource true` (only an integrated AWS service can create the grant) and `kms:ViaService` naming the service endpoint. ' +
        'AWS also lists grant conditions that limit the grant itself; the rule accepts `kms:GranteePrincipal` together with `ForAllValues:StringEquals kms:GrantOperations`, which pin who gets the grant and what it allows. Either key alone is reported. ' +
        'kms:GrantIsForAWSResource is present in every CreateGrant request, so `BoolIfExists` on it is as good as `Bool`; `Bool kms:GrantIsForAWSResource false` allows exactly the grants that are not for an AWS resource. ' +
        'kms:ViaService is absent when the caller calls KMS directly, so `StringEqualsIfExists` on it lets direct calls through and does not constrain. ' +
        'Applies to identity policies and key policies; the bare `*` action is left to full-admin, and a key-policy statement whose only principal is one account root (`arn:aws:iam::111122223333:root`, as in the default key policy) is not reported: it only delegates to the IAM policies of that account, which are checked where they are written. A key policy does not name its own account, so such a statement for another account is not reported either.',
      fix:
        'Add `"Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}` to the statement, or `"StringEquals": {"kms:ViaService": "sagemaker.us-east-1.amazonaws.com"}` for the service that needs the grant. ' +
        'For a principal that must create grants itself, pin the grantee and operations with kms:GranteePrincipal and ForAllValues:StringEquals kms:GrantOperations.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html',
        'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource',
        'https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service',
        'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
      ],
    },
    defaultSeverity: 'warning',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      missingCondition:
        'kms:CreateGrant is allowed through "{{entry}}" in {{statement}} without a kms:GrantIsForAWSResource or kms:ViaService condition: the principal can give anyone use of the key.',
      grantNotForAwsResource:
        '{{operator}} kms:GrantIsForAWSResource "{{value}}" in {{statement}} allows only grants that are not for an AWS resource, so kms:CreateGrant through "{{entry}}" is unconstrained; use "true".',
      viaServiceIfExists:
        '{{operator}} on kms:ViaService in {{statement}} also passes when the caller calls KMS directly (the key is then absent), so kms:CreateGrant through "{{entry}}" is unconstrained; use {{strictOperator}}.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (!isAllow(stmt) || !GRANTING_KINDS.has(doc.kind)) return;
        const entry = createGrantEntry(stmt);
        if (!entry || !mayMatchKey(stmt) || onlyAccountRoot(stmt)) return;
        const resourceConditions = conditionsOn(stmt, 'kms:GrantIsForAWSResource');
        const viaConditions = conditionsOn(stmt, 'kms:ViaService');
        if (resourceConditions.some(forAwsResource) || viaConditions.some(viaService) || granteeAndOperations(stmt)) return;
        const data = { entry: entry.value, statement: statementLabel(stmt) };
        const notForResource = resourceConditions.find((c) => c.parsedOperator.base === 'Bool' && c.values.some((v) => !isTrue(v)));
        const falseValue = notForResource?.values.find((v) => !isTrue(v));
        const ifExists = viaConditions.find((c) => c.parsedOperator.ifExists && POSITIVE_STRING_OPERATOR.test(c.parsedOperator.base));
        const related = [{ node: entry, document: doc, message: `kms:CreateGrant allowed here through "${entry.value}"` }];
        if (notForResource && falseValue) {
          context.report({ node: falseValue, messageId: 'grantNotForAwsResource', data: { ...data, operator: notForResource.operator.value, value: falseValue.value }, related });
        } else if (ifExists) {
          const strictOperator = ifExists.operator.value.replace(/IfExists$/, '');
          context.report({ node: ifExists.operator, messageId: 'viaServiceIfExists', data: { ...data, operator: ifExists.operator.value, strictOperator }, related });
        } else {
          context.report({ node: entry, messageId: 'missingCondition', data });
        }
      },
    };
  },
});
