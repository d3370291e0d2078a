/**
 * The published AWS IAM privilege escalation methods, as data: which actions a principal must
 * be allowed (all of them) to raise its own permissions, on which kind of resource, and to which
 * service a passed role goes. `escalation.ts` evaluates them on policies; the
 * privilege-escalation rule reports them.
 *
 * Sources
 * - Spencer Gietzen (Rhino Security Labs), "AWS Privilege Escalation – Methods and Mitigation"
 *   (2018): the original 21 methods, ids as Rhino, Parliament and Cloudsplaining spell them.
 *   https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 * - Gerben Kleijn (Bishop Fox), "Privilege Escalation in AWS" and the iam-vulnerable lab: the
 *   same 21 sorted into five categories. https://bishopfox.com/blog/privilege-escalation-in-aws
 * - pathfinding.cloud (Datadog), the community catalogue of paths with their required
 *   permissions (data/paths/aws/<service>/<id>.yaml): https://pathfinding.cloud
 * - Cloudsplaining (Salesforce), PRIVILEGE_ESCALATION_METHODS in cloudsplaining/shared/constants.py
 *   (the Rhino set plus pathfinding.cloud paths).
 * - Parliament (Duo Labs), RESOURCE_POLICY_PRIVILEGE_ESCALATION: permission to rewrite a bucket's
 *   policy or ACL when the principal lacks some object access on that bucket.
 * - HackTricks Cloud, AWS privilege escalation pages (Step Functions).
 *
 * What is deliberately left out
 * - Multi-step variants that only add an action to a method already listed with the same reach
 *   (pathfinding.cloud iam-003 CreateAccessKey + DeleteAccessKey, iam-014..021 "X then
 *   AssumeRole / UpdateAssumeRolePolicy", lambda-004/005, the ECS "new cluster" variants
 *   ecs-001/002): the shorter method is always reported with them. Rhino's two DynamoDB-trigger
 *   methods are both kept (one is a superset of the other) because they are the published set.
 * - `iam:CreateServiceLinkedRole`: the role it creates trusts only the AWS service and carries
 *   the service's fixed policy; nobody can assume or pass it. Not an escalation.
 * - Paths that need nothing but read access to existing secrets or credentials (credential
 *   access) belong to credentials-exposure.
 *
 * Field notes
 * - `actions`: every entry must be allowed. `resourceTypes` narrows which grants count (the
 *   grant's resource must be able to name one of these types of the action, from the AWS service
 *   authorization data); `everyResource` counts only grants that reach every resource of the
 *   type (`sts:AssumeRole` on `*`); `othersOnly` ignores grants on the caller's own IAM user
 *   (`user/${aws:username}`): a new access key or password for oneself gains nothing.
 * - `anchor`: the method's most distinctive action, where a finding is reported.
 * - `passedTo`: the service principals (`iam:PassedToService` values) the method passes a role
 *   to; an `iam:PassRole` grant whose condition admits none of them does not enable the method.
 * - `unlessAllowedOnObjects`: for bucket-policy methods, the object actions whose absence makes
 *   rewriting the bucket's policy worth anything; when every one of them is already allowed on
 *   the bucket's objects, the method gains nothing.
 */

export type EscalationCategory =
  /** Change the principal's own permissions (policies, policy versions, group membership). */
  | 'self-escalation'
  /** Become another principal (its access keys, password, or a role it may assume). */
  | 'principal-access'
  /** Pass an existing role to a new resource whose code the caller controls. */
  | 'new-passrole'
  /** Run the caller's code in an existing resource that already has a role. */
  | 'existing-passrole'
  /** Rewrite a resource's access policy to grant oneself access to it. */
  | 'resource-policy';

export interface EscalationAction {
  /** `service:Action`, in its official case. */
  readonly action: string;
  /** Resource types (names from the service authorization data) a grant must be able to reach. */
  readonly resourceTypes?: readonly string[];
  /** Only a grant reaching every resource of the type counts. */
  readonly everyResource?: boolean;
  /** A grant only on the caller's own user (`${aws:username}`) does not count. */
  readonly othersOnly?: boolean;
}

