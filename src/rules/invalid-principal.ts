import type { Located, PrincipalEntry, Statement } from '../engine/model.js';
import { defineRule } from '../engine/rule.js';
import {
  classifyPrincipal,
  describePrincipalKind,
  isPrincipalType,
  principalTypeAccepts,
  principalTypeFor,
  principalTypeIgnoringCase,
  suggestServicePrincipal,
  WEB_IDENTITY_PROVIDERS,
  type PrincipalType,
} from '../iam/principal.js';
import { statementLabel } from '../iam/statement.js';
import { hasWildcard } from '../iam/wildcard.js';

type MessageIds =
  | 'emptyPrincipal'
  | 'unknownType'
  | 'typeCase'
  | 'invalidAws'
  | 'invalidArn'
  | 'groupPrincipal'
  | 'uniqueId'
  | 'wrongType'
  | 'wildcardInArn'
  | 'wildcardType'
  | 'invalidService'
  | 'serviceTypo'
  | 'unknownFederation'
  | 'invalidCanonicalUser';

/** Template placeholders (`<ACCOUNT-ID>`, `{AWS_ACCOUNT}`, `${AccountId}`) are unresolved-placeholder's to report. */
const TEMPLATE_TEXT = /[{}<>]/;

export default defineRule<{ allowUniqueIds: boolean }, MessageIds>({
  meta: {
    id: 'invalid-principal',
    docs: {
      description: 'Report Principal and NotPrincipal values that are not valid principals of their principal type',
      why:
        'A principal is written as a type key and values: `AWS` (`"*"`, a 12-digit account ID, or an account `root`, IAM user, IAM role, assumed-role session or federated-user ARN), ' +
        '`Service` (a service principal such as `sagemaker.amazonaws.com`), `Federated` (a SAML or OIDC provider ARN, or one of the web identity providers cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com) ' +
        'and `CanonicalUser` (a 64-character S3 canonical user ID). The keys are case-sensitive. ' +
        'AWS rejects a policy with an unknown key or a malformed value ("Invalid principal in policy"), and some mistakes are accepted but never match: ' +
        'an IAM group cannot be a principal; a wildcard cannot match part of a principal name or ARN (`arn:aws:iam::111122223333:role/*` is rejected: only `"*"` alone means everyone); ' +
        'a service principal under `AWS` or an OIDC provider ARN under `AWS` names the wrong kind of principal; a misspelled service principal (`sagemker.amazonaws.com`) trusts no service; ' +
        'an IAM unique ID such as `AROA…` is what AWS shows after the named user or role was deleted, and it matches nobody. ' +
        'The rule judges Principal and NotPrincipal in every kind of policy; whether the kind may have a principal at all is policy-structure\'s to report. ' +
        'Service principals are checked for syntax (`<service>.amazonaws.com`, regional and China forms) and for close misspellings of service names the service data and a short list of known principals name.',
      fix:
        'Use one of the documented forms under the right key: `{"AWS": "arn:aws:iam::111122223333:role/name"}`, `{"Service": "codebuild.amazonaws.com"}`, ' +
        '`{"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}`. To match many principals, name the account (or `"*"`) and restrict with a condition such as ' +
        '`ArnLike` on `aws:PrincipalArn`; name the members of a group rather than the group; replace unique IDs with the current ARN or remove them.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html',
      ],
    },
    defaultSeverity: 'error',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowUniqueIds: {
          type: 'boolean',
          description: 'Accept IAM unique IDs (AIDA…, AROA…) under AWS, as found in policies read back from AWS after a user or role was deleted.',
        },
      },
    },
    defaultOptions: { allowUniqueIds: false },
    messages: {
      emptyPrincipal: '{{element}} in {{statement}} names no principal: give at least one type key such as "AWS" or "Service", or "*".',
      unknownType: 'Unknown principal type "{{type}}" in {{statement}}: expected AWS, Service, Federated or CanonicalUser.',
      typeCase: 'Principal type "{{type}}" in {{statement}} must be written "{{expected}}" (principal types are case-sensitive).',
      invalidAws:
        'AWS principal "{{value}}" in {{statement}} is not valid: expected "*", a 12-digit account ID, or an account (arn:aws:iam::<account>:root), IAM user, IAM role, assumed-role session or federated-user ARN.',
      invalidArn: '{{type}} principal "{{value}}" in {{statement}} is not a valid principal ARN: {{problem}}.',
      groupPrincipal: 'AWS principal "{{value}}" in {{statement}} is an IAM group: groups cannot be principals; name the users or roles (or the account) instead.',
      uniqueId: 'AWS principal "{{value}}" in {{statement}} is an IAM unique ID, which a policy shows after the user or role was deleted: it matches nobody; use the current ARN or remove it.',
      wrongType: '{{type}} principal "{{value}}" in {{statement}} is {{what}}, which belongs under "{{expected}}".',
      wildcardInArn:
        '{{type}} principal "{{value}}" in {{statement}} has a wildcard: a principal ARN cannot be matched in part; use "*" alone or name the account, and match the ARN with an aws:PrincipalArn condition.',
      wildcardType: '{{type}} principal "{{value}}" in {{statement}} has a wildcard, which {{type}} principals do not support (only "AWS": "*" means everyone).',
      invalidService: 'Service principal "{{value}}" in {{statement}} is not a service principal name: expected "<service>.amazonaws.com", such as "sagemaker.amazonaws.com".',
      serviceTypo: 'Service principal "{{value}}" in {{statement}} is not a known service principal; did you mean "{{suggestion}}"?',
      unknownFederation:
        'Federated principal "{{value}}" in {{statement}} is neither a SAML or OIDC provider ARN (arn:aws:iam::<account>:saml-provider/<name>, …:oidc-provider/<host>) nor a web identity provider ({{known}}).',
      invalidCanonicalUser: 'CanonicalUser principal "{{value}}" in {{statement}} is not a canonical user ID (64 hexadecimal characters).',
    },
  },
  create(context) {
    const checkValue = (stmt: Statement, type: PrincipalType, value: Located<string>) => {
      const v = value.value;
      if (TEMPLATE_TEXT.test(v)) return;
      const statement = statementLabel(stmt);
      const report = (messageId: MessageIds, data: Record<string, string> = {}) => context.report({ node: value, messageId, data: { type, value: v, statement, ...data } });
      const info = classifyPrincipal(v);
      if (hasWildcard(v) && !(type === 'AWS' && v === '*')) {
        if (info.problem === 'wildcard') report('wildcardInArn');
        else report('wildcardType');
        return;
      }
      if (principalTypeAccepts(type, info.kind) || (type === 'Service' && info.kind === 'web-identity-provider' && v.endsWith('.amazonaws.com'))) {
        if (info.problem) {
          report('invalidArn', { problem: info.problem });
        } else if (type === 'Service') {
          const suggestion = suggestServicePrincipal(v);
          if (suggestion) report('serviceTypo', { suggestion });
        }
        return;
      }
      if (type === 'AWS' && info.kind === 'group') return report('groupPrincipal');
      if (type === 'AWS' && info.kind === 'unique-id') {
        if (!context.options.allowUniqueIds) report('uniqueId');
        return;
      }
      const expected = principalTypeFor(info.kind);
      if (expected && expected !== type && info.kind !== 'everyone') return report('wrongType', { what: describePrincipalKind(info.kind), expected });
      switch (type) {
        case 'AWS':
          return report('invalidAws');
        case 'Service':
          return report('invalidService');
        case 'Federated':
          return report('unknownFederation', { known: WEB_IDENTITY_PROVIDERS.join(', ') });
        case 'CanonicalUser':
          return report('invalidCanonicalUser');
      }
    };

    const checkEntry = (stmt: Statement, entry: PrincipalEntry) => {
      const key = entry.type.value;
      if (!isPrincipalType(key)) {
        const expected = principalTypeIgnoringCase(key);
        const statement = statementLabel(stmt);
        if (expected) context.report({ node: entry.type, messageId: 'typeCase', data: { type: key, expected, statement } });
        else context.report({ node: entry.type, messageId: 'unknownType', data: { type: key, statement } });
        return;
      }
      for (const value of entry.values) checkValue(stmt, key, value);
    };

    return {
      statement(stmt, doc) {
        const el = stmt.principal;
        if (!el || el.wildcard) return;
        if (el.entries.length === 0) {
          // A string other than "*", an array or a number is policy-structure's wrongType; what is left is `{}`.
          const reported = doc.structureIssues.some((i) => samePath(i.at.path, el.node.path));
          if (!reported && el.node.value === undefined) {
            context.report({ node: el.node, messageId: 'emptyPrincipal', data: { element: el.name, statement: statementLabel(stmt) } });
          }
          return;
        }
        for (const entry of el.entries) checkEntry(stmt, entry);
      },
    };
  },
});

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
