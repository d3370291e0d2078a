/**
 * Cloudsplaining-style risk categories, as questions on the normalized model: which actions
 * return credentials, which read stored data, which change permissions, and whether an Allow
 * statement grants them on every resource (Resource `"*"`, or a pattern that reaches every
 * resource of the action's type, or NotResource) without a condition that narrows it and
 * without a Deny of the same policy taking it back. Shared by the credentials-exposure,
 * data-exfiltration and resource-exposure rules.
 *
 * Sources: Cloudsplaining's risk definitions and its list of "AWS API calls that return
 * credentials" (salesforce/cloudsplaining, `ACTIONS_THAT_RETURN_CREDENTIALS`,
 * `READ_ONLY_DATA_EXFILTRATION_ACTIONS`); access levels from the AWS Service Authorization
 * Reference; the IAM User Guide on GetSessionToken and on the AssumeRoleWith* APIs (both need no
 * IAM permission, so an identity policy that "allows" them grants nothing).
 *
 * API
 * - `CREDENTIALS_EXPOSURE_ACTIONS`, `ECR_AUTHORIZATION_TOKEN_ACTIONS`, `DATA_EXFILTRATION_ACTIONS`:
 *   the curated lists (official action names) with what each action yields, for messages.
 * - `credentialsExposureOf(action)`, `dataExfiltrationOf(action)`: the list entry for an action.
 * - `isResourceExposureAction(action)`: a Permissions-management action (from the data) that is
 *   not a credentials action.
 * - `grantsBroadly(stmt, doc, select)`: the selected actions an Allow statement grants on every
 *   resource, with the Action entry and resource through which it does. It matches each entry
 *   against the (few) actions `select` accepts in the service the entry names, instead of
 *   expanding the entry; keep one `select` function per options value (`perOptions`).
 * - `summarizeBroadGrants`, `describeResources`, `exampleList`, `matchesAny`: for messages and options.
 */
import type { ConditionEntry, Located, PolicyDocument, Statement } from '../engine/model.js';
import type { ReportDescriptor } from '../engine/rule.js';
import { restrictingConditions } from './conditions.js';
import { compilePattern, isDefinitelyDenied, PatternMemo, patternMatches, requestedResource, type ResourceSpec } from './evaluate.js';
import { remembered } from './memo.js';
import {
  allServicePrefixes,
  coversEveryResourceOf,
  ordinaryUseNeedsStar,
  serviceActions,
  supportsResourceArns,
  type ActionInfo,
} from './service-data.js';
import { grantsIdentityPermissions } from './ecr.js';
import { actionMayMatch, entryServices, isAllow, statementLabel } from './statement.js';
import { wildcardMatch } from './wildcard.js';

// ---------------------------------------------------------------------------------------------
// Action lists
// ---------------------------------------------------------------------------------------------

/** A listed action and, for messages, what it hands the caller. */
export interface RiskAction {
  readonly action: string;
  readonly yields: string;
}

