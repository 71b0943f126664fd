/**
 * `dispatch.fiftyThousand`: opening a wave for the health system the design promises (50,000
 * staff in 2,000 departments), beside the dispatch function's memory and timeout as the CDK
 * stack sets them. Prints one JSON line.
 * Usage: node --import tsx scripts/bench/dispatch-scale.ts <dynamodb endpoint> <staff> <departments>
 *   [--template <a synthesized service stack's template.json>] [--cpu-prof <dir>]
 *
 * This process stores the roster and reads the limits from a synthesized template; the open
 * runs in another (open-wave-process.ts, plain node over a bundle, see own-process.ts), so
 * its peak memory is the open's alone, beside an empty process run the same way.
 */
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { healthSystemOrg, healthSystemRoster } from './health-system.js';
import { round, timed } from './measure.js';
import type { openWaveHere } from './open-wave-process.js';
import { bundleForOwnProcess, lastJsonLine } from './own-process.js';

const templateSchema = z.object({
  Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).optional() })),
});
const functionSchema = z.object({
  Description: z.string(),
  MemorySize: z.number(),
  Timeout: z.number(),
  Role: z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }),
});
const policySchema = z.object({
  Roles: z.array(z.object({ Ref: z.string() })),
  PolicyDocument: z.object({ Statement: z.array(z.object({ Action: z.union([z.string(), z.array(z.string())]) })) }),
});

/**
 * The dispatch function's limits as the stack sets them: memory, timeout and the DynamoDB
 * actions its role grants, read from a synthesized service stack's template.
 */
export function dispatchLimitsIn(templateFile: string) {
  const { Resources } = templateSchema.parse(JSON.parse(readFileSync(templateFile, 'utf8')));
  const resources = Object.values(Resources);
  const dispatch = resources
    .flatMap((r) => (r.Type === 'AWS::Lambda::Function' ? [functionSchema.safeParse(r.Properties)] : []))
    .find((f) => f.success && f.data.Description.startsWith('Care Pulse dispatch'));
  if (!dispatch?.success) throw new Error(`no function described "Care Pulse dispatch…" with a memory size, timeout and role in ${templateFile}`);
  const role = dispatch.data.Role['Fn::GetAtt'][0];
  const granted = resources
    .flatMap((r) => (r.Type === 'AWS::IAM::Policy' ? [policySchema.parse(r.Properties)] : []))
    .filter((policy) => policy.Roles.some((r) => r.Ref === role))
    .flatMap((policy) => policy.PolicyDocument.Statement.flatMap((s) => [s.Action].flat()))
    .filter((action) => action.startsWith('dynamodb:'))
    .map((action) => action.slice('dynamodb:'.length));
  return { memoryMb: dispatch.data.MemorySize, timeoutSeconds: dispatch.data.Timeout, grantedDynamoActions: [...new Set(granted)].sort() };
}

/**
 * The same, from `org`'s service stack synthesized here without bundling (as the
 * infrastructure tests do: the templates are the same but for asset hashes).
 */
