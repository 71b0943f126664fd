import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadOrgConfig } from '../../shared/config.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { SDK_NODE_NOTICE_SILENCED } from '../../scripts/lib/sdk-node-notice.js';
import { synthesize } from '../support/synth.js';

const run = promisify(execFile);

/**
 * What a bundle may weigh before someone has to look at why (minified, without its source
 * map). The API serves every pulse page, so its cold start matters most: 400 KB, as #15 set,
 * and 440 KB since staff's comments are scrubbed where they arrive, with a names list and a
 * theme lexicon in two languages (docs/design.md, "Comments are scrubbed in the API").
 */
const BUNDLE_BUDGET_BYTES = 440 * 1024;
const API_BUDGET_BYTES = 440 * 1024;

interface Bundle {
  functionPath: string;
  file: string;
  bytes: number;
  /** The function's environment, with deploy-time references replaced by stand-ins. */
  environment: Record<string, string>;
  /** Built by us (an ESM bundle); the others are CDK's own providers. */
  ours: boolean;
}

/** A stand-in for a value CloudFormation fills in at deploy time (a queue URL, a table name). */
function standIn(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (name.endsWith('_URL')) return `https://${name.toLowerCase().replaceAll('_', '-')}.example.invalid/x`;
  return `${name.toLowerCase()}-from-deploy`;
}

/**
 * What Lambda gives every function's process. On a Node older than Lambda's 22, the SDK would
 * also print its notice about Node 22, which Lambda never shows (scripts/lib/sdk-node-notice.ts).
 */
const LAMBDA_PROVIDES = { PATH: process.env.PATH, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', ...SDK_NODE_NOTICE_SILENCED };

let bundles: Bundle[] = [];

beforeAll(async () => {
  bundles = bundlesOf(await loadOrgConfig('orgs/demo.json'));
}, 120_000);

/** Synthesizes an org's stacks with their functions bundled, and finds each function's bundle. */
function bundlesOf(org: OrgConfig): Bundle[] {
  const synth = synthesize(org, { bundle: true });
  const functions = synth.service.findResources('AWS::Lambda::Function');
  // Code.S3Key is `<asset hash>.zip`; the cloud assembly keeps the bundle in `asset.<hash>/`.
  return Object.entries(functions).map(([logicalId, resource]) => {
    const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    // The handler setting names the file and the export: `index.handler` -> index.mjs (ours) or index.js (CDK's own).
    const [module = 'index'] = String(resource.Properties.Handler).split('.');
    const dir = join(synth.outdir, `asset.${hash}`);
    const file = [`${module}.mjs`, `${module}.js`].map((name) => join(dir, name)).find((candidate) => existsSync(candidate)) ?? join(dir, `${module}.mjs`);
    const variables = (resource.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
    const environment = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, standIn(name, value)]));
    const ours = String(resource.Properties.Description ?? '').startsWith('Care Pulse');
    return { functionPath: logicalId, file, bytes: existsSync(file) ? statSync(file).size : 0, environment, ours };
  });
}

