import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bundleLambda, LAMBDA_IMPORTER_SUBSTITUTES, LAMBDA_MODULE_SUBSTITUTES } from '../../infra/constructs/lambda-esbuild.js';
import { SDK_NODE_NOTICE_SILENCED } from '../lib/sdk-node-notice.js';
import { median, percentile, round } from './measure.js';

const run = promisify(execFile);

/** Cold-start proxy: bundle size and import time in a fresh Node, against two baselines built here. */
export async function benchBundles(runs: number) {
  const { loadOrgConfig } = await import('../../shared/config.js');
  const { App } = await import('aws-cdk-lib');
  const { buildApp } = await import('../../infra/build-app.js');
  const outdir = await mkdtemp(join(tmpdir(), 'bench-cdk-'));
  const context = JSON.parse(await readFile('cdk.json', 'utf8')).context;
  const app = new App({ outdir, context });
  const demo = await loadOrgConfig('orgs/demo.json');
  const { service } = buildApp(app, demo);
  app.synth();
  const template = JSON.parse(await readFile(join(outdir, `${service.stackName}.template.json`), 'utf8'));
  const functions = Object.entries(template.Resources as Record<string, { Type: string; Properties: { Code: { S3Key: string }; Description?: string } }>)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && (r.Properties.Description ?? '').startsWith('Care Pulse'))
    .map(([id, r]) => ({
      name: (r.Properties.Description ?? id).split(':')[0]!.replace('Care Pulse ', ''),
      file: join(outdir, `asset.${r.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
    }));

  // Baselines, built by the same bundleLambda as our functions (same esbuild settings and
  // plugins): a hello-world handler, and what a team gets without trying.
  const baseDir = await mkdtemp(join(tmpdir(), 'bench-baseline-'));
  await writeFile(join(baseDir, 'hello.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "hello" });\n');
  await writeFile(
    join(baseDir, 'naive.mjs'),
    [
      "import { Hono } from 'hono';",
      "import { handle } from 'hono/aws-lambda';",
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
      'const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      'const app = new Hono();',
      "app.get('/p/:token', async (c) => c.json((await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: c.req.param('token') } }))).Item ?? {}));",
      'export const handler = handle(app);',
    ].join('\n'),
  );
  // The lean variant is the naive bundle given our module substitutes too (credentials from
  // the environment only): what is left of the ratio then is our code, not that choice.
  const baselines: { name: string; file: string }[] = [];
  for (const [name, source, substitutes] of [
    ['hello', 'hello', false],
    ['naive', 'naive', false],
    ['naiveLean', 'naive', true],
  ] as const) {
    const outfile = join(baseDir, `${name}.bundle.mjs`);
    const ours = substitutes ? { alias: LAMBDA_MODULE_SUBSTITUTES, importerSubstitutes: LAMBDA_IMPORTER_SUBSTITUTES } : {};
    await bundleLambda({ entry: join(baseDir, `${source}.mjs`), outfile, ...ours, nodePaths: [resolve('node_modules')] });
    baselines.push({ name, file: outfile });
  }

  // Lambda's Node 22 prints no SDK notice; an older Node here would, inside the timed import.
  const env = {
    PATH: process.env.PATH,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    TABLE_NAME: 't',
    WAVE_SECRET_PREFIX: 'p/',
    PUBLIC_BASE_URL: 'https://x.invalid',
    EMAIL_DELIVERY_QUEUE_URL: 'https://q.invalid/email',
    SMS_DELIVERY_QUEUE_URL: 'https://q.invalid/sms',
    EMAIL_FROM: 'a@b.example',
    SEND_CONCURRENCY: '2',
    LOG_LEVEL: 'silent',
    ...SDK_NODE_NOTICE_SILENCED,
  };
  const importOnce = async (file: string) => {
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`],
      { env },
    );
    return Number(stdout.trim().split('\n').pop());
  };
  // Interleaved: each round imports every bundle once, starting one further along each time,
  // after one unmeasured import of each (the file cache). The machine's speed drifts over
  // seconds by more than the differences measured here, so a ratio is taken within each round,
  // between processes started moments apart, and the median over rounds is reported with its
  // quartiles; a ratio of two medians taken over the whole run moved by a tenth between runs.
  const all = [...baselines, ...functions];
  for (const b of all) await importOnce(b.file);
  const samples = new Map<string, number[]>(all.map((b) => [b.file, []]));
  for (let pass = 0; pass < runs; pass++) {
    for (let k = 0; k < all.length; k++) {
      const b = all[(pass + k) % all.length]!;
      samples.get(b.file)!.push(await importOnce(b.file));
    }
  }
  const measured = async (b: { name: string; file: string }) => ({
    name: b.name,
    bytes: (await stat(b.file)).size,
    importMs: round(median(samples.get(b.file)!), 1),
  });
  /** Median and quartiles over rounds of this bundle's import time / the baseline's in the same round. */
  const paired = (b: { file: string }, baseline: { file: string }) => {
    const own = samples.get(b.file)!;
    const theirs = samples.get(baseline.file)!;
    const ratios = own.map((ms, pass) => ms / theirs[pass]!).sort((x, y) => x - y);
    return { ratio: round(percentile(ratios, 50), 2), quartiles: [round(percentile(ratios, 25), 2), round(percentile(ratios, 75), 2)] as const };
  };
  const hello = await measured(baselines[0]!);
  const naive = await measured(baselines[1]!);
  const naiveLean = await measured(baselines[2]!);
  const bundles = [];
  for (const f of functions) {
    const m = await measured(f);
    const againstNaive = paired(f, baselines[1]!);
    bundles.push({
      ...m,
      initRatio: paired(f, baselines[0]!).ratio,
      baselineRatio: againstNaive.ratio,
      baselineRatioQuartiles: againstNaive.quartiles,
      leanBaselineRatio: paired(f, baselines[2]!).ratio,
      sizeRatio: round(m.bytes / naive.bytes, 2),
    });
  }
  // The demo organization's service template, bundled as deployed: later sections read the
  // functions' settings from it rather than synthesize again.
  return { bundles, baselines: { hello, naive, naiveLean }, runs, serviceTemplate: join(outdir, `${service.stackName}.template.json`) };
}
