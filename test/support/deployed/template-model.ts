import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

/**
 * The synthesized templates read as one deployment would see them: every intrinsic resolved
 * to the names and ARNs CloudFormation would give, in one account and region. The harness
 * takes each function's role policy and environment from here, never from the code that
 * built them, so what it checks is what `cdk deploy` would create.
 */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const PARTITION = 'aws';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

export interface PolicyDocument {
  Version: string;
  Statement: Record<string, unknown>[];
}

export interface DeployedFunction {
  logicalId: string;
  description: string;
  roleLogicalId: string;
  roleArn: string;
  environment: Record<string, string>;
  memorySize: number;
  timeoutSeconds: number;
  /** Where Lambda sends the function's failed asynchronous events. */
  deadLetterArn: string | undefined;
  /** Queues Lambda polls for the function (its event source mappings). */
  eventSourceArns: string[];
}

export interface DeployedModel {
  tableName: string;
  tableArn: string;
  tableKeyArn: string;
  /** The key policy of the table's key: KMS decides by it first. */
  tableKeyPolicy: PolicyDocument | undefined;
  functions: DeployedFunction[];
  /** A function by the start of its description, e.g. "Care Pulse API". */
  fn(descriptionStart: string): DeployedFunction;
  /** Every policy attached to a role, resolved. AWS managed policies cannot be read here and fail the harness. */
  policiesOfRole(roleLogicalId: string): PolicyDocument[];
  /** A customer managed policy by the start of its description (the admins' policy). */
  managedPolicy(descriptionStart: string): { arn: string; document: PolicyDocument };
  /** Queue ARN by the URL a function was given. */
  queueArnByUrl(url: string): string | undefined;
  resolve(value: unknown, stack?: string): unknown;
}

/**
 * Reads every stack of an assembly. `tableName` is the physical name the data stack's table
 * gets (the harness creates it in DynamoDB Local under that name).
 */