/** Imports a bundle in a plain Node process, as Lambda does, and runs a script against its exports. */
async function inPlainNode(bundle: Bundle, script: string) {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(bundle.file)});\n${script}`], {
    // What Lambda provides, plus the function's own settings from the template.
    env: { ...LAMBDA_PROVIDES, LOG_LEVEL: 'silent', ...bundle.environment },
  });
  return stdout;
}

describe('Lambda bundles', () => {
  it('are produced for every function, as ESM files under the size budget', () => {
    expect(
      bundles
        .filter((b) => b.ours)
        .map((b) => b.functionPath.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual(['ApiFunction', 'DistributionAlertsFunction', 'DistributionDispatchFunction', 'DistributionSendFunction', 'DistributionSendSmsFunction'].sort());
    for (const bundle of bundles) {
      expect(bundle.bytes, bundle.functionPath).toBeGreaterThan(0);
      expect(bundle.bytes, bundle.functionPath).toBeLessThan(bundle.functionPath.startsWith('ApiFunction') ? API_BUDGET_BYTES : BUNDLE_BUDGET_BYTES);
      if (bundle.ours) expect(readdirSync(join(bundle.file, '..'))).toContain('index.mjs.map');
    }
  });

  it('load in plain Node and export a handler function', async () => {
    for (const bundle of bundles) {
      // CommonJS bundles (CDK's own) expose their exports on the default export when imported.
      const out = await inPlainNode(bundle, 'console.log(typeof (m.handler ?? m.default?.handler));');
      expect(out.trim(), bundle.functionPath).toBe('function');
    }
  });

  it('answer an API Gateway request without touching AWS when the path needs no data', async () => {
    const api = bundles.find((b) => b.functionPath.includes('ApiFunction'))!;
    const event = (method: string, path: string) => ({
      version: '2.0',
      routeKey: `${method} ${path}`,
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'pulse.example.org', 'accept-language': 'es' },
      requestContext: {
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'test' },
        requestId: 'r1',
        routeKey: '$default',
        stage: '$default',
        domainName: 'pulse.example.org',
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    });
    const out = await inPlainNode(
      api,
      `const health = await m.handler(${JSON.stringify(event('GET', '/healthz'))}, {});
       const unknown = await m.handler(${JSON.stringify(event('GET', '/p/nonsense'))}, {});
       const dashboard = await m.handler(${JSON.stringify(event('GET', '/d/nonsense'))}, {});
       console.log(JSON.stringify({ health: health.statusCode, body: health.body, unknown: unknown.statusCode, page: unknown.body.includes('No reconocemos'), csp: unknown.headers['content-security-policy'], dashboard: dashboard.statusCode, dashboardPage: dashboard.body.includes('No reconocemos este enlace al panel') }));`,
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result).toMatchObject({ health: 200, body: '{"ok":true}', unknown: 404, page: true, dashboard: 404, dashboardPage: true });
    expect(result.csp).toContain("default-src 'none'");
  });

  it('log where an unexpected error was thrown in our sources, though they start without source maps', async () => {
    const api = bundles.find((b) => b.functionPath.includes('ApiFunction'))!;
    const path = '/p/AAAAAAAAAAAAAAAAAAAAAA';
    const event = {
      version: '2.0',
      routeKey: `GET ${path}`,
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'pulse.example.org' },
      requestContext: {
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.1', userAgent: 'test' },
        requestId: 'r1',
        routeKey: '$default',
        stage: '$default',
        domainName: 'pulse.example.org',
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    };
    // A stand-in DynamoDB on this machine answers with a token item this version cannot read
    // (as after a botched migration): the store throws, and the API logs it as unhandled.
    const userAgents: string[] = [];
    const fakeDynamo = createServer((request, response) => {
      userAgents.push(String(request.headers['user-agent']));
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      response.end(JSON.stringify({ Item: { pk: { S: 'TOKEN#x' }, sk: { S: 'TOKEN' }, waveId: { N: '5' } } }));
    });
    await new Promise<void>((resolve) => fakeDynamo.listen(0, '127.0.0.1', resolve));
    const { port } = fakeDynamo.address() as AddressInfo;
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(api.file)}); const r = await m.handler(${JSON.stringify(event)}, {}); console.log(JSON.stringify({ status: r.statusCode }));`,
      ],
      {
        env: { ...LAMBDA_PROVIDES, AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`, ...api.environment },
      },
    ).finally(() => fakeDynamo.close());
    const lines = stdout.trim().split('\n');
    expect(JSON.parse(lines.pop()!)).toEqual({ status: 500 });
    const entries = [...lines, ...stderr.trim().split('\n')].filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>);
    const unhandled = entries.find((entry) => entry.message === 'unhandled')!;
    expect(unhandled).toMatchObject({ level: 'ERROR', service: 'api', error: 'StoredDataError' });
    // Each request's line names its route pattern, never the path that carries the token.
    expect(entries.find((entry) => entry.message === 'request')).toMatchObject({
      level: 'INFO',
      service: 'api',
      method: 'GET',
      route: '/p/:token',
      status: 500,
    });
    for (const entry of entries) expect(entry.timestamp, JSON.stringify(entry)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(unhandled.at).toMatch(/^shared\/adapters\/dynamodb\/table-io\.ts:\d+:\d+ < shared\/adapters\/dynamodb\/answer-store\.ts:\d+:\d+/);
    expect(unhandled.at).not.toContain('index.mjs');
    expect(JSON.stringify(unhandled)).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
    // The client's version still reaches AWS, though the bundle keeps only that of its manifest.
    const { version } = JSON.parse(readFileSync('node_modules/@aws-sdk/client-dynamodb/package.json', 'utf8')) as { version: string };
    expect(userAgents[0]).toContain(`api/dynamodb#${version}`);
  });

  it('start without loading the web streams API, which only a streamed response would use', async () => {
    for (const bundle of bundles.filter((b) => b.ours)) {
      const out = await inPlainNode(
        bundle,
        'console.log(JSON.stringify(process.moduleLoadList.filter((m) => /stream\\/web|webstreams\\/(adapters|compression|transformstream)/.test(m))));',
      );
      expect(JSON.parse(out.trim().split('\n').pop()!), bundle.functionPath).toEqual([]);
    }
  });

  it('carry the schemas of the AWS operations they call, not every operation of each service', () => {
    const text = (name: string) => readFileSync(bundles.find((b) => b.functionPath.includes(name))!.file, 'utf8');
    // Parsing and building a service's every shape is cold-start time (infra/constructs/sdk-schema-keys.ts).
    // Booleans, so a failure names the schema instead of printing a whole bundle.
    for (const [name, called] of [
      ['SendFunction', '"SendEmailRequest"'],
      ['SendSmsFunction', '"PublishInput"'],
    ] as const) {
      for (const schema of [called, '"GetSecretValueRequest"', '"BatchGetItemInput"'])
        expect(text(name).includes(schema), `${name} lacks ${schema}`).toBe(true);
    }
    for (const name of ['ApiFunction', 'DispatchFunction', 'SendFunction', 'SendSmsFunction', 'AlertsFunction']) {
      const bundle = text(name);
      for (const never of ['"CreateContactListRequest"', '"CreateTopicInput"', '"CreateTableInput"', '"CreateQueueRequest"'])
        expect(bundle.includes(never), `${name} carries ${never}`).toBe(false);
      // Nor mnemonist, whose LRU cache the DynamoDB client's endpoint cache is given a Map-based stand-in for.
      expect(bundle.includes('mnemonist/lru-cache'), `${name} carries mnemonist`).toBe(false);
      // Nor an SDK client's whole package.json, of which it reads the version (infra/constructs/sdk-package-version.ts).
      expect(/devDependencies|"scripts":|scripts:\{/.test(bundle), `${name} carries a package manifest`).toBe(false);
    }
  });

  it('carry the organization config checked at synthesis', () => {
    const api = bundles.find((b) => b.functionPath.includes('ApiFunction'))!;
    expect(readFileSync(api.file, 'utf8')).toContain('Riverside Community Health');
  });
});