/**
 * Actions that return credentials or secrets, or install a credential the caller chooses (a
 * console password, an SSH key), after Cloudsplaining's list. Left out on purpose:
 * - `sts:GetSessionToken`: needs no permission and policies cannot control it (IAM User Guide,
 *   "Permissions for GetSessionToken"); the credentials carry the caller's own permissions.
 * - `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`: called without AWS credentials,
 *   authorized by the role's trust policy alone; an identity policy allowing them grants nothing.
 * - `cognito-identity:GetCredentialsForIdentity`, `cognito-identity:GetOpenIdToken`: public APIs
 *   ("You do not need any credentials to call this API"); the identity pool decides.
 *   (`GetOpenIdTokenForDeveloperIdentity` is called with the developer's AWS credentials: listed.)
 * - `cognito-idp:GetSigningCertificate`: returns a public certificate.
 * - `sso:GetRoleCredentials`, `connect:GetFederationTokens`: not IAM actions in the AWS data
 *   (the IAM Identity Center portal API is authorized by its own bearer token).
 * - `secretsmanager:GetSecretValue`: a stored secret is data; data-exfiltration reports it.
 * - `ecr:GetAuthorizationToken`, `ecr-public:GetAuthorizationToken`: see
 *   ECR_AUTHORIZATION_TOKEN_ACTIONS.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly RiskAction[] = Object.freeze([
  { action: 'airflow:CreateCliToken', yields: 'an Apache Airflow CLI token for any MWAA environment' },
  { action: 'airflow:CreateWebLoginToken', yields: 'an Apache Airflow web login token for any MWAA environment' },
  { action: 'appsync:CreateApiKey', yields: 'a new API key for any AppSync API' },
  { action: 'chime:CreateApiKey', yields: 'a new Amazon Chime API key' },
  { action: 'cloud9:CreateEnvironmentToken', yields: 'an access token for any Cloud9 environment' },
  { action: 'codeartifact:GetAuthorizationToken', yields: 'a CodeArtifact authorization token for any domain' },
  { action: 'codepipeline:PollForJobs', yields: 'jobs with temporary credentials for their pipeline artifact stores' },
  { action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity', yields: 'an OpenID token for any developer-authenticated Cognito identity' },
  { action: 'connect:GetFederationToken', yields: 'a federation token for any Amazon Connect user' },
  { action: 'ec2:GetPasswordData', yields: 'the (key-pair encrypted) Windows administrator password of any EC2 instance' },
  { action: 'ec2-instance-connect:SendSSHPublicKey', yields: 'SSH access to any EC2 instance with a key of its choosing' },
  { action: 'ec2-instance-connect:SendSerialConsoleSSHPublicKey', yields: 'serial console access to any EC2 instance with a key of its choosing' },
  { action: 'elasticmapreduce:GetClusterSessionCredentials', yields: 'credentials of any EMR cluster\'s execution role' },
  { action: 'emr-containers:GetManagedEndpointSessionCredentials', yields: 'credentials of any EMR on EKS managed endpoint\'s execution role' },
  { action: 'finspace-api:GetProgrammaticAccessCredentials', yields: 'programmatic access credentials for any FinSpace environment' },
  { action: 'gamelift:GetComputeAccess', yields: 'credentials for any GameLift compute resource' },
  { action: 'gamelift:GetComputeAuthToken', yields: 'an authentication token for any GameLift compute resource' },
  { action: 'gamelift:GetInstanceAccess', yields: 'the login credentials of any GameLift fleet instance' },
  { action: 'gamelift:RequestUploadCredentials', yields: 'temporary credentials for any GameLift build\'s upload location' },
  { action: 'grafana:CreateWorkspaceApiKey', yields: 'a new API key for any Grafana workspace' },
  { action: 'iam:CreateAccessKey', yields: 'a new access key of any IAM user' },
  { action: 'iam:CreateLoginProfile', yields: 'a console password of its choosing for any IAM user' },
  { action: 'iam:CreateServiceSpecificCredential', yields: 'a new service-specific credential of any IAM user' },
  { action: 'iam:ResetServiceSpecificCredential', yields: 'a new password for any IAM user\'s service-specific credential' },
  { action: 'iam:UpdateAccessKey', yields: 'the use of any IAM user\'s disabled access key (by re-activating it)' },
  { action: 'iam:UpdateLoginProfile', yields: 'a new console password of its choosing for any IAM user' },
  { action: 'iam:UploadSSHPublicKey', yields: 'CodeCommit SSH access as any IAM user with a key of its choosing' },
  { action: 'license-manager:GetAccessToken', yields: 'a temporary License Manager access token' },
  { action: 'lightsail:CreateBucketAccessKey', yields: 'a new access key for any Lightsail bucket' },
  { action: 'lightsail:DownloadDefaultKeyPair', yields: 'the private key of the Lightsail default key pair' },
  { action: 'lightsail:GetInstanceAccessDetails', yields: 'SSH or RDP credentials of any Lightsail instance' },
  { action: 'lightsail:GetRelationalDatabaseMasterUserPassword', yields: 'the master user password of any Lightsail database' },
  { action: 'mediapackage:RotateChannelCredentials', yields: 'new ingest credentials of any MediaPackage channel' },
  { action: 'mediapackage:RotateIngestEndpointCredentials', yields: 'new credentials of any MediaPackage ingest endpoint' },
  { action: 'rds-db:connect', yields: 'an IAM database authentication login as any database user' },
  { action: 'redshift:GetClusterCredentials', yields: 'temporary database credentials for any Redshift cluster' },
  { action: 'redshift:GetClusterCredentialsWithIAM', yields: 'temporary database credentials for any Redshift cluster' },
  { action: 'redshift-serverless:GetCredentials', yields: 'temporary database credentials for any Redshift Serverless workgroup' },
  { action: 'sts:AssumeRole', yields: 'temporary credentials of any role that trusts it' },
  { action: 'sts:GetFederationToken', yields: 'temporary credentials for a federated user with any name' },
]);

/**
 * `ecr:GetAuthorizationToken` supports no resource ARN and every image pull or push needs it
 * on `"*"`; the token carries only the caller's own ECR permissions. Its public-registry twin
 * behaves the same. Reported only on request.
 */
