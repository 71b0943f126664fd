/**
 * `npm run bench [-- --quick]`: where we stand against the limits, measured in one run on
 * this machine. Every ratio compares against a baseline measured in the same run, so a
 * noisy shared machine shifts both sides alike. Writes .local/bench.json and, from a full run,
 * the dated snapshot in docs/benchmarks.md.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { startDynamoLocal } from '../lib/dynamodb-local.js';
import '../lib/local-env.js';
import { printTable } from './measure.js';
import { printedReport, report, withSnapshot } from './snapshot.js';
import { benchAwsModel } from './aws-model.js';
import { benchCrash } from './crash.js';
import { benchAlerts } from './alerts.js';
import { benchBurst, benchDispatch, benchPage, benchSubmit } from './sections.js';
import { benchBundles } from './bundles.js';
import type { benchRoster } from './roster-process.js';
import { describeTime, type benchDispatchAtScale } from './dispatch-scale.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
import { runSignalSimulation } from './signal.js';
import { SIGNAL_RULES } from './signal-rules.js';
import { benchSuppression } from './suppression.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick === true;
const size = quick
  ? {
      submit: 300,
      burst: 300,
      awsModel: { windowSeconds: 12, oneDepartment: 200, spreadDepartments: 400, spreadAnswers: 2_000 },
      bundleRuns: 11,
      alertDepartments: 200,
      suppressionDepartments: 400,
      roster: 10_000,
      dispatch: 1_000,
      dispatchScale: { staff: 10_000, departments: 400 },
      crash: 200,
      signal: { departments: 100, waves: 12, seeds: [42, 43] },
    }
  : {
      submit: 2_000,
      burst: 1_000,
      awsModel: { windowSeconds: 60, oneDepartment: 1_000, spreadDepartments: 2_000, spreadAnswers: 10_000 },
      bundleRuns: 41,
      alertDepartments: 2_000,
      suppressionDepartments: 2_000,
      roster: 50_000,
      dispatch: 10_000,
      dispatchScale: { staff: 50_000, departments: 2_000 },
      crash: 600,
      signal: { departments: 500, waves: 12, seeds: [42, 43, 44, 45] },
    };

async function main() {
  const started = Date.now();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
  report(`Care Pulse benchmark (${quick ? 'quick' : 'full'}) on ${machine.cpus} cores, ${machine.memoryGb} GiB, Node ${machine.node}`);
  const dynamo = await startDynamoLocal();
  const results: Record<string, unknown> = { machine, quick };
  try {
    const submit = await benchSubmit(dynamo.endpoint, size.submit);
    results.submit = submit;
    printTable(`Submit path (${submit.n} answers each side, 16 at a time, same HTTP listener, interleaved rounds)`, [
      ['app over HTTP', `${submit.app.perSecond}/s, p50 ${submit.app.p50ms} ms, p99 ${submit.app.p99ms} ms, ${submit.app.cpuMsPerAnswer} CPU ms/answer`],
      [
        'bare transaction over HTTP',
        `${submit.bare.perSecond}/s, p50 ${submit.bare.p50ms} ms, p99 ${submit.bare.p99ms} ms, ${submit.bare.cpuMsPerAnswer} CPU ms/answer`,
      ],
      ['submit.ratio (app / bare)', String(submit.ratio)],
      ['submit.requestsPerAnswer', String(submit.requestsPerAnswer)],
      ['submit.lost', String(submit.lost)],
    ]);

    const awsModel = await benchAwsModel(dynamo.endpoint, size.awsModel);
    results.awsModel = awsModel;
    const burstLine = (b: typeof awsModel.oneDepartment) =>
      `${b.answersPerSecond}/s, ${b.conflicts} conflicts, ${b.retries} retries, ${b.busyReplies} told to retry (503), ${b.lost} lost, hottest partition ${b.hottestPartitionWcu} WCU/s (${b.hottestPartition})`;
    printTable(
      `Under the DynamoDB model (${awsModel.model.serviceLatencyMs} ms per transaction, 1,000 WCU/s per partition; answers arriving at random over ${awsModel.model.windowSeconds} s)`,
      [
        [`one department, ${awsModel.oneDepartment.answers} answers`, burstLine(awsModel.oneDepartment)],
        [`${size.awsModel.spreadDepartments} departments, ${awsModel.spread.answers} answers`, burstLine(awsModel.spread)],
        [`withWaveCheck, one department`, burstLine(awsModel.withWaveCheck.oneDepartment)],
        [`withWaveCheck, ${size.awsModel.spreadDepartments} departments`, burstLine(awsModel.withWaveCheck.spread)],
      ],
    );

    const burst = await benchBurst(dynamo.endpoint, size.burst);
    results.burst = burst;
    printTable(`Shift-change burst (${burst.n} answers, 100 at a time)`, [
      ['one department', `${burst.oneDepartment.perSecond}/s, p99 ${burst.oneDepartment.p99ms} ms, errors ${burst.oneDepartment.errors}`],
      ['50 departments', `${burst.fiftyDepartments.perSecond}/s, p99 ${burst.fiftyDepartments.p99ms} ms, errors ${burst.fiftyDepartments.errors}`],
      ['burst.ratio (one / spread)', String(burst.ratio)],
      ['burst.lost', String(burst.lost)],
      [
        'on AWS, per department',
        `~${burst.awsAnswersPerSecondPerDepartment} answers/s (1,000 WCU/s per partition, 2 WCU per transactional write; ${burst.shards} shards)`,
      ],
    ]);

    const page = await benchPage(dynamo.endpoint);
    results.page = page;
    printTable('Pulse page', [
      ['page.gzipBytes', `${page.gzipBytes} (budget ${page.budgetGzipBytes}; ${page.bytes} raw)`],
      ['page.requests', String(page.requests)],
    ]);

    const bundles = await benchBundles(size.bundleRuns);
    results.bundles = bundles.bundles;
    results.bundleBaselines = bundles.baselines;
    printTable(`Lambda bundles (import time, median of ${bundles.runs} fresh processes, interleaved; ratios within each round, median [quartiles])`, [
      ['hello-world baseline', `${(bundles.baselines.hello.bytes / 1024).toFixed(1)} KB, ${bundles.baselines.hello.importMs} ms`],
      ['naive Hono + DynamoDB baseline', `${(bundles.baselines.naive.bytes / 1024).toFixed(0)} KB, ${bundles.baselines.naive.importMs} ms`],
      ['the same, credentials from the environment', `${(bundles.baselines.naiveLean.bytes / 1024).toFixed(0)} KB, ${bundles.baselines.naiveLean.importMs} ms`],
      ...bundles.bundles.map((b): [string, string] => [
        b.name,
        `${(b.bytes / 1024).toFixed(0)} KB, ${b.importMs} ms, initRatio ${b.initRatio}, baselineRatio ${b.baselineRatio} [${b.baselineRatioQuartiles.join('-')}], leanBaselineRatio ${b.leanBaselineRatio}`,
      ]),
    ]);

    const alerts = await benchAlerts(dynamo.endpoint, size.alertDepartments);
    results.alerts = alerts;
    printTable(`Alert evaluation (${alerts.departments} departments, ${alerts.waves} closed waves)`, [
      ['as seeded', `${alerts.base.ms} ms, ${alerts.base.requests} requests, ${alerts.base.readUnits} read units, ${alerts.base.groups} groups published`],
      ['ten times the answers', `${alerts.tenTimesAnswers.ms} ms, ${alerts.tenTimesAnswers.requests} requests, ${alerts.tenTimesAnswers.readUnits} read units`],
      ['requests grow with answers', String(alerts.requestsGrowWithAnswers)],
      [
        `executive's first page, a summary (${alerts.dashboard.waves} pulses)`,
        `${alerts.dashboard.executive.rows} rows, ${alerts.dashboard.executive.ms} ms, ${alerts.dashboard.executive.requests} requests, ${alerts.dashboard.executive.readUnits} read units, ${(alerts.dashboard.executive.gzipBytes / 1024).toFixed(1)} KB gzipped (budget 30 KB)`,
      ],
      [
        'executive: every group in one table',
        `${alerts.dashboard.executive.full.rows} rows, ${alerts.dashboard.executive.full.ms} ms, ${alerts.dashboard.executive.full.requests} requests, ${Math.round(alerts.dashboard.executive.full.gzipBytes / 1024)} KB gzipped`,
      ],
      ['dashboard.summaryTimeRatio (summary / full table, same run)', `${alerts.dashboard.executive.timeRatio} (budget 0.25)`],
      [
        'one department manager',
        `${alerts.dashboard.manager.rows} row${alerts.dashboard.manager.rows === 1 ? '' : 's'}, ${alerts.dashboard.manager.ms} ms, ${alerts.dashboard.manager.requests} requests, ${alerts.dashboard.manager.readUnits} read units, ${(alerts.dashboard.manager.gzipBytes / 1024).toFixed(1)} KB gzipped`,
      ],
    ]);

    const suppression = benchSuppression(size.suppressionDepartments);
    results.suppression = suppression;
    printTable(
      `Suppression of one wave (${suppression.departments} departments, ${suppression.groupsPerWave} groups; median of rounds over ${suppression.waves} waves)`,
      [
        ['both rules (people, and no unanimous difference)', `${suppression.msPerWave.both} ms, ${suppression.hiddenPerWave.both} groups hidden`],
        ['people only (the baseline)', `${suppression.msPerWave.peopleOnly} ms, ${suppression.hiddenPerWave.peopleOnly} groups hidden`],
        ['suppression.ratio (both / people only)', String(suppression.ratio)],
      ],
    );

    // In a process of its own: its peak memory is the import's, not what earlier sections left.
    const roster = JSON.parse(
      (
        await execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/bench/roster-process.ts', dynamo.endpoint, String(size.roster)], {
          maxBuffer: 1 << 20,
        })
      ).stdout
        .trim()
        .split('\n')
        .at(-1)!,
    ) as Awaited<ReturnType<typeof benchRoster>>;
    results.roster = roster;
    const dispatch = await benchDispatch(dynamo.endpoint, size.dispatch);
    // Everyone on email and SMS: a delivery (and a claim) per channel, each channel's batches apart.
    const bothChannels = await benchDispatch(dynamo.endpoint, size.dispatch / 2, 'both');
    // The health system the design promises, opened in a process of its own like the roster
    // import, beside the dispatch function's memory and timeout in the stack the bundles
    // section synthesized.
    const scale = JSON.parse(
      (
        await execFileAsync(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/bench/dispatch-scale.ts',
            dynamo.endpoint,
            String(size.dispatchScale.staff),
            String(size.dispatchScale.departments),
            '--template',
            bundles.serviceTemplate,
          ],
          { maxBuffer: 1 << 20 },
        )
      ).stdout
        .trim()
        .split('\n')
        .at(-1)!,
    ) as Awaited<ReturnType<typeof benchDispatchAtScale>>;
    results.dispatch = { ...dispatch, bothChannels, fiftyThousand: scale };
    const thousands = (n: number) => n.toLocaleString('en-US');
    printTable('Roster and dispatch', [
      ['roster import', `${roster.rows} rows streamed from disk in ${roster.seconds} s (${roster.rowsPerSecond} rows/s)`],
      ['roster.peakRssMb', `${roster.peakRssMb} (its own plain node process; an empty one run the same way: ${roster.baselineRssMb})`],
      [
        'roster import a month later',
        `the same file with 2% gone, 2% new, 2% moved, 1% with a new email: ${roster.reimport.seconds} s (${roster.reimport.rowsPerSecond} rows/s), ${Object.entries(
          roster.reimport.changes,
        )
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`,
      ],
      ['roster.reimport.peakRssMb', `${roster.reimport.peakRssMb} (into the roster the first import stored, in a process of its own)`],
      [
        'open a wave into the outbox',
        `${dispatch.staff} staff in ${dispatch.seconds} s (${dispatch.perSecond}/s), ${dispatch.messages} messages, ${dispatch.failed} failed, peak RSS ${dispatch.peakRssMb} MB`,
      ],
      ['dispatch.requestsPerPerson', `${dispatch.requestsPerPerson} (${dispatch.requests} DynamoDB requests from open to the last message)`],
      [
        'dispatch.bothChannels',
        `${bothChannels.staff} staff on email and SMS: ${bothChannels.messages} messages in ${bothChannels.seconds} s, ${bothChannels.requestsPerPerson} requests a person, ${bothChannels.requestsPerMessage} a message`,
      ],
      [
        `dispatch.fiftyThousand${quick ? ` (quick: ${thousands(scale.staff)})` : ''}`,
        `${thousands(scale.staff)} staff / ${thousands(scale.departments)} departments: ${scale.seconds} s of ${scale.limitSeconds} s limit, peak ${scale.peakRssMb} MB of ${scale.limitMb} MB (empty process ${scale.baselineRssMb} MB), ${scale.requests} DynamoDB requests`,
      ],
      [
        '  issued and queued',
        `${scale.tokens} tokens, ${scale.deliveries} deliveries in ${scale.sqsRequests} SendMessageBatch of up to 10 (the SQS adapter; SQS stood in for in-process)`,
      ],
      ['  where the time goes', describeTime(scale)],
      [
        '  not granted to dispatch',
        scale.notGranted.length === 0
          ? 'none'
          : `${scale.notGranted.join(', ')}: its role grants ${scale.grantedDynamoActions.join(', ')}, so on AWS the open is refused`,
      ],
      [
        '  read with care',
        `DynamoDB Local, slower than DynamoDB at batch writes, and an SQS that answers at once; this machine's CPU, not Lambda's arm64 at 1024 MB (about 0.6 vCPU): ${scale.cpuSeconds} CPU s here, roughly ${Math.round(scale.cpuSeconds / 0.6)} s there`,
      ],
    ]);

    const signal = runSignalSimulation({ ...size.signal, rules: SIGNAL_RULES });
    results.signal = signal;
    const row = (name: string) => {
      const score = signal.scores[name]!;
      return `hot ${score.hotRecall} (5-9 ${score.hotRecallByN['5-9']}), false flags ${score.falseFlagsPerDepartmentWave} (rising ${score.falseRisingPerDepartmentWave}), recovered ${score.recoveredFalseHotspots} (were hot ${score.recoveredFalseHotspotsWereHot}), rises ${score.risesFoundAtPulse} at / ${score.risesFoundByNext} by next`;
    };
    const current = signal.scores.current!;
    printTable(
      `Signal quality (${signal.organizations} organizations of ${signal.departments} departments of 8-60 staff in service lines, ${signal.waves} waves, 35-80% answering and varying, turnover, resizes, correlated domains, a quarter worsening, known true rates: ${signal.departmentWaves} department-waves, ${signal.quietDepartmentWaves} with nothing truly over a line or rising, ${signal.rises} rises)`,
      [
        [
          'signal.hotRecall',
          `${current.hotRecall} (by respondents: ${Object.entries(current.hotRecallByN)
            .map(([bin, r]) => `${bin} ${r}`)
            .join(', ')})`,
        ],
        ['signal.hotRecallSmall (5-9)', String(current.hotRecallByN['5-9'])],
        ['signal.falseFlagsPerDepartmentWave', `${current.falseFlagsPerDepartmentWave} (rising alone ${current.falseRisingPerDepartmentWave})`],
        ['signal.falseHotspotsPerDomainWave', String(current.falseHotspotsPerDomainWave)],
        [
          'signal.recoveredFalseHotspots',
          `${current.recoveredFalseHotspots} per department-domain-wave after a recovery (${current.recoveredFalseHotspotsWereHot} on the domains that had been hot)`,
        ],
        ['signal.risesFoundByNext', `${current.risesFoundByNext} (${current.risesFoundAtPulse} at the pulse)`],
        [
          'signal.riseOracle',
          `${signal.riseOracle.risesFoundByNext} by next for tests that know each department's true rate, at the same ${signal.riseOracle.falseRising} false rising flags; ${signal.riseOracle.atWholeBudget} if rising flags took the whole 0.04 of false flags`,
        ],
        [
          'signal.hotspotBound',
          `${signal.hotspotBound.oneBar} of hot units where 5-9 answered for a rule that knows the simulation's mixture, at one bar for all within the other goals; ${signal.hotspotBound.barsBySize} with a bar for each size`,
        ],
        ['hotspots from groups under k', String(Object.values(signal.scores).reduce((sum, score) => sum + score.smallGroupAlerts, 0))],
        ['frontier, same organizations', ''],
        ...Object.keys(SIGNAL_RULES).map((name): [string, string] => [`  ${name}`, row(name)]),
      ],
    );

    const crash = await benchCrash(size.crash);
    results.crash = crash;
    printTable(`Crash safety (DynamoDB Local SIGKILLed mid-burst of ${crash.answers}, restarted on its files)`, [
      ['success responses before the kill', `${crash.accepted} (killed after ${crash.killedAfterAccepted}; ${crash.failed} saw an error)`],
      ['counted after restart', `${crash.countedAfterRestart} (links consumed on disk: ${crash.consumedAfterRestart})`],
      ['crash.lost (told counted, not on disk)', String(crash.lost)],
      ['crash.countedTwice', String(crash.countedTwice)],
      ['kept, reply cut by the crash', String(crash.keptWithoutAcknowledgement)],
      [
        'everyone who saw an error retries',
        `${crash.retry.countedNow} counted now, ${crash.retry.alreadyCounted} "already counted", ${crash.retry.stillFailing} failing`,
      ],
      ['crash.difference (counted - told counted)', `${crash.difference} (${crash.countedAfterRetry} - ${crash.toldCounted})`],
    ]);
  } finally {
    await dynamo.stop();
  }
  results.seconds = Math.round((Date.now() - started) / 1000);
  await mkdir('.local', { recursive: true });
  await writeFile('.local/bench.json', JSON.stringify(results, null, 2));
  console.log(`\nWrote .local/bench.json in ${results.seconds} s.`);
  // Only a full run is the page's snapshot: a quick one measures smaller sizes.
  if (!quick) {
    const page = await readFile('docs/benchmarks.md', 'utf8');
    const machineLine = `${machine.cpus} cores, ${machine.memoryGb} GiB, Node ${machine.node}, ${results.seconds} s`;
    await writeFile('docs/benchmarks.md', withSnapshot(page, { date: machine.date, machine: machineLine, text: printedReport() }));
    console.log('Wrote its snapshot into docs/benchmarks.md.');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
