import type { Context } from 'aws-lambda';
import { vi } from 'vitest';
import type { OrgConfig } from '../../../shared/domain/org-config.js';
import type { IamGate } from './iam-gate.js';
import type { DeployedFunction, DeployedModel } from './template-model.js';

/**
 * Runs our functions' real handler modules as Lambda would: each with exactly the environment
 * its synthesized template gives it, the org config built in as its bundle has it, and AWS
 * credentials of its own, which the IAM gate maps to the role the template gives it.
 */
const ENTRIES: Record<string, string> = {
  'Care Pulse API': '../../../functions/api/handler.ts',
  'Care Pulse dispatch': '../../../functions/dispatch/handler.ts',
  'Care Pulse alerts': '../../../functions/alerts/handler.ts',
  'Care Pulse send email': '../../../functions/send/email-handler.ts',
  'Care Pulse send SMS': '../../../functions/send/sms-handler.ts',
};

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface LambdaRunner {
  invoke(descriptionStart: string, event: unknown): Promise<unknown>;
  /** The counter lines (CloudWatch embedded metric format) the functions wrote, parsed. */
  readonly metrics: Record<string, unknown>[];
  /** The environment a function runs with (from its template), for assertions. */
  environmentOf(descriptionStart: string): Record<string, string>;
}

export function lambdaRunner(model: DeployedModel, gate: IamGate, options: { org: OrgConfig; dynamoEndpoint: string }): LambdaRunner {
  const loaded = new Map<string, Handler>();
  const metrics: Record<string, unknown>[] = [];
  const baseEnv = { ...process.env };

  const useEnvironmentOf = (fn: DeployedFunction) => {
    for (const name of Object.keys(process.env)) if (!(name in baseEnv)) delete process.env[name];
    Object.assign(process.env, fn.environment, {
      AWS_ACCESS_KEY_ID: fn.roleLogicalId,
      AWS_SECRET_ACCESS_KEY: 'harness',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
  };

  for (const fn of model.functions) {
    if (!Object.keys(ENTRIES).some((start) => fn.description.startsWith(start))) continue;
    gate.register(fn.roleLogicalId, { name: fn.description.split(':')[0]!, arn: fn.roleArn, policies: model.policiesOfRole(fn.roleLogicalId) });
  }

  const handlerOf = async (descriptionStart: string): Promise<Handler> => {
    const fn = model.fn(descriptionStart);
    useEnvironmentOf(fn);
    const cached = loaded.get(descriptionStart);
    if (cached) return cached;
    const entry = Object.entries(ENTRIES).find(([start]) => descriptionStart.startsWith(start))?.[1];
    if (!entry) throw new Error(`no handler module for "${descriptionStart}"`);
    // A module of its own per function, as each is its own bundle: module-level clients and
    // settings are built under that function's environment and credentials.
    vi.resetModules();
    (globalThis as { __ORG_CONFIG_JSON__?: string }).__ORG_CONFIG_JSON__ = JSON.stringify(options.org);
    const module = (await import(/* @vite-ignore */ entry)) as { handler: Handler };
    loaded.set(descriptionStart, module.handler);
    return module.handler;
  };

  return {
    async invoke(descriptionStart, event) {
      const handler = await handlerOf(descriptionStart);
      const fn = model.fn(descriptionStart);
      const deadline = Date.now() + fn.timeoutSeconds * 1000;
      const context = {
        functionName: fn.logicalId,
        awsRequestId: `req-${Math.random().toString(16).slice(2)}`,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      } as unknown as Context;
      // Counter lines go to CloudWatch from stdout on Lambda; here they are kept, not printed.
      const write = process.stdout.write;
      process.stdout.write = (chunk: unknown, ...rest: unknown[]) => {
        if (typeof chunk === 'string' && chunk.startsWith('{"_aws"')) {
          metrics.push(JSON.parse(chunk) as Record<string, unknown>);
          return true;
        }
        return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
      };
      try {
        return await handler(event, context);
      } finally {
        process.stdout.write = write;
      }
    },
    metrics,
    environmentOf: (descriptionStart) => model.fn(descriptionStart).environment,
  };
}

/** An API Gateway HTTP API (payload 2.0) request for the API function, and its reply as a Response. */
export function httpApiClient(runner: LambdaRunner, baseUrl: string) {
  return {
    async request(path: string, init: RequestInit = {}): Promise<Response> {
      const url = new URL(path, baseUrl);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const body = init.body === undefined || init.body === null ? undefined : String(init.body);
      const method = (init.method ?? 'GET').toUpperCase();
      const reply = (await runner.invoke('Care Pulse API', {
        version: '2.0',
        routeKey: '$default',
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: { host: url.host, ...headers },
        requestContext: {
          http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: headers['user-agent'] ?? '' },
          domainName: url.host,
          requestId: 'r',
          routeKey: '$default',
          stage: '$default',
          time: '',
          timeEpoch: Date.now(),
        },
        ...(body !== undefined ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
      })) as { statusCode: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean };
      const content = reply.body === undefined ? undefined : reply.isBase64Encoded ? Buffer.from(reply.body, 'base64') : reply.body;
      return new Response(reply.statusCode === 204 || reply.statusCode === 304 ? null : content, { status: reply.statusCode, headers: reply.headers ?? {} });
    },
  };
}