export const ECR_AUTHORIZATION_TOKEN_ACTIONS: readonly RiskAction[] = Object.freeze([
  { action: 'ecr:GetAuthorizationToken', yields: 'a Docker registry password for ECR' },
  { action: 'ecr-public:GetAuthorizationToken', yields: 'a Docker registry password for ECR Public' },
]);

/**
 * Read actions that return stored data or secret values. Cloudsplaining's list (S3 objects,
 * SSM parameters, Secrets Manager secrets) plus the same data through a sibling API
 * (`s3:GetObjectVersion`, `ssm:GetParameterHistory`, which returns values too) and DynamoDB item
 * reads. `kms:Decrypt` is not listed: it needs the ciphertext from somewhere else first, and
 * key policies gate it again.
 */
export const DATA_EXFILTRATION_ACTIONS: readonly RiskAction[] = Object.freeze([
  { action: 's3:GetObject', yields: 'the content of any S3 object' },
  { action: 's3:GetObjectVersion', yields: 'the content of any S3 object version' },
  { action: 'ssm:GetParameter', yields: 'any SSM parameter value, SecureString ones included' },
  { action: 'ssm:GetParameters', yields: 'any SSM parameter value, SecureString ones included' },
  { action: 'ssm:GetParametersByPath', yields: 'any SSM parameter value, SecureString ones included' },
  { action: 'ssm:GetParameterHistory', yields: 'the current and past values of any SSM parameter' },
  { action: 'secretsmanager:GetSecretValue', yields: 'any Secrets Manager secret value' },
  { action: 'dynamodb:GetItem', yields: 'the items of any DynamoDB table' },
  { action: 'dynamodb:BatchGetItem', yields: 'the items of any DynamoDB table' },
  { action: 'dynamodb:Query', yields: 'the items of any DynamoDB table' },
  { action: 'dynamodb:Scan', yields: 'every item of any DynamoDB table' },
]);

function indexByName(list: readonly RiskAction[]): ReadonlyMap<string, RiskAction> {
  return new Map(list.map((r) => [r.action.toLowerCase(), r]));
}

const CREDENTIALS_BY_NAME = indexByName(CREDENTIALS_EXPOSURE_ACTIONS);
const ECR_TOKEN_BY_NAME = indexByName(ECR_AUTHORIZATION_TOKEN_ACTIONS);
const DATA_BY_NAME = indexByName(DATA_EXFILTRATION_ACTIONS);

/** The credentials entry for the action; the ECR token actions only with `includeEcrToken`. */
export function credentialsExposureOf(action: ActionInfo, includeEcrToken = false): RiskAction | undefined {
  const key = action.fullName.toLowerCase();
  return CREDENTIALS_BY_NAME.get(key) ?? (includeEcrToken ? ECR_TOKEN_BY_NAME.get(key) : undefined);
}

export function dataExfiltrationOf(action: ActionInfo): RiskAction | undefined {
  return DATA_BY_NAME.get(action.fullName.toLowerCase());
}

/**
 * The data labels a few reads Permissions management (`glue:GetStage`, `glue:ListEntities`,
 * `datazone:GetIamPortalLoginUrl`, `managedblockchain:GET`): an action named like a read cannot
 * change who has access.
 */
const READ_VERB = /^(Get|List|Describe|BatchGet)/i;

/**
 * Actions the data files under Permissions management that only authorize the caller's own use
 * of a feature (a console, a notebook, a connection test, an invocation): they change nobody's
 * access. Found reviewing the AWS managed-policy corpus.
 */