export function deployedModel(assembly: CloudAssembly, options: { tableName: string }): DeployedModel {
  const templates = new Map<string, Template>();
  for (const stack of assembly.stacks)
    templates.set(stack.stackName, JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')) as Template);

  const exportsByName = new Map<string, { stack: string; value: Json }>();
  for (const [stack, template] of templates) {
    for (const output of Object.values(template.Outputs ?? {})) {
      if (output.Export && typeof output.Export.Name === 'string') exportsByName.set(output.Export.Name, { stack, value: output.Value });
    }
  }

  const physicalName = (stack: string, logicalId: string): string => {
    const resource = templates.get(stack)!.Resources[logicalId];
    if (!resource) throw new Error(`${stack}: no resource ${logicalId}`);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return options.tableName;
      case 'AWS::SES::EmailIdentity':
        return String(resource.Properties?.EmailIdentity);
      default:
        return `${stack}-${logicalId}`;
    }
  };

  const arnOf = (stack: string, logicalId: string): string => {
    const resource = templates.get(stack)!.Resources[logicalId]!;
    const name = physicalName(stack, logicalId);
    const regional = (service: string, rest: string) => `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${rest}`;
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
        return regional('dynamodb', `table/${name}`);
      case 'AWS::KMS::Key':
        return regional('kms', `key/${name}`);
      case 'AWS::SQS::Queue':
        return regional('sqs', name);
      case 'AWS::SNS::Topic':
        return regional('sns', name);
      case 'AWS::Lambda::Function':
        return regional('lambda', `function:${name}`);
      case 'AWS::Logs::LogGroup':
        return regional('logs', `log-group:${name}:*`);
      case 'AWS::IAM::Role':
        return `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${PARTITION}:iam::${ACCOUNT}:policy/${name}`;
      case 'AWS::SES::ConfigurationSet':
        return regional('ses', `configuration-set/${name}`);
      case 'AWS::SES::EmailIdentity':
        return regional('ses', `identity/${name}`);
      case 'AWS::Scheduler::Schedule':
        return regional('scheduler', `schedule/default/${name}`);
      default:
        return regional(resource.Type.split('::')[1]!.toLowerCase(), name);
    }
  };

  const ref = (stack: string, logicalId: string): string => {
    const pseudo: Record<string, string> = {
      'AWS::Region': REGION,
      'AWS::AccountId': ACCOUNT,
      'AWS::Partition': PARTITION,
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stack,
    };
    if (pseudo[logicalId] !== undefined) return pseudo[logicalId];
    const resource = templates.get(stack)!.Resources[logicalId];
    if (!resource) throw new Error(`${stack}: Ref to unknown ${logicalId}`);
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physicalName(stack, logicalId)}`;
      case 'AWS::SNS::Topic':
      case 'AWS::IAM::ManagedPolicy':
        return arnOf(stack, logicalId);
      default:
        return physicalName(stack, logicalId);
    }
  };

  const getAtt = (stack: string, logicalId: string, attribute: string): string => {
    const resource = templates.get(stack)!.Resources[logicalId];
    if (!resource) throw new Error(`${stack}: GetAtt of unknown ${logicalId}`);
    if (attribute === 'Arn') return arnOf(stack, logicalId);
    if (resource.Type === 'AWS::SQS::Queue' && attribute === 'QueueName') return physicalName(stack, logicalId);
    if (resource.Type === 'AWS::SQS::Queue' && attribute === 'QueueUrl') return ref(stack, logicalId);
    if (resource.Type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint')
      return `https://${physicalName(stack, logicalId).toLowerCase()}.execute-api.${REGION}.amazonaws.com`;
    return `${physicalName(stack, logicalId)}.${attribute}`;
  };

  const resolve = (value: unknown, stack: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(v, stack));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      switch (fn) {
        case 'Ref':
          return ref(stack, String(arg));
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
          return getAtt(stack, logicalId!, attribute!);
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, unknown[]];
          return (resolve(parts, stack) as unknown[]).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [number, unknown];
          return (resolve(list, stack) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [separator, source] = arg as [string, unknown];
          return String(resolve(source, stack)).split(separator);
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
          return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            if (variables[name] !== undefined) return String(resolve(variables[name], stack));
            return name.includes('.') ? getAtt(stack, name.split('.')[0]!, name.split('.').slice(1).join('.')) : ref(stack, name);
          });
        }
        case 'Fn::ImportValue': {
          const found = exportsByName.get(String(resolve(arg, stack)));
          if (!found) throw new Error(`${stack}: imports ${JSON.stringify(arg)}, which no stack exports`);
          return resolve(found.value, found.stack);
        }
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, stack)]));
  };

  const findStackOf = (logicalId: string): string => {
    for (const [stack, template] of templates) if (template.Resources[logicalId]) return stack;
    throw new Error(`no stack has ${logicalId}`);
  };

  const functions: DeployedFunction[] = [];
  for (const [stack, template] of templates) {
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const props = resource.Properties ?? {};
      const role = props.Role as { 'Fn::GetAtt': [string, string] } | undefined;
      if (!role?.['Fn::GetAtt']) continue;
      const environment = resolve((props.Environment as { Variables?: Json } | undefined)?.Variables ?? {}, stack) as Record<string, string>;
      const deadLetter = (props.DeadLetterConfig as { TargetArn?: Json } | undefined)?.TargetArn;
      const eventSourceArns = Object.values(template.Resources)
        .filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping' && (r.Properties?.FunctionName as { Ref?: string } | undefined)?.Ref === logicalId)
        .map((r) => String(resolve(r.Properties!.EventSourceArn, stack)));
      functions.push({
        logicalId,
        deadLetterArn: deadLetter ? String(resolve(deadLetter, stack)) : undefined,
        eventSourceArns,
        description: String(props.Description ?? ''),
        roleLogicalId: role['Fn::GetAtt'][0],
        roleArn: arnOf(stack, role['Fn::GetAtt'][0]),
        environment,
        memorySize: Number(props.MemorySize ?? 128),
        timeoutSeconds: Number(props.Timeout ?? 3),
      });
    }
  }

  const policiesOfRole = (roleLogicalId: string): PolicyDocument[] => {
    const stack = findStackOf(roleLogicalId);
    const template = templates.get(stack)!;
    const role = template.Resources[roleLogicalId]!;
    const managedArns = (role.Properties?.ManagedPolicyArns as Json[] | undefined) ?? [];
    const documents: PolicyDocument[] = [];
    for (const arn of managedArns) {
      const resolved = String(resolve(arn, stack));
      const local = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && arnOf(stack, id) === resolved);
      if (!local) throw new Error(`${roleLogicalId} has the managed policy ${resolved}, which the harness cannot read: give the role its own statements`);
      documents.push(resolve(local[1].Properties!.PolicyDocument, stack) as PolicyDocument);
    }
    for (const inline of (role.Properties?.Policies as { PolicyDocument: Json }[] | undefined) ?? [])
      documents.push(resolve(inline.PolicyDocument, stack) as PolicyDocument);
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') continue;
      const roles = (resource.Properties?.Roles as { Ref?: string }[] | undefined) ?? [];
      if (roles.some((r) => r.Ref === roleLogicalId)) documents.push(resolve(resource.Properties!.PolicyDocument, stack) as PolicyDocument);
    }
    return documents;
  };

  const managedPolicy = (descriptionStart: string) => {
    for (const [stack, template] of templates) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (resource.Type === 'AWS::IAM::ManagedPolicy' && String(resource.Properties?.Description ?? '').startsWith(descriptionStart)) {
          return { arn: arnOf(stack, id), document: resolve(resource.Properties!.PolicyDocument, stack) as PolicyDocument };
        }
      }
    }
    throw new Error(`no managed policy described "${descriptionStart}..."`);
  };

  const tableEntry = [...templates].flatMap(([stack, t]) =>
    Object.entries(t.Resources)
      .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
      .map(([id, r]) => ({ stack, id, r })),
  )[0];
  if (!tableEntry) throw new Error('no table in the assembly');
  const keyRef = (tableEntry.r.Properties?.SSESpecification as { KMSMasterKeyId?: Json } | undefined)?.KMSMasterKeyId;
  const keyLogicalId = (keyRef as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  const keyResource = keyLogicalId ? templates.get(tableEntry.stack)!.Resources[keyLogicalId] : undefined;

  const queueUrls = new Map<string, string>();
  for (const [stack, template] of templates) {
    for (const [id, resource] of Object.entries(template.Resources)) if (resource.Type === 'AWS::SQS::Queue') queueUrls.set(ref(stack, id), arnOf(stack, id));
  }

  return {
    tableName: options.tableName,
    tableArn: arnOf(tableEntry.stack, tableEntry.id),
    tableKeyArn: keyRef ? String(resolve(keyRef, tableEntry.stack)) : '',
    tableKeyPolicy: keyResource ? (resolve(keyResource.Properties!.KeyPolicy, tableEntry.stack) as PolicyDocument) : undefined,
    functions,
    fn: (start) => {
      const matches = functions.filter((f) => f.description.startsWith(start));
      if (matches.length !== 1) throw new Error(`${matches.length} functions are described "${start}..."`);
      return matches[0]!;
    },
    policiesOfRole,
    managedPolicy,
    queueArnByUrl: (url) => queueUrls.get(url),
    resolve: (value, stack) => resolve(value, stack ?? [...templates.keys()][0]!),
  };
}
