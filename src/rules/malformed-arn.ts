import { defineRule } from '../engine/rule.js';
import { ARN_PARTITIONS } from '../iam/arn.js';
import { checkResourceArn, type ArnFormat, type ArnProblem } from '../iam/arn-format.js';
import { statementLabel } from '../iam/statement.js';

type MessageIds =
  | 'notArn'
  | 'missingFields'
  | 'unknownPartition'
  | 'serviceWildcard'
  | 'unknownService'
  | 'resourceMismatch'
  | 'unexpectedRegion'
  | 'missingRegion'
  | 'invalidRegion'
  | 'unexpectedAccount'
  | 'missingAccount'
  | 'invalidAccount';

const MAX_NAMESPACES_LISTED = 10;

/** `ecr repository`, `s3 object`: the resource type a format belongs to. */
const typeLabel = (f: ArnFormat): string => `${f.resourceType.service} ${f.resourceType.name}`;

const didYouMean = (suggestion: string | undefined): string => (suggestion ? `; did you mean "${suggestion}"?` : '.');

/** The message id and the problem-specific placeholders. */
function describeProblem(problem: ArnProblem): { messageId: MessageIds; data: Record<string, string> } {
  switch (problem.kind) {
    case 'notArn':
      return { messageId: 'notArn', data: { hint: didYouMean(problem.suggestion) } };
    case 'missingFields':
      return {
        messageId: 'missingFields',
        data: {
          count: String(problem.fieldCount),
          hint:
            (problem.example ? `; ${problem.service} ARNs look like ${problem.example.format}` : '') +
            didYouMean(problem.suggestion),
        },
      };
    case 'unknownPartition':
      return {
        messageId: 'unknownPartition',
        data: {
          partition: problem.partition,
          partitions: ARN_PARTITIONS.join(', '),
          example: problem.example?.format ?? 'arn:aws:s3:::amzn-s3-demo-bucket',
        },
      };
    case 'serviceWildcard': {
      // Listing the namespaces helps for `s3*`; for `*` (hundreds) it does not.
      const list = problem.namespaces.length > MAX_NAMESPACES_LISTED ? [] : problem.namespaces;
      return { messageId: 'serviceWildcard', data: { service: problem.service, namespaces: list.length > 0 ? ` (${list.join(', ')})` : '' } };
    }
    case 'unknownService':
      return {
        messageId: 'unknownService',
        data: {
          service: problem.service,
          hint: problem.suggestion
            ? didYouMean(problem.suggestion)
            : problem.isActionPrefix
              ? `; "${problem.service}" is an action prefix, but its resource types have no ARNs in that namespace (its actions take "*").`
              : '.',
        },
      };
    case 'resourceMismatch':
      return {
        messageId: 'resourceMismatch',
        data: {
          service: problem.service,
          resource: problem.resource,
          examples: problem.examples.map((f) => f.format).join(', '),
          hint: didYouMean(problem.suggestion),
        },
      };
    case 'unexpectedRegion':
    case 'missingRegion':
    case 'invalidRegion':
      return { messageId: problem.kind, data: { region: problem.region, type: typeLabel(problem.example), format: problem.example.format } };
    case 'unexpectedAccount':
    case 'missingAccount':
    case 'invalidAccount':
      return { messageId: problem.kind, data: { account: problem.account, type: typeLabel(problem.example), format: problem.example.format } };
  }
}