const ACCESS_GATES: ReadonlySet<string> = new Set(
  [
    'bedrock-agentcore:AuthorizeAction',
    'bedrock-agentcore:InvokeGateway',
    'bedrock-agentcore:InvokeWebSearch',
    'bedrock-agentcore:PartiallyAuthorizeActions',
    'bedrock-agentcore:SynchronizeGatewayTargets',
    'backup:SearchRecoveryPoint',
    'ds:AccessDSData',
    'entityresolution:UseIdNamespace',
    'entityresolution:UseWorkflow',
    'glue:DeregisterDataPreview',
    'glue:GlueNotebookAuthorize',
    'glue:GlueNotebookRefreshCredentials',
    'glue:ManagedConnector',
    'glue:RefreshOAuth2Tokens',
    'glue:RequestLogParsing',
    'glue:RunDataPreviewStatement',
    'glue:SendRecipeAction',
    'glue:StartNotebook',
    'glue:TerminateNotebook',
    'glue:TestConnection',
    'glue:UseGlueStudio',
    'iotfleetwise:GenerateCommandPayload',
    'managedblockchain:Invoke',
    'managedblockchain:POST',
    'opensearch:ApplicationAccessAll',
    'opensearch:ViewLoginPage',
  ].map((a) => a.toLowerCase()),
);

/**
 * Write-level actions that share a resource with other accounts or with everyone: AWS Resource
 * Access Manager shares (Cloudsplaining names RAM as resource exposure) and the attributes that
 * make an AMI, an FPGA image or an RDS snapshot public or shared with another account.
 */
export const SHARING_ACTIONS: readonly string[] = Object.freeze([
  'ec2:ModifyFpgaImageAttribute',
  'ec2:ModifyImageAttribute',
  'ram:AssociateResourceShare',
  'ram:CreateResourceShare',
  'ram:UpdateResourceShare',
  'rds:ModifyDBClusterSnapshotAttribute',
  'rds:ModifyDBSnapshotAttribute',
]);
const SHARING = new Set(SHARING_ACTIONS.map((a) => a.toLowerCase()));

/**
 * An action that changes who may use a resource: a Permissions-management action (access level
 * from the AWS data: a resource policy, an ACL, a grant or an identity policy), whether or not
 * it supports resource ARNs (`logs:PutResourcePolicy`, `s3:PutAccountPublicAccessBlock` take
 * only `"*"` and are the riskiest of all), or a sharing action (SHARING_ACTIONS). Not counted:
 * actions named like reads (READ_VERB), feature gates (ACCESS_GATES), and actions that return
 * credentials (`rds-db:connect` is "Permissions management, Write"), which belong to
 * credentials-exposure.
 */
export function isResourceExposureAction(action: ActionInfo): boolean {
  const key = action.fullName.toLowerCase();
  if (SHARING.has(key)) return true;
  return (
    action.accessLevel === 'Permissions management' &&
    !READ_VERB.test(action.name) &&
    !ACCESS_GATES.has(key) &&
    !CREDENTIALS_BY_NAME.has(key) &&
    !ECR_TOKEN_BY_NAME.has(key)
  );
}

// ---------------------------------------------------------------------------------------------
// Broad grants
// ---------------------------------------------------------------------------------------------

/** One action an Allow statement grants on every resource of its type. */
export interface BroadGrant {
  readonly action: ActionInfo;
  /** The Action entry that grants it, or the NotAction key. */
  readonly via: Located<string>;
  /** The Resource entry that reaches every resource, or the NotResource key. */
  readonly resource: Located<string>;
  /** True when the grant is through NotResource. */
  readonly outsideNotResource: boolean;
}

/** `*`, `*:*` and the like: full-admin's business, not a risk category's. */
const ALL_ACTIONS = /^\*+(?::\*+)?$/;

/**
 * Condition kinds that do not narrow which credentials, data or permissions a statement hands
 * out: aws:SecureTransport only says how the request travels.
 */
const NON_NARROWING_KINDS: ReadonlySet<string> = new Set(['transport']);

/** Resource tag keys: `aws:ResourceTag/…` and the service ones (`secretsmanager:ResourceTag/…`). */
const RESOURCE_TAG_KEY = '*:ResourceTag/*';
const TAG_PRESENCE_OPERATORS: ReadonlySet<string> = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike']);