describe('Each channel’s send function', () => {
  it('carries its own provider’s client and no other, and loads and answers a batch', async () => {
    const sender = (name: string) => bundles.find((b) => b.functionPath.replace(/[0-9A-F]{8}$/, '') === `Distribution${name}Function`)!;
    // Each provider's service name and the operation its sender calls: none of the other's is loaded at start.
    const ses = ['SimpleEmailService_v2', '"SendEmailRequest"'];
    const sns = ['AmazonSimpleNotificationService', '"PublishInput"', '"CheckIfPhoneNumberIsOptedOutInput"'];
    for (const [name, own, other] of [
      ['Send', ses, sns],
      ['SendSms', sns, ses],
    ] as const) {
      const text = readFileSync(sender(name).file, 'utf8');
      for (const mark of own) expect(text.includes(mark), `${name} lacks ${mark}`).toBe(true);
      for (const mark of other) expect(text.includes(mark), `${name} carries ${mark}`).toBe(false);
      // An empty batch touches no AWS service; the handler runs and reports no failures.
      const out = await inPlainNode(sender(name), 'console.log(JSON.stringify(await m.handler({ Records: [] }, { getRemainingTimeInMillis: () => 60000 })));');
      expect(JSON.parse(out.trim().split('\n').pop()!), name).toEqual({ batchItemFailures: [] });
    }
  });
});