export default defineRule<Record<string, never>, MessageIds>({
  meta: {
    id: 'malformed-arn',
    docs: {
      description: 'Report Resource/NotResource entries that are not well-formed ARNs for their service and resource type',
      why:
        'IAM matches a Resource entry against the ARN of each request, character by character. An entry that is not an ARN (`my-bucket`, `s3:::my-bucket`), has fewer than the six fields ' +
        '(`arn:aws:sagemaker:us-east-1:111122223333/*` lacks the resource type), names an unknown partition or service namespace, or puts a region or account where its resource type has none ' +
        '(S3 buckets and objects, IAM) or leaves them out where it needs them (`arn:aws:ecr:::repository/app`) matches no resource: the statement silently grants (or denies) nothing. ' +
        'IAM rejects some of these outright (a value with no colon, an unknown partition, a wildcard in the service field); others it stores and never matches. ' +
        'Each entry is checked against the ARN formats of the AWS service authorization data: the resource part must fit a resource type of the namespace (the namespace can differ from the action prefix: ' +
        'Service Catalog products are `arn:aws:catalog:…`), and the region and account fields must fit that resource type, with region names such as `us-east-1` and 12-digit account IDs ' +
        '(`aws` for AWS managed policies, an empty account for AWS-owned Systems Manager documents and parameters). ' +
        'IAM matches the whole ARN as one string, so a `*` ending the region or account field also matches colons: `arn:aws:logs:*:*:/aws-glue/*` reaches `log-group:/aws-glue/…` (AWS managed policies such as AWSGlueConsoleFullAccess rely on it). ' +
        'The resource part is therefore judged as resource-mismatch judges it, and reported only when no resource type of the namespace can be reached (`arn:aws:ecr:us-east-1:111122223333:repo/x`, or `arn:aws:logs:us-east-1:111122223333:/aws-glue/*` where the account is written out); the region and account fields are still checked one by one. ' +
        'An entry with fewer than six fields is reported even when a trailing `*` would span the missing ones (`arn:aws:s3:*`): write every field. ' +
        'Wildcards and IAM policy variables are accepted in every field but the service; a field holding a documentation placeholder (`{AWS_REGION}`, `<ACCOUNT-ID>`, `${AWS::Region}`) is left to unresolved-placeholder. ' +
        'Identity, resource, boundary, SCP and RCP policies are checked; trust policies have no Resource element.',
      fix:
        'Write the full ARN in the format the Service Authorization Reference gives for the resource type, for example `arn:aws:s3:::amzn-s3-demo-bucket/*` or ' +
        '`arn:aws:ecr:us-east-1:111122223333:repository/app`; use `*` in a field (or for the whole resource) to match any value.',
      recommended: true,
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      ],
    },
    defaultSeverity: 'error',
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    messages: {
      notArn: '{{element}} "{{arn}}" in {{statement}} is not an ARN: a resource must be "*" or arn:partition:service:region:account:resource{{hint}}',
      missingFields: '{{element}} "{{arn}}" in {{statement}} has {{count}} of the 6 colon-separated ARN fields (arn:partition:service:region:account:resource){{hint}}',
      unknownPartition:
        '{{element}} "{{arn}}" in {{statement}} has the partition "{{partition}}", which is not an AWS partition: expected one of {{partitions}} (or *), as in {{example}}.',
      serviceWildcard:
        '{{element}} "{{arn}}" in {{statement}} has a wildcard in the service field "{{service}}": IAM refuses the policy ("Resource vendor must be fully qualified"). Write one ARN per service{{namespaces}}, or "*".',
      unknownService: '{{element}} "{{arn}}" in {{statement}} names the service "{{service}}", which is not the namespace of any AWS resource ARN{{hint}}',
      resourceMismatch:
        '{{element}} "{{arn}}" in {{statement}}: the resource part "{{resource}}" fits no {{service}} resource type; {{service}} ARNs look like {{examples}}{{hint}}',
      unexpectedRegion: '{{element}} "{{arn}}" in {{statement}} has the region "{{region}}", but {{type}} ARNs have an empty region field: {{format}}.',
      missingRegion: '{{element}} "{{arn}}" in {{statement}} has an empty region field, but {{type}} ARNs need a region (such as us-east-1, or * for any): {{format}}.',
      invalidRegion: '{{element}} "{{arn}}" in {{statement}} has the region "{{region}}", which is not a region name (such as us-east-1 or eu-central-2) as {{type}} ARNs need: {{format}}.',
      unexpectedAccount: '{{element}} "{{arn}}" in {{statement}} has the account "{{account}}", but {{type}} ARNs have an empty account field: {{format}}.',
      missingAccount: '{{element}} "{{arn}}" in {{statement}} has an empty account field, but {{type}} ARNs need an account ID (12 digits, or * for any): {{format}}.',
      invalidAccount: '{{element}} "{{arn}}" in {{statement}} has the account "{{account}}", which is not a 12-digit account ID as {{type}} ARNs need: {{format}}.',
    },
  },
  create(context) {
    return {
      statement(stmt, doc) {
        if (doc.kind === 'trust' || !stmt.resource) return;
        const element = stmt.resource.name;
        for (const entry of stmt.resource.values) {
          const problem = checkResourceArn(entry.value);
          if (!problem) continue;
          const { messageId, data } = describeProblem(problem);
          context.report({ node: entry, messageId, data: { element, arn: entry.value, statement: statementLabel(stmt), ...data } });
        }
      },
    };
  },
});