/**
 * A test that the resource carries a tag key, whatever its value (`"Null": {"aws:ResourceTag/Project":
 * "false"}`, `"StringLike": {"aws:ResourceTag/Project": "*"}`): AWS policies use it to reach only
 * the resources a project tagged, so it narrows the grant although it restricts no value.
 */
function requiresResourceTag(entry: ConditionEntry): boolean {
  const { base, ifExists } = entry.parsedOperator;
  if (ifExists || !wildcardMatch(RESOURCE_TAG_KEY, entry.key.value, true) || entry.values.length === 0) return false;
  if (base === 'Null') return entry.values.every((v) => v.value.toLowerCase() === 'false');
  return TAG_PRESENCE_OPERATORS.has(base) && entry.parsedOperator.setOperator !== 'ForAllValues';
}

/**
 * Does a condition really narrow the statement? Any entry `restrictingConditions` accepts
 * (not `...IfExists`, not negated, not a wildcard value, not a bare Null check) other than a
 * transport test: a resource tag, an account, a region, a VPC endpoint, MFA, a service
 * (`kms:ViaService`), an object tag, …; or a requirement that the resource carry a tag key.
 */
export function conditionNarrowsGrant(stmt: Statement): boolean {
  let narrows = narrowsCache.get(stmt);
  if (narrows === undefined) {
    narrows = stmt.conditions.length > 0 && (restrictingConditions(stmt).some((r) => !NON_NARROWING_KINDS.has(r.kind)) || stmt.conditions.some(requiresResourceTag));
    narrowsCache.set(stmt, narrows);
  }
  return narrows;
}

// The three risk-category rules ask this of every Allow statement.
const narrowsCache = new WeakMap<Statement, boolean>();

/**
 * The selected actions an identity-policy Allow statement grants on every resource: through a
 * Resource entry of only wildcards (`"*"`, `arn:*`, `arn:aws:*:*:*:*`) or one that reaches every
 * resource of the action's type in the accounts and regions it names (every object of every
 * bucket for `s3:GetObject`, `arn:aws:iam::111122223333:user/*` for `iam:CreateAccessKey`,
 * `arn:aws:ssm:us-east-1:111122223333:parameter/*` for `ssm:GetParameter`); a type the
 * request always carries (`redshift:GetClusterCredentials` requires a database user) must be
 * reached in full. Or through NotResource, unless it excludes all of them. Actions without
 * resource-level permissions count when a Resource entry matches the literal `*`. Left out: statements that
 * are not Allow or have no Resource (trust policies), statements with a narrowing condition
 * (`conditionNarrowsGrant`), the bare `*` action entry (full-admin), and actions an
 * unconditioned Deny of the same document takes back on all those resources. In source order
 * (by name within a wildcard entry), each action once.
 */
export function grantsBroadly(stmt: Statement, doc: PolicyDocument, select: (action: ActionInfo) => boolean): BroadGrant[] {
  const el = stmt.resource;
  const actions = stmt.action;
  if (!isAllow(stmt) || !el || el.values.length === 0 || !actions) return [];
  // Which selected actions each entry stands for: cheap, and nothing for most statements.
  const table = candidateTable(select);
  let perEntry: { via: Located<string>; selected: readonly ActionInfo[] }[] | undefined;
  if (actions.negated) {
    const selected = selectedOutside(actions.values, table);
    if (selected.length > 0) perEntry = [{ via: actions.key, selected }];
  } else {
    const services = entryServices(actions);
    for (let i = 0; i < services.length; i++) {
      const service = services[i];
      if (service === null) continue; // names no known service
      const via = actions.values[i];
      // `*`, `*:*`: full-admin's (a known service part is never all stars).
      if (service === undefined && ALL_ACTIONS.test(via.value)) continue;
      const selected = service === undefined ? selectedInGeneral(via.value, table) : selectedInService(via.value, service, table);
      if (selected.length > 0) (perEntry ??= []).push({ via, selected });
    }
  }
  if (!perEntry || conditionNarrowsGrant(stmt)) return [];
  const seen = new Set<string>();
  const found: BroadGrant[] = [];
  for (const { via, selected } of perEntry) {
    const fresh = selected.filter((a) => !seen.has(a.fullName)).sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
    for (const action of fresh) {
      const broad = broadResource(stmt, action);
      if (!broad || deniedInDocument(action, broad.spec, doc)) continue;
      seen.add(action.fullName);
      found.push({ action, via, resource: broad.at, outsideNotResource: el.negated });
    }
  }
  return found;
}

