import { runSimulation } from '@cloud-copilot/iam-simulate';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCOUNT, type PolicyDocument } from './template-model.js';

/**
 * What IAM would decide, offline. Every AWS request the code makes is turned into the
 * authorization requests AWS evaluates for it (one per item of a transaction, one per table
 * of a batch, with the condition keys DynamoDB sets) and evaluated against the caller's
 * policies as synthesized. DynamoDB Local checks nothing; this stands where IAM would.
 */
export interface AuthorizationRequest {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** The resource's own policy, where the service has one that decides too (a KMS key policy). */
  resourcePolicy?: PolicyDocument;
}

export interface Refusal extends AuthorizationRequest {
  principal: string;
  /** What the code sent, e.g. `DynamoDB.BatchWriteItem`. */
  call: string;
  decision: string;
}

export interface Principal {
  /** Who is calling, as the report names it (a function's description, or "admin CLI"). */
  name: string;
  arn: string;
  policies: PolicyDocument[];
}

export class IamGate {
  readonly refusals: Refusal[] = [];
  /** Every authorization request that was allowed, by principal: the grants the code used. */
  readonly allowed = new Map<string, AuthorizationRequest[]>();
  private readonly principals = new Map<string, Principal>();

  /** The access key id a principal's SDK clients sign with, so the gate knows who calls. */
  register(accessKeyId: string, principal: Principal) {
    this.principals.set(accessKeyId, principal);
  }

  principalFor(accessKeyId: string | undefined): Principal {
    const principal = accessKeyId ? this.principals.get(accessKeyId) : undefined;
    if (!principal) throw new Error(`a request signed with access key "${accessKeyId}", which the harness gave nobody`);
    return principal;
  }

  /** Evaluates every authorization a call needs; the call is refused if any one is. */
  async authorize(principal: Principal, call: string, requests: AuthorizationRequest[]): Promise<Refusal | undefined> {
    for (const request of requests) {
      const decision = await evaluate(principal, request);
      if (decision !== 'Allowed') {
        const { resourcePolicy: _policy, ...named } = request;
        const refusal = { principal: principal.name, call, decision, ...named };
        this.refusals.push(refusal);
        return refusal;
      }
      const used = this.allowed.get(principal.name) ?? [];
      used.push(request);
      this.allowed.set(principal.name, used);
    }
    return undefined;
  }

  /** The refusals, one line each, as a failed test shows them. */
  report(): string {
    return this.refusals
      .map((r) => `${r.principal}: ${r.call} needs ${r.action} on ${r.resource}${r.context ? ` ${JSON.stringify(r.context)}` : ''} (${r.decision})`)
      .join('\n');
  }
}

/** IAM's wildcard match: `*` any run of characters, `?` any one. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`).test(value);
}

/**
 * Granted and never used: for each Allow statement of a principal's policies, each action
 * (less those `exempt` says something other than the code uses) and, where the statement is
 * held to partition key patterns, each pattern, some allowed request must have used it.
 * A grant that no path of the scenario needs is a grant to remove.
 */
export function unusedGrants(principal: Principal, used: readonly AuthorizationRequest[], exempt: (action: string, resource: string) => boolean): string[] {
  const unused: string[] = [];
  for (const policy of principal.policies) {
    for (const statement of policy.Statement) {
      if (statement.Effect !== 'Allow') continue;
      const actions = [statement.Action as string | string[]].flat();
      const resources = [statement.Resource as string | string[]].flat();
      const condition = statement.Condition as Record<string, Record<string, string | string[]>> | undefined;
      // The partition patterns a statement is held to (a Null test says only that one is named).
      const patterns = condition
        ? Object.entries(condition).flatMap(([operator, c]) => (operator !== 'Null' && c['dynamodb:LeadingKeys'] ? [c['dynamodb:LeadingKeys']].flat() : []))
        : [];
      for (const action of actions) {
        for (const resource of resources) {
          if (exempt(action, resource)) continue;
          const matching = used.filter((r) => wildcardMatch(action, r.action) && wildcardMatch(resource, r.resource));
          if (patterns.length === 0) {
            if (matching.length === 0) unused.push(`${principal.name}: ${action} on ${resource}`);
            continue;
          }
          for (const pattern of patterns) {
            const keys = (r: AuthorizationRequest) => [r.context?.['dynamodb:LeadingKeys'] ?? []].flat();
            if (!matching.some((r) => keys(r).some((key) => wildcardMatch(pattern, key)))) unused.push(`${principal.name}: ${action} on ${pattern} items`);
          }
        }
      }
    }
  }
  return unused;
}

/**
 * Decisions already made, per principal: a scenario asks the same question thousands of times
 * (the same partition key for each page of a query, the same shard for each answer), and a
 * principal's policies do not change once registered.
 */
const decisions = new WeakMap<Principal, Map<string, Promise<string>>>();

function evaluate(principal: Principal, request: AuthorizationRequest): Promise<string> {
  let made = decisions.get(principal);
  if (!made) decisions.set(principal, (made = new Map()));
  const question = JSON.stringify(request);
  let decision = made.get(question);
  if (!decision) made.set(question, (decision = simulate(principal, request)));
  return decision;
}