export async function dispatchLimits(org: OrgConfig) {
  const { App } = await import('aws-cdk-lib');
  const { buildApp } = await import('../../infra/build-app.js');
  const outdir = await mkdtemp(join(tmpdir(), 'bench-cdk-'));
  try {
    const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const { service } = buildApp(app, org);
    try {
      app.synth();
    } catch (error) {
      // The policy checks run on templates already written: a finding fails synthesis but
      // changes no memory size or timeout, so the bench reads them and says so.
      console.error(
        `Synthesis failed its checks; reading the dispatch function's limits from the template it wrote: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return dispatchLimitsIn(join(outdir, `${service.stackName}.template.json`));
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** The IAM action each of the document client's commands needs. */
const IAM_ACTION: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactWrite: 'TransactWriteItems',
  TransactGet: 'TransactGetItems',
};

/**
 * Stores a roster of `staff` people in `departments` departments (the store's own batch
 * writes), then opens a wave for them in a process of its own, beside the dispatch
 * function's limits: from `template` (a synthesized service stack; the run passes the one
 * its bundles section made) or else synthesized here for this organization. They are the
 * same for every organization: the stack sets them, not the org file.
 */
export async function benchDispatchAtScale(endpoint: string, staff: number, departments: number, options: { cpuProfileDir?: string; template?: string } = {}) {
  const org = healthSystemOrg(departments);
  const limits = options.template ? dispatchLimitsIn(options.template) : await dispatchLimits(org);
  const { client, documentClient } = createDynamoClients({ endpoint });
  const tableName = `bench-${randomUUID()}`;
  await ensureTable(client, tableName);
  const dir = await mkdtemp(join(tmpdir(), 'bench-dispatch-'));
  try {
    const roster = healthSystemRoster(departments, staff);
    const { ms: seedMs } = await timed(() => dynamoStores({ client: documentClient, tableName }).roster.putStaff(roster));
    const bundle = await bundleForOwnProcess(dir, { 'open-wave-process': fileURLToPath(new URL('./open-wave-process.ts', import.meta.url)) });
    const baselineRssMb = await bundle.baselineRssMb();
    const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', resolve(options.cpuProfileDir)] : [];
    const open = (await lastJsonLine([...profile, bundle.path('open-wave-process'), endpoint, tableName, String(departments)])) as Awaited<
      ReturnType<typeof openWaveHere>
    >;
    const used = Object.keys(open.requestsByOperation).map((command) => IAM_ACTION[command] ?? command);
    return {
      staff: roster.length,
      ...open,
      baselineRssMb,
      seedSeconds: round(seedMs / 1000, 1),
      limitSeconds: limits.timeoutSeconds,
      limitMb: limits.memoryMb,
      secondsOfLimit: round(open.seconds / limits.timeoutSeconds, 3),
      mbOfLimit: round(open.peakRssMb / limits.memoryMb, 3),
      // What the open calls that the function's role does not grant: on AWS each is refused.
      notGranted: used.filter((action) => !limits.grantedDynamoActions.includes(action)).sort(),
      grantedDynamoActions: limits.grantedDynamoActions,
    };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The open's steps as a reader names them: what each method of the store, secrets and queue does there. */
const STEP_NAMES: Record<string, string> = {
  'store.listWaves': 'waves listed',
  'store.listStaff': 'roster read',
  'store.listActions': 'actions read',
  'secrets.create': 'secret created',
  'store.issueTokens': 'tokens issued',
  'store.createWave': 'wave written',
  'store.getWave': 'wave read',
  'queue.enqueue': 'deliveries queued',
  'store.markDispatched': 'departments marked sent',
};

/**
 * Where the open's time went, in order: each step that took at least `atLeast` seconds, and
 * the rest (smaller steps, and the work between them: the plan, the tokens derived) together.
 */
export function describeTime(
  open: { seconds: number; phases: { step: string; calls: number; fromSeconds: number; toSeconds: number }[] },
  atLeast = 0.5,
): string {
  const shown = open.phases.filter((p) => p.toSeconds - p.fromSeconds >= atLeast);
  const rest = open.seconds - shown.reduce((sum, p) => sum + (p.toSeconds - p.fromSeconds), 0);
  return [
    ...shown.map((p) => `${STEP_NAMES[p.step] ?? p.step} ${round(p.toSeconds - p.fromSeconds, 1)} s${p.calls > 1 ? ` (${p.calls} calls)` : ''}`),
    `the rest ${round(rest, 1)} s`,
  ].join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'cpu-prof': { type: 'string' }, template: { type: 'string' } } });
  const [endpoint, staff, departments] = positionals;
  if (!endpoint || !staff || !departments)
    throw new Error('usage: dispatch-scale.ts <dynamodb endpoint> <staff> <departments> [--template <service.template.json>] [--cpu-prof <dir>]');
  const { 'cpu-prof': cpuProfileDir, template } = values;
  console.log(
    JSON.stringify(
      await benchDispatchAtScale(endpoint, Number(staff), Number(departments), {
        ...(cpuProfileDir ? { cpuProfileDir } : {}),
        ...(template ? { template } : {}),
      }),
    ),
  );
}