/** A selected action with its lowercase names, for matching against lowercase patterns. */
interface Candidate {
  readonly action: ActionInfo;
  readonly name: string;
  readonly fullName: string;
}

/** The selected actions of one service, sorted by lowercase name. */
type ServiceCandidates = readonly Candidate[];

const NO_SERVICE_CANDIDATES: ServiceCandidates = Object.freeze([]);
const NO_ACTIONS: readonly ActionInfo[] = Object.freeze([]);

/**
 * Per select function, per service: the actions of the service it selects. A rule's selection
 * is a short list (credentials, data reads) or a few percent of all actions (Permissions
 * management), so matching an entry against it is cheaper than expanding the entry. Rules keep
 * one select function per options value (`perOptions`) so the lists are built once; a service's
 * list is built when an entry first names the service (a small policy loads only its services).
 */
class CandidateTable {
  private readonly byService = new Map<string, ServiceCandidates>();

  constructor(private readonly select: (action: ActionInfo) => boolean) {}

  /** The selected actions of a known service (lowercase prefix). */
  of(service: string): ServiceCandidates {
    let entry = this.byService.get(service);
    if (!entry) {
      const selected = serviceActions(service).filter(this.select);
      entry =
        selected.length === 0
          ? NO_SERVICE_CANDIDATES
          : selected.map((a) => ({ action: a, name: a.name.toLowerCase(), fullName: a.fullName.toLowerCase() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      this.byService.set(service, entry);
    }
    return entry;
  }
}

const candidateTables = new WeakMap<(action: ActionInfo) => boolean, CandidateTable>();

function candidateTable(select: (action: ActionInfo) => boolean): CandidateTable {
  let table = candidateTables.get(select);
  if (!table) {
    table = new CandidateTable(select);
    candidateTables.set(select, table);
  }
  return table;
}

// The selected actions an Action entry stands for, exactly as `expandActionPattern` expands it
// (the entry lowercased; `*` alone is every action; otherwise the part before the first `:`
// matches service prefixes and the rest matches action names; without `:`, nothing).

/**
 * An entry whose service part names a known service (`literalServiceOf`): read without
 * allocating. The service part is ASCII, so the lowercased entry has its `:` at the same index.
 */
function selectedInService(entry: string, service: string, table: CandidateTable): readonly ActionInfo[] {
  const candidates = table.of(service);
  if (candidates.length === 0) return NO_ACTIONS;
  const from = service.length + 1;
  // Only names starting with the literal (ASCII) text the name part starts with can match:
  // a range of the sorted candidates.
  let end = from;
  while (end < entry.length) {
    const c = entry.charCodeAt(end);
    if (c === STAR || c === QUESTION || c >= 128) break;
    end++;
  }
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comparePrefix(candidates[mid].name, entry, from, end) < 0) lo = mid + 1;
    else hi = mid;
  }
  let name: string | undefined;
  let out: ActionInfo[] | undefined;
  for (let k = lo; k < candidates.length && comparePrefix(candidates[k].name, entry, from, end) === 0; k++) {
    const c = candidates[k];
    if (!actionMayMatch(entry, from, c.name)) continue;
    name ??= entry.toLowerCase().slice(from);
    if (wildcardMatch(name, c.name)) (out ??= []).push(c.action);
  }
  return out ?? NO_ACTIONS;
}

/**
 * Compares the first `end - from` characters of `name` (lowercase) with `entry[from..end)`
 * folded to lowercase (ASCII): negative, zero (name starts with that text) or positive.
 */
function comparePrefix(name: string, entry: string, from: number, end: number): number {
  const n = end - from;
  for (let i = 0; i < n; i++) {
    if (i >= name.length) return -1;
    let c = entry.charCodeAt(from + i);
    if (c >= 65 && c <= 90) c += 32;
    const d = name.charCodeAt(i) - c;
    if (d !== 0) return d;
  }
  return 0;
}

const STAR = 42; // '*'
const QUESTION = 63; // '?'

/** Any other entry: `*`, a wildcard or a character other than ASCII in the service part, no `:`. */
function selectedInGeneral(entry: string, table: CandidateTable): readonly ActionInfo[] {
  if (entry === '*') {
    // Lowercasing never turns a longer entry into `*`.
    const out: ActionInfo[] = [];
    for (const service of allServicePrefixes()) for (const c of table.of(service)) out.push(c.action);
    return out;
  }
  const lower = entry.toLowerCase();
  const colon = lower.indexOf(':');
  if (colon < 0) return NO_ACTIONS;
  const servicePattern = compilePattern(lower.slice(0, colon));
  const namePattern = compilePattern(lower.slice(colon + 1));
  const out: ActionInfo[] = [];
  for (const prefix of allServicePrefixes()) {
    if (!patternMatches(servicePattern, prefix)) continue;
    for (const c of table.of(prefix)) if (patternMatches(namePattern, c.name)) out.push(c.action);
  }
  return out;
}

/** The selected actions no NotAction pattern matches (`actionMatches` semantics), in data order. */
function selectedOutside(values: readonly Located<string>[], table: CandidateTable): ActionInfo[] {
  const excluded = values.map((v) => compilePattern(v.value.toLowerCase()));
  const out: ActionInfo[] = [];
  for (const service of allServicePrefixes()) {
    for (const c of table.of(service)) if (!excluded.some((p) => patternMatches(p, c.fullName))) out.push(c.action);
  }
  return out;
}

/**
 * One value per distinct options value of a rule, kept across documents: rules are created per
 * document, and a risk-category rule's select function must stay the same for grantsBroadly's
 * per-service lists to be built once.
 */
export function perOptions<O, T>(cache: Map<string, T>, options: O, build: (options: O) => T): T {
  return remembered(cache, JSON.stringify(options), () => build(options), PER_OPTIONS_LIMIT);
}

const PER_OPTIONS_LIMIT = 64;

interface BroadResource {
  readonly at: Located<string>;
  readonly spec: ResourceSpec;
}

function broadResource(stmt: Statement, action: ActionInfo): BroadResource | undefined {
  const el = stmt.resource!;
  if (el.negated) {
    const excluded = el.values.map((v) => v.value);
    return excluded.some((p) => reachesEveryResource(p, action)) ? undefined : { at: el.key, spec: { kind: 'except', patterns: excluded } };
  }
  if (!supportsResourceArns(action) || ordinaryUseNeedsStar(action)) {
    const at = el.values.find((v) => wildcardMatch(v.value, '*'));
    return at ? { at, spec: { kind: 'pattern', pattern: at.value } } : undefined;
  }
  // Every resource type the request always carries must be reachable in full: an action that
  // requires a database user (`redshift:GetClusterCredentials`) is scoped by a pinned user name
  // even when its optional database name is `*`.
  const required = action.resourceTypes.filter((t) => t.required && t.name.length > 0);
  const types = required.length > 0 ? required : action.resourceTypes.filter((t) => t.name.length > 0);
  // With required types: the entry of the first, if every one has one; else the first found.
  let at: Located<string> | undefined;
  for (const t of types) {
    const found = el.values.find((v) => wildcardMatch(v.value, '*') || reachesEveryResourceOfType(v.value, action, t.name));
    if (required.length > 0) {
      if (!found) return undefined;
      at ??= found;
    } else if (found) {
      at = found;
      break;
    }
  }
  return at ? { at, spec: { kind: 'pattern', pattern: at.value } } : undefined;
}

// Policies repeat the same resource patterns for the same resource types.
const reaches = new PatternMemo<boolean>();
const widened = new PatternMemo<string>(1024);

/** The pattern, in any account and region, reaches every resource of this resource type of the action. */
function reachesEveryResourceOfType(pattern: string, action: ActionInfo, typeName: string): boolean {
  return reaches.get(pattern, `${action.fullName}\u0000${typeName}`, () => {
    const ofType: ActionInfo = { ...action, resourceTypes: [{ name: typeName, required: true, conditionKeys: [] }] };
    return coversEveryResourceOf(widened.get(pattern, '', () => anyAccountAndRegion(pattern)), ofType);
  });
}

/** The pattern matches the literal `*` or reaches every resource of some type of the action. */
function reachesEveryResource(pattern: string, action: ActionInfo): boolean {
  return wildcardMatch(pattern, '*') || (supportsResourceArns(action) && coversEveryResourceOf(pattern, action));
}

/**
 * The ARN pattern with its region and account fields opened up: a grant on
 * `arn:aws:iam::111122223333:user/*` reaches every user of the account that holds the policy,
 * which is every user the principal can reach there. Other patterns are returned as they are.
 */
function anyAccountAndRegion(pattern: string): string {
  const fields = pattern.split(':');
  if (fields.length < 6 || fields[0] !== 'arn') return pattern;
  return [fields[0], fields[1], fields[2], '*', '*', ...fields.slice(5)].join(':');
}

function deniedInDocument(action: ActionInfo, spec: ResourceSpec, doc: PolicyDocument): boolean {
  const requested = requestedResource(action, spec);
  return requested !== undefined && isDefinitelyDenied(action, requested, [doc]) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const EXAMPLES = 3;

/** `a, b, c` or `a, b, c, …` (the first few names, in order). */
export function exampleList(names: readonly string[], max = EXAMPLES): string {
  return names.length > max ? `${names.slice(0, max).join(', ')}, …` : names.join(', ');
}

/** The resources of the grants, quoted (`"*" and "arn:aws:ssm:*:*:parameter/*"`), for messages. */
export function describeResources(grants: readonly BroadGrant[]): string {
  const named: string[] = [];
  let notResource = false;
  for (const g of grants) {
    if (g.outsideNotResource) notResource = true;
    else if (!named.includes(g.resource.value)) named.push(g.resource.value);
  }
  const parts = named.map((r) => `"${r}"`);
  if (notResource) parts.push('every resource outside its NotResource');
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Does the action's name match one of the IAM wildcard patterns (case-insensitive)? Rule options `additionalActions`/`ignoreActions`. */
export function matchesAny(patterns: readonly string[], action: ActionInfo): boolean {
  return patterns.some((p) => wildcardMatch(p, action.fullName, true));
}

/**
 * What a risk-category rule reports about one statement of an identity policy: the single risky
 * action it grants broadly, or how many with examples; undefined when there is none.
 */
export function summarizeBroadGrants(
  stmt: Statement,
  doc: PolicyDocument,
  select: (action: ActionInfo) => boolean,
): { node: Located<string>; action: ActionInfo | undefined; data: Record<string, string | number> } | undefined {
  if (!grantsIdentityPermissions(doc)) return undefined;
  const grants = grantsBroadly(stmt, doc, select);
  if (grants.length === 0) return undefined;
  const common = { statement: statementLabel(stmt, true), resource: describeResources(grants) };
  if (grants.length === 1) return { node: grants[0].via, action: grants[0].action, data: common };
  const names = grants.map((g) => g.action.fullName);
  return { node: grants[0].via, action: undefined, data: { ...common, count: names.length, examples: exampleList(names) } };
}

/** What credentials-exposure and data-exfiltration build per options value: what an action yields, and the selection. */
export interface RiskSelection {
  readonly yieldsOf: (a: ActionInfo) => string | undefined;
  readonly select: (a: ActionInfo) => boolean;
}

/**
 * The statement hook of a risk-category rule: per statement of an identity policy, one finding
 * naming the single selected action it grants broadly (message `single`, with `details` of the
 * action) or counting them with examples (message `several`).
 */
export function reportBroadGrants<M extends string>(
  report: (descriptor: ReportDescriptor<M>) => void,
  select: (action: ActionInfo) => boolean,
  single: M,
  several: M,
  details: (action: ActionInfo) => Record<string, string>,
): (stmt: Statement, doc: PolicyDocument) => void {
  return (stmt, doc) => {
    const found = summarizeBroadGrants(stmt, doc, select);
    if (!found) return;
    if (found.action) report({ node: found.node, messageId: single, data: { ...found.data, action: found.action.fullName, ...details(found.action) } });
    else report({ node: found.node, messageId: several, data: found.data });
  };
}