async function simulate(principal: Principal, request: AuthorizationRequest): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: principal.policies.map((policy, index) => ({ name: `policy${index}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
      request: {
        action: request.action,
        principal: principal.arn,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: request.context ?? {},
      },
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`the IAM simulator could not evaluate ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

// ---- DynamoDB: what IAM evaluates for each operation ---------------------------------------

type Attribute = { S?: string; N?: string; [type: string]: unknown };
type Item = Record<string, Attribute>;

const partitionKeyOf = (item: Item | undefined) => item?.pk?.S ?? '';

/** The attribute names an update expression sets, adds or removes. */
function updatedAttributes(expression: string | undefined, names: Record<string, string> | undefined): string[] {
  if (!expression) return [];
  const paths = expression
    .replace(/\b(SET|ADD|REMOVE|DELETE)\b/gi, ',')
    .split(',')
    .map((clause) => clause.trim().split(/[\s=+-]/)[0]!)
    .filter((path) => path.length > 0 && !path.startsWith(':'));
  return [...new Set(paths.map((path) => path.split(/[.[]/)[0]!).map((name) => (name.startsWith('#') ? (names?.[name] ?? name) : name)))];
}

const EXPRESSION_WORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
]);

/**
 * The attribute names `dynamodb:Attributes` holds for a write, taken at their widest: those
 * the update sets, those its condition reads, and the key. Whether DynamoDB counts the
 * condition's is not documented plainly; counting them here means a policy that passes here
 * passes on AWS whichever way it counts.
 */
function writtenAttributes(detail: {
  Key?: Item;
  Item?: Item;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}): string[] {
  const names = detail.ExpressionAttributeNames;
  const fromCondition = [...(detail.ConditionExpression ?? '').replace(/:\w+/g, ' ').matchAll(/#?[A-Za-z_][\w]*/g)]
    .map((m) => m[0])
    .filter((word) => !EXPRESSION_WORDS.has(word))
    .map((word) => (word.startsWith('#') ? (names?.[word] ?? word) : word));
  const written = detail.Item ? Object.keys(detail.Item) : updatedAttributes(detail.UpdateExpression, names);
  return [...new Set([...Object.keys(detail.Key ?? {}), ...written, ...fromCondition])];
}

/** The partition key value a query's key condition names (on the table or the index it reads). */
function queriedPartition(body: Record<string, unknown>): string | undefined {
  const condition = String(body.KeyConditionExpression ?? '');
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, Attribute>;
  const hashAttribute = body.IndexName ? `${String(body.IndexName)}pk` : 'pk';
  for (const clause of condition.split(/\band\b/i)) {
    const match = /^\s*\(?\s*([#\w]+)\s*=\s*(:\w+)\s*\)?\s*$/.exec(clause);
    if (!match) continue;
    const name = match[1]!.startsWith('#') ? names[match[1]!] : match[1];
    if (name === hashAttribute) return values[match[2]!]?.S;
  }
  return undefined;
}

/**
 * The authorization requests DynamoDB makes for one API call. Items of a transaction are
 * each authorized as their own action with `dynamodb:EnclosingOperation`; a batch is one
 * request per table naming every partition key it touches. Reads and writes of a table
 * encrypted with a customer managed key also need `kms:Decrypt` on that key (DynamoDB
 * decrypts the table key with the caller's permission).
 */
export function dynamoAuthorizations(
  operation: string,
  body: Record<string, unknown>,
  table: { arn: (name: string) => string; keyArn: string; keyPolicy?: PolicyDocument },
): AuthorizationRequest[] {
  const requests: AuthorizationRequest[] = [];
  const tableArn = (name: unknown, index?: unknown) => `${table.arn(String(name))}${index ? `/index/${String(index)}` : ''}`;
  const kms = () =>
    table.keyArn
      ? [
          {
            action: 'kms:Decrypt',
            resource: table.keyArn,
            context: { 'kms:ViaService': 'dynamodb.us-east-1.amazonaws.com' },
            ...(table.keyPolicy ? { resourcePolicy: table.keyPolicy } : {}),
          },
        ]
      : [];
  const leading = (keys: string[]) => ({ 'dynamodb:LeadingKeys': [...new Set(keys)] });
  switch (operation) {
    case 'GetItem':
    case 'DeleteItem':
      requests.push({ action: `dynamodb:${operation}`, resource: tableArn(body.TableName), context: leading([partitionKeyOf(body.Key as Item)]) });
      break;
    case 'PutItem':
      requests.push({
        action: 'dynamodb:PutItem',
        resource: tableArn(body.TableName),
        context: { ...leading([partitionKeyOf(body.Item as Item)]), 'dynamodb:Attributes': writtenAttributes(body) },
      });
      break;
    case 'UpdateItem':
      requests.push({
        action: 'dynamodb:UpdateItem',
        resource: tableArn(body.TableName),
        context: { ...leading([partitionKeyOf(body.Key as Item)]), 'dynamodb:Attributes': writtenAttributes(body) },
      });
      break;
    case 'Query': {
      const partition = queriedPartition(body);
      if (partition === undefined && !body.IndexName)
        throw new Error(
          `the harness cannot read the partition of the key condition "${String(body.KeyConditionExpression)}": teach queriedPartition its shape`,
        );
      requests.push({
        action: 'dynamodb:Query',
        resource: tableArn(body.TableName, body.IndexName),
        ...(partition !== undefined && !body.IndexName ? { context: leading([partition]) } : {}),
      });
      break;
    }
    case 'Scan':
      requests.push({ action: 'dynamodb:Scan', resource: tableArn(body.TableName, body.IndexName) });
      break;
    case 'BatchGetItem':
      for (const [name, wanted] of Object.entries(body.RequestItems as Record<string, { Keys: Item[] }>)) {
        requests.push({ action: 'dynamodb:BatchGetItem', resource: tableArn(name), context: leading(wanted.Keys.map(partitionKeyOf)) });
      }
      break;
    case 'BatchWriteItem':
      for (const [name, writes] of Object.entries(body.RequestItems as Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]>)) {
        requests.push({
          action: 'dynamodb:BatchWriteItem',
          resource: tableArn(name),
          context: leading(writes.map((w) => partitionKeyOf(w.PutRequest?.Item ?? w.DeleteRequest?.Key))),
        });
      }
      break;
    case 'TransactWriteItems':
      for (const item of body.TransactItems as Record<
        string,
        {
          TableName: string;
          Key?: Item;
          Item?: Item;
          UpdateExpression?: string;
          ConditionExpression?: string;
          ExpressionAttributeNames?: Record<string, string>;
        }
      >[]) {
        const [kind, detail] = Object.entries(item)[0]!;
        const action = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }[kind]!;
        const attributes = kind === 'Put' || kind === 'Update' ? writtenAttributes(detail) : undefined;
        requests.push({
          action: `dynamodb:${action}`,
          resource: tableArn(detail.TableName),
          context: {
            ...leading([partitionKeyOf(detail.Key ?? detail.Item)]),
            'dynamodb:EnclosingOperation': 'TransactWriteItems',
            ...(attributes ? { 'dynamodb:Attributes': attributes } : {}),
          },
        });
      }
      break;
    case 'TransactGetItems':
      for (const item of body.TransactItems as { Get: { TableName: string; Key: Item } }[]) {
        requests.push({
          action: 'dynamodb:GetItem',
          resource: tableArn(item.Get.TableName),
          context: { ...leading([partitionKeyOf(item.Get.Key)]), 'dynamodb:EnclosingOperation': 'TransactGetItems' },
        });
      }
      break;
    default:
      requests.push({ action: `dynamodb:${operation}`, resource: tableArn(body.TableName) });
      return requests;
  }
  return [...requests, ...kms()];
}

/** The access key id in a SigV4 Authorization header. */
export function signingKeyId(authorization: string | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(authorization ?? '')?.[1];
}

/**
 * DynamoDB as a deployed function meets it: a loopback endpoint that evaluates each request
 * against the caller's policies and answers `AccessDeniedException` as DynamoDB does when
 * IAM refuses, else passes it to DynamoDB Local unchanged. Clients reach it through
 * `AWS_ENDPOINT_URL_DYNAMODB`, so the code under test is not changed at all.
 */
export async function startDynamoGate(
  gate: IamGate,
  options: { dynamoEndpoint: string; tableArn: (name: string) => string; tableKeyArn: string; tableKeyPolicy?: PolicyDocument },
): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const upstream = new URL(options.dynamoEndpoint);
  const server: Server = createServer((req, res) => {
    let operation = '';
    void (async () => {
      const body = await readBody(req);
      operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const principal = gate.principalFor(signingKeyId(req.headers.authorization));
      const refusal = await gate.authorize(
        principal,
        `DynamoDB.${operation}`,
        dynamoAuthorizations(operation, JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>, {
          arn: options.tableArn,
          keyArn: options.tableKeyArn,
          ...(options.tableKeyPolicy ? { keyPolicy: options.tableKeyPolicy } : {}),
        }),
      );
      if (refusal) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'AccessDeniedException' });
        res.end(
          JSON.stringify({
            __type: 'com.amazon.coral.service#AccessDeniedException',
            Message: `User: ${principal.arn} is not authorized to perform: ${refusal.action} on resource: ${refusal.resource} because no identity-based policy allows the ${refusal.action} action`,
          }),
        );
        return;
      }
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        res.writeHead(reply.statusCode ?? 500, reply.headers);
        reply.pipe(res);
      });
      forward.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      forward.end(body);
    })().catch((error: unknown) => {
      // Recorded like a refusal, and answered so the SDK does not retry it: a call the gate
      // could not judge must fail the test, not pass unseen behind code that swallows errors.
      const message = error instanceof Error ? error.message : String(error);
      gate.refusals.push({
        principal: signingKeyId(req.headers.authorization) ?? 'unknown',
        call: `DynamoDB.${operation}`,
        action: 'harness',
        resource: message,
        decision: 'NotJudged',
      });
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ValidationException' });
      res.end(JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: `IAM gate: ${message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