export interface EscalationMethod {
  /** Stable id (Rhino/Cloudsplaining spelling where one exists). */
  readonly id: string;
  readonly category: EscalationCategory;
  readonly actions: readonly EscalationAction[];
  /** The action a finding is reported at; one of `actions`. */
  readonly anchor: string;
  /** Service principals the passed role goes to (methods with `iam:PassRole`). */
  readonly passedTo?: readonly string[];
  /** Object actions whose absence on the bucket's objects the method makes up for. */
  readonly unlessAllowedOnObjects?: readonly string[];
  /** Also judged in resource policies (grants to the principals a bucket policy names). */
  readonly inResourcePolicies?: boolean;
  /** One sentence: how the actions escalate. */
  readonly description: string;
  readonly link: string;
  readonly source: 'Rhino Security Labs' | 'pathfinding.cloud' | 'Parliament' | 'HackTricks';
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const path = (id: string) => `https://pathfinding.cloud/paths/${id}`;

const PASS_ROLE: EscalationAction = { action: 'iam:PassRole', resourceTypes: ['role'] };
const act = (action: string, resourceTypes?: readonly string[]): EscalationAction => (resourceTypes ? { action, resourceTypes } : { action });

const EC2 = ['ec2.amazonaws.com'];
const LAMBDA = ['lambda.amazonaws.com'];
const GLUE = ['glue.amazonaws.com'];
const CLOUDFORMATION = ['cloudformation.amazonaws.com'];
const SAGEMAKER = ['sagemaker.amazonaws.com'];
const CODEBUILD = ['codebuild.amazonaws.com'];
const ECS_TASKS = ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'];
const INSTANCES = ['instance', 'managed-instance'];

export const ESCALATION_METHODS: readonly EscalationMethod[] = Object.freeze([
  // -------------------------------------------------------------------------------------------
  // Rhino Security Labs (2018), in the article's order
  // -------------------------------------------------------------------------------------------
  {
    id: 'CreateNewPolicyVersion',
    category: 'self-escalation',
    actions: [act('iam:CreatePolicyVersion', ['policy'])],
    anchor: 'iam:CreatePolicyVersion',
    description: 'A new version of a customer managed policy attached to the principal, created with --set-as-default (no iam:SetDefaultPolicyVersion needed), can grant it any permission.',
    link: path('iam-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'SetExistingDefaultPolicyVersion',
    category: 'self-escalation',
    actions: [act('iam:SetDefaultPolicyVersion', ['policy'])],
    anchor: 'iam:SetDefaultPolicyVersion',
    description: 'Making an older, broader version of a policy attached to the principal the default version restores whatever that version allowed.',
    link: RHINO,
    source: 'Rhino Security Labs',
  },
  {
    id: 'CreateEC2WithExistingIP',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ec2:RunInstances', ['instance'])],
    anchor: 'ec2:RunInstances',
    passedTo: EC2,
    description: "A new EC2 instance launched with an existing instance profile runs the caller's user data, and its metadata service hands out the passed role's credentials.",
    link: path('ec2-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'CreateAccessKey',
    category: 'principal-access',
    actions: [{ action: 'iam:CreateAccessKey', resourceTypes: ['user'], othersOnly: true }],
    anchor: 'iam:CreateAccessKey',
    description: 'A new access key for another IAM user lets the caller act as that user.',
    link: path('iam-002'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'CreateLoginProfile',
    category: 'principal-access',
    actions: [{ action: 'iam:CreateLoginProfile', resourceTypes: ['user'], othersOnly: true }],
    anchor: 'iam:CreateLoginProfile',
    description: 'A console password for another IAM user that has none lets the caller sign in as that user.',
    link: path('iam-004'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'UpdateLoginProfile',
    category: 'principal-access',
    actions: [{ action: 'iam:UpdateLoginProfile', resourceTypes: ['user'], othersOnly: true }],
    anchor: 'iam:UpdateLoginProfile',
    description: "Changing another IAM user's console password lets the caller sign in as that user.",
    link: path('iam-006'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'AttachUserPolicy',
    category: 'self-escalation',
    actions: [act('iam:AttachUserPolicy', ['user'])],
    anchor: 'iam:AttachUserPolicy',
    description: 'Attaching a managed policy such as AdministratorAccess to its own user grants the caller those permissions.',
    link: path('iam-008'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'AttachGroupPolicy',
    category: 'self-escalation',
    actions: [act('iam:AttachGroupPolicy', ['group'])],
    anchor: 'iam:AttachGroupPolicy',
    description: "Attaching a managed policy such as AdministratorAccess to a group the caller belongs to grants it those permissions.",
    link: path('iam-010'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'AttachRolePolicy',
    category: 'self-escalation',
    actions: [act('iam:AttachRolePolicy', ['role'])],
    anchor: 'iam:AttachRolePolicy',
    description: 'Attaching a managed policy such as AdministratorAccess to its own role (or one it can assume) grants the caller those permissions.',
    link: path('iam-009'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PutUserPolicy',
    category: 'self-escalation',
    actions: [act('iam:PutUserPolicy', ['user'])],
    anchor: 'iam:PutUserPolicy',
    description: 'An inline policy written into its own user can grant the caller any permission.',
    link: path('iam-007'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PutGroupPolicy',
    category: 'self-escalation',
    actions: [act('iam:PutGroupPolicy', ['group'])],
    anchor: 'iam:PutGroupPolicy',
    description: 'An inline policy written into a group the caller belongs to can grant it any permission.',
    link: path('iam-011'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PutRolePolicy',
    category: 'self-escalation',
    actions: [act('iam:PutRolePolicy', ['role'])],
    anchor: 'iam:PutRolePolicy',
    description: 'An inline policy written into its own role (or one it can assume) can grant the caller any permission.',
    link: path('iam-005'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'AddUserToGroup',
    category: 'self-escalation',
    actions: [act('iam:AddUserToGroup', ['group'])],
    anchor: 'iam:AddUserToGroup',
    description: "Adding its own user to a more privileged group (such as an administrators group) gives the caller the group's permissions.",
    link: path('iam-013'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'UpdateRolePolicyToAssumeIt',
    category: 'principal-access',
    actions: [act('iam:UpdateAssumeRolePolicy', ['role']), act('sts:AssumeRole', ['role'])],
    anchor: 'iam:UpdateAssumeRolePolicy',
    description: "Rewriting a privileged role's trust policy to trust the caller, then assuming it, gives the caller the role's permissions.",
    link: path('iam-012'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenInvoke',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('lambda:CreateFunction', ['function']), act('lambda:InvokeFunction', ['function'])],
    anchor: 'lambda:CreateFunction',
    passedTo: LAMBDA,
    description: "A new Lambda function created with an existing role runs the caller's code with that role's permissions when invoked.",
    link: path('lambda-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('lambda:CreateFunction', ['function']), act('lambda:CreateEventSourceMapping'), act('dynamodb:CreateTable', ['table']), act('dynamodb:PutItem', ['table'])],
    anchor: 'lambda:CreateEventSourceMapping',
    passedTo: LAMBDA,
    description: "A new Lambda function created with an existing role and triggered by a new DynamoDB stream runs the caller's code with that role's permissions, without lambda:InvokeFunction.",
    link: path('lambda-002'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('lambda:CreateFunction', ['function']), act('lambda:CreateEventSourceMapping')],
    anchor: 'lambda:CreateEventSourceMapping',
    passedTo: LAMBDA,
    description: "A new Lambda function created with an existing role and mapped to an existing event source (a DynamoDB stream, a queue) runs the caller's code with that role's permissions.",
    link: path('lambda-002'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToNewGlueDevEndpoint',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('glue:CreateDevEndpoint')],
    anchor: 'glue:CreateDevEndpoint',
    passedTo: GLUE,
    description: "A new Glue development endpoint created with an existing role accepts the caller's SSH key and exposes the role's credentials.",
    link: path('glue-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'UpdateExistingGlueDevEndpoint',
    category: 'existing-passrole',
    actions: [act('glue:UpdateDevEndpoint', ['devendpoint'])],
    anchor: 'glue:UpdateDevEndpoint',
    description: "Adding the caller's SSH key to an existing Glue development endpoint gives it a shell with the endpoint role's credentials.",
    link: RHINO,
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToCloudFormation',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('cloudformation:CreateStack', ['stack'])],
    anchor: 'cloudformation:CreateStack',
    passedTo: CLOUDFORMATION,
    description: "A new CloudFormation stack created with an existing service role provisions whatever the caller's template asks for (IAM users, policies, roles) with that role's permissions.",
    link: path('cloudformation-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'PassExistingRoleToNewDataPipeline',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('datapipeline:CreatePipeline'), act('datapipeline:PutPipelineDefinition', ['pipeline'])],
    anchor: 'datapipeline:CreatePipeline',
    passedTo: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
    description: "A new Data Pipeline whose definition runs the caller's shell commands under an existing role acts with that role's permissions.",
    link: path('datapipeline-001'),
    source: 'Rhino Security Labs',
  },
  {
    id: 'EditExistingLambdaFunctionWithRole',
    category: 'existing-passrole',
    actions: [act('lambda:UpdateFunctionCode', ['function'])],
    anchor: 'lambda:UpdateFunctionCode',
    description: "Replacing the code of an existing Lambda function runs the caller's code with the function's execution role the next time it is invoked.",
    link: path('lambda-003'),
    source: 'Rhino Security Labs',
  },

  // -------------------------------------------------------------------------------------------
  // pathfinding.cloud and later research
  // -------------------------------------------------------------------------------------------
  {
    id: 'AssumeAnyRole',
    category: 'principal-access',
    actions: [{ action: 'sts:AssumeRole', resourceTypes: ['role'], everyResource: true }],
    anchor: 'sts:AssumeRole',
    description: 'With sts:AssumeRole on every role the caller can become any role whose trust policy trusts it or its account (trusting the account root is enough).',
    link: path('sts-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenAddPermission',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('lambda:CreateFunction', ['function']), act('lambda:AddPermission', ['function'])],
    anchor: 'lambda:AddPermission',
    passedTo: LAMBDA,
    description: "A new Lambda function created with an existing role, whose resource policy the caller opens to itself or a trigger, runs the caller's code with that role's permissions.",
    link: path('lambda-006'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewEC2SpotInstance',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ec2:RequestSpotInstances', ['spot-instances-request'])],
    anchor: 'ec2:RequestSpotInstances',
    passedTo: EC2,
    description: "A spot instance requested with an existing instance profile runs the caller's user data with the passed role's credentials.",
    link: path('ec2-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'ModifyEC2InstanceUserDataThenRestart',
    category: 'existing-passrole',
    actions: [act('ec2:ModifyInstanceAttribute', ['instance']), act('ec2:StopInstances', ['instance']), act('ec2:StartInstances', ['instance'])],
    anchor: 'ec2:ModifyInstanceAttribute',
    description: "Replacing the user data of a stopped instance and starting it runs the caller's script with the instance profile's credentials.",
    link: path('ec2-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'ModifyExistingEC2LaunchTemplate',
    category: 'existing-passrole',
    actions: [act('ec2:CreateLaunchTemplateVersion', ['launch-template']), act('ec2:ModifyLaunchTemplate', ['launch-template'])],
    anchor: 'ec2:CreateLaunchTemplateVersion',
    description: "A new default version of a launch template that already names a privileged instance profile runs the caller's user data on every instance launched from it.",
    link: path('ec2-005'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'EC2InstanceConnectSendSSHPublicKey',
    category: 'existing-passrole',
    actions: [act('ec2-instance-connect:SendSSHPublicKey', ['instance'])],
    anchor: 'ec2-instance-connect:SendSSHPublicKey',
    description: "Pushing the caller's SSH key to a running instance through EC2 Instance Connect gives it a shell and the instance profile's credentials.",
    link: path('ec2-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'SSMStartSessionOnInstance',
    category: 'existing-passrole',
    actions: [act('ssm:StartSession', INSTANCES)],
    anchor: 'ssm:StartSession',
    description: "An interactive Session Manager shell on an instance gives the caller the instance profile's credentials.",
    link: path('ssm-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'SSMSendCommandToInstance',
    category: 'existing-passrole',
    actions: [act('ssm:SendCommand', INSTANCES)],
    anchor: 'ssm:SendCommand',
    description: "Run Command executes the caller's shell commands on an instance with the instance profile's credentials.",
    link: path('ssm-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewSSMAutomation',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ssm:CreateDocument', ['document']), act('ssm:StartAutomationExecution')],
    anchor: 'ssm:StartAutomationExecution',
    passedTo: ['ssm.amazonaws.com'],
    description: "A new Automation runbook started with an existing role as AutomationAssumeRole runs the caller's aws:executeScript code with that role's permissions.",
    link: path('ssm-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'ECSExecuteCommandOnRunningTask',
    category: 'existing-passrole',
    actions: [act('ecs:ExecuteCommand', ['task']), act('ecs:DescribeTasks', ['task'])],
    anchor: 'ecs:ExecuteCommand',
    description: "ECS Exec opens a shell in a running container, where the task role's credentials are available.",
    link: path('ecs-006'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewECSService',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ecs:RegisterTaskDefinition', ['task-definition']), act('ecs:CreateService', ['service'])],
    anchor: 'ecs:CreateService',
    passedTo: ECS_TASKS,
    description: "A new task definition naming an existing role as task role, run as a new ECS service, executes the caller's container with that role's permissions.",
    link: path('ecs-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewECSTaskViaRunTask',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ecs:RegisterTaskDefinition', ['task-definition']), act('ecs:RunTask', ['task-definition'])],
    anchor: 'ecs:RunTask',
    passedTo: ECS_TASKS,
    description: "A new task definition naming an existing role as task role, started with RunTask, executes the caller's container with that role's permissions.",
    link: path('ecs-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewECSTaskViaStartTask',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('ecs:RegisterTaskDefinition', ['task-definition']), act('ecs:StartTask', ['task-definition'])],
    anchor: 'ecs:StartTask',
    passedTo: ECS_TASKS,
    description: "A new task definition naming an existing role as task role, started with StartTask on a container instance, executes the caller's container with that role's permissions.",
    link: path('ecs-005'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewCodeBuildProjectThenBuild',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('codebuild:CreateProject', ['project']), act('codebuild:StartBuild', ['project'])],
    anchor: 'codebuild:CreateProject',
    passedTo: CODEBUILD,
    description: "A new CodeBuild project created with an existing service role runs the caller's buildspec with that role's permissions.",
    link: path('codebuild-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewCodeBuildProjectThenBuildBatch',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('codebuild:CreateProject', ['project']), act('codebuild:StartBuildBatch', ['project'])],
    anchor: 'codebuild:StartBuildBatch',
    passedTo: CODEBUILD,
    description: "A new CodeBuild project created with an existing service role runs the caller's batch buildspec with that role's permissions.",
    link: path('codebuild-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'StartCodeBuildWithBuildspecOverride',
    category: 'existing-passrole',
    actions: [act('codebuild:StartBuild', ['project'])],
    anchor: 'codebuild:StartBuild',
    description: "StartBuild on an existing project accepts a buildspec override, so the caller's commands run with the project's service role.",
    link: path('codebuild-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'StartCodeBuildBatchWithBuildspecOverride',
    category: 'existing-passrole',
    actions: [act('codebuild:StartBuildBatch', ['project'])],
    anchor: 'codebuild:StartBuildBatch',
    description: "StartBuildBatch on an existing project accepts a buildspec override, so the caller's commands run with the project's service role.",
    link: path('codebuild-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewSageMakerNotebookInstance',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('sagemaker:CreateNotebookInstance', ['notebook-instance'])],
    anchor: 'sagemaker:CreateNotebookInstance',
    passedTo: SAGEMAKER,
    description: "A new SageMaker notebook instance created with an existing execution role gives the caller a Jupyter terminal with that role's credentials.",
    link: path('sagemaker-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewSageMakerTrainingJob',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('sagemaker:CreateTrainingJob', ['training-job'])],
    anchor: 'sagemaker:CreateTrainingJob',
    passedTo: SAGEMAKER,
    description: "A new SageMaker training job created with an existing execution role runs the caller's container or script with that role's permissions.",
    link: path('sagemaker-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewSageMakerProcessingJob',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('sagemaker:CreateProcessingJob', ['processing-job'])],
    anchor: 'sagemaker:CreateProcessingJob',
    passedTo: SAGEMAKER,
    description: "A new SageMaker processing job created with an existing execution role runs the caller's container with that role's permissions.",
    link: 'https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-sagemaker-privesc/index.html',
    source: 'pathfinding.cloud',
  },
  {
    id: 'CreatePresignedSageMakerNotebookUrl',
    category: 'existing-passrole',
    actions: [act('sagemaker:CreatePresignedNotebookInstanceUrl', ['notebook-instance'])],
    anchor: 'sagemaker:CreatePresignedNotebookInstanceUrl',
    description: "A presigned URL to an existing notebook instance opens its Jupyter terminal, with the notebook's execution role credentials.",
    link: path('sagemaker-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'UpdateSageMakerNotebookLifecycleConfig',
    category: 'existing-passrole',
    actions: [
      act('sagemaker:CreateNotebookInstanceLifecycleConfig', ['notebook-instance-lifecycle-config']),
      act('sagemaker:StopNotebookInstance', ['notebook-instance']),
      act('sagemaker:UpdateNotebookInstance', ['notebook-instance']),
      act('sagemaker:StartNotebookInstance', ['notebook-instance']),
    ],
    anchor: 'sagemaker:CreateNotebookInstanceLifecycleConfig',
    description: "A new lifecycle configuration attached to an existing notebook instance runs the caller's script with the notebook's execution role when it restarts.",
    link: path('sagemaker-005'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewGlueJobThenRun',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('glue:CreateJob', ['job']), act('glue:StartJobRun', ['job'])],
    anchor: 'glue:CreateJob',
    passedTo: GLUE,
    description: "A new Glue job created with an existing role runs the caller's script with that role's permissions.",
    link: path('glue-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewGlueJobViaTrigger',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('glue:CreateJob', ['job']), act('glue:CreateTrigger', ['trigger'])],
    anchor: 'glue:CreateTrigger',
    passedTo: GLUE,
    description: "A new Glue job created with an existing role and started by a new trigger runs the caller's script with that role's permissions.",
    link: path('glue-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToUpdatedGlueJobThenRun',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('glue:UpdateJob', ['job']), act('glue:StartJobRun', ['job'])],
    anchor: 'glue:UpdateJob',
    passedTo: GLUE,
    description: "An existing Glue job updated to use another role and the caller's script runs it with that role's permissions.",
    link: path('glue-005'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToUpdatedGlueJobViaTrigger',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('glue:UpdateJob', ['job']), act('glue:CreateTrigger', ['trigger'])],
    anchor: 'glue:CreateTrigger',
    passedTo: GLUE,
    description: "An existing Glue job updated to use another role and the caller's script, started by a new trigger, runs with that role's permissions.",
    link: path('glue-006'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewCloudFormationStackSet',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('cloudformation:CreateStackSet'), act('cloudformation:CreateStackInstances', ['stackset'])],
    anchor: 'cloudformation:CreateStackSet',
    passedTo: CLOUDFORMATION,
    description: "A new stack set created with an existing administration role deploys the caller's template with the permissions of the execution role it reaches.",
    link: path('cloudformation-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassRoleToUpdateCloudFormationStackSet',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('cloudformation:UpdateStackSet', ['stackset'])],
    anchor: 'cloudformation:UpdateStackSet',
    passedTo: CLOUDFORMATION,
    description: "An existing stack set updated with another administration role and the caller's template deploys it with that role's reach.",
    link: path('cloudformation-004'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'UpdateExistingCloudFormationStack',
    category: 'existing-passrole',
    actions: [act('cloudformation:UpdateStack', ['stack'])],
    anchor: 'cloudformation:UpdateStack',
    description: "Updating an existing stack that has a service role provisions the caller's template changes with that role's permissions.",
    link: path('cloudformation-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'ExecuteCloudFormationChangeSet',
    category: 'existing-passrole',
    actions: [act('cloudformation:CreateChangeSet', ['stack']), act('cloudformation:ExecuteChangeSet', ['stack'])],
    anchor: 'cloudformation:CreateChangeSet',
    description: "A change set on an existing stack that has a service role provisions the caller's template changes with that role's permissions when executed.",
    link: path('cloudformation-005'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewAppRunnerService',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('apprunner:CreateService', ['service'])],
    anchor: 'apprunner:CreateService',
    passedTo: ['apprunner.amazonaws.com', 'tasks.apprunner.amazonaws.com'],
    description: "A new App Runner service created with an existing instance role runs the caller's container or start command with that role's permissions.",
    link: path('apprunner-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'UpdateExistingAppRunnerService',
    category: 'existing-passrole',
    actions: [act('apprunner:UpdateService', ['service'])],
    anchor: 'apprunner:UpdateService',
    description: "Changing the image or start command of an existing App Runner service runs the caller's code with the service's instance role.",
    link: path('apprunner-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewBedrockCodeInterpreter',
    category: 'new-passrole',
    actions: [
      PASS_ROLE,
      act('bedrock-agentcore:CreateCodeInterpreter'),
      act('bedrock-agentcore:StartCodeInterpreterSession'),
      act('bedrock-agentcore:InvokeCodeInterpreter'),
    ],
    anchor: 'bedrock-agentcore:CreateCodeInterpreter',
    passedTo: ['bedrock-agentcore.amazonaws.com'],
    description: "A new Bedrock AgentCore code interpreter created with an existing execution role runs the caller's code with that role's permissions.",
    link: path('bedrock-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'AccessExistingBedrockCodeInterpreterSession',
    category: 'existing-passrole',
    actions: [act('bedrock-agentcore:StartCodeInterpreterSession'), act('bedrock-agentcore:InvokeCodeInterpreter')],
    anchor: 'bedrock-agentcore:InvokeCodeInterpreter',
    description: "A session on an existing Bedrock AgentCore code interpreter runs the caller's code with the interpreter's execution role.",
    link: path('bedrock-002'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewBedrockAgentRuntime',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('bedrock-agentcore:CreateAgentRuntime')],
    anchor: 'bedrock-agentcore:CreateAgentRuntime',
    passedTo: ['bedrock-agentcore.amazonaws.com'],
    description: "A new Bedrock AgentCore agent runtime created with an existing role runs the caller's container with that role's permissions.",
    link: path('bedrock-003'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewBatchJob',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('batch:RegisterJobDefinition', ['job-definition']), act('batch:SubmitJob', ['job'])],
    anchor: 'batch:RegisterJobDefinition',
    passedTo: ['batch.amazonaws.com', 'ecs-tasks.amazonaws.com'],
    description: "A new AWS Batch job definition naming an existing role as job role runs the caller's container with that role's permissions.",
    link: path('batch-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewEMRCluster',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('elasticmapreduce:RunJobFlow')],
    anchor: 'elasticmapreduce:RunJobFlow',
    passedTo: ['elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
    description: "A new EMR cluster launched with an existing instance profile runs the caller's bootstrap actions and steps with that role's credentials.",
    link: path('emr-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToCognitoIdentityPool',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('cognito-identity:SetIdentityPoolRoles')],
    anchor: 'cognito-identity:SetIdentityPoolRoles',
    passedTo: ['cognito-identity.amazonaws.com'],
    description: "Setting an existing role as the (unauthenticated) role of an identity pool lets the caller obtain that role's credentials from Cognito.",
    link: path('cognitoidentity-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewBraketJob',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('braket:CreateJob', ['job'])],
    anchor: 'braket:CreateJob',
    passedTo: ['braket.amazonaws.com'],
    description: "A new Amazon Braket hybrid job created with an existing role runs the caller's algorithm container with that role's permissions.",
    link: path('braket-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewAmplifyApp',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('amplify:CreateApp'), act('amplify:CreateBranch', ['branches']), act('amplify:StartJob', ['jobs'])],
    anchor: 'amplify:CreateApp',
    passedTo: ['amplify.amazonaws.com'],
    description: "A new Amplify app created with an existing service role runs the caller's build commands with that role's permissions.",
    link: 'https://github.com/DataDog/pathfinding-labs',
    source: 'pathfinding.cloud',
  },
  {
    id: 'CodeDeployToExistingInstances',
    category: 'existing-passrole',
    actions: [act('codedeploy:CreateDeployment', ['deploymentgroup'])],
    anchor: 'codedeploy:CreateDeployment',
    description: "A deployment to an existing deployment group runs the caller's lifecycle hook scripts on its instances, with their instance profile credentials.",
    link: path('codedeploy-001'),
    source: 'pathfinding.cloud',
  },
  {
    id: 'PassExistingRoleToNewStepFunctionsStateMachine',
    category: 'new-passrole',
    actions: [PASS_ROLE, act('states:CreateStateMachine', ['statemachine']), act('states:StartExecution', ['statemachine'])],
    anchor: 'states:CreateStateMachine',
    passedTo: ['states.amazonaws.com'],
    description: "A new Step Functions state machine created with an existing role calls any AWS API through its SDK integrations with that role's permissions.",
    link: 'https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-stepfunctions-privesc/index.html',
    source: 'HackTricks',
  },

  // -------------------------------------------------------------------------------------------
  // Parliament: resource policy privilege escalation (S3)
  // -------------------------------------------------------------------------------------------
  {
    id: 'PutBucketPolicyToGrantSelf',
    category: 'resource-policy',
    actions: [act('s3:PutBucketPolicy', ['bucket'])],
    anchor: 's3:PutBucketPolicy',
    unlessAllowedOnObjects: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    inResourcePolicies: true,
    description: 'A new bucket policy can grant the principal any access to the bucket and its objects.',
    link: 'https://github.com/duo-labs/parliament',
    source: 'Parliament',
  },
  {
    id: 'PutBucketAclToGrantSelf',
    category: 'resource-policy',
    actions: [act('s3:PutBucketAcl', ['bucket'])],
    anchor: 's3:PutBucketAcl',
    unlessAllowedOnObjects: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    inResourcePolicies: true,
    description: "A new bucket ACL (on a bucket whose ACLs are enabled) can grant the principal's canonical user read and write access.",
    link: 'https://github.com/duo-labs/parliament',
    source: 'Parliament',
  },
] satisfies EscalationMethod[]);

/** The method with this id (case-insensitive), or undefined. */
export function escalationMethod(id: string): EscalationMethod | undefined {
  const wanted = id.toLowerCase();
  return ESCALATION_METHODS.find((m) => m.id.toLowerCase() === wanted);
}
