/**
 * `npm run check:templates`: synthesizes every organization in orgs/ (cdk-nag and the
 * Control Tower guard rules run as part of it) and lints each CloudFormation template with
 * Python's cfn-lint for the regions we deploy to. Any cfn-lint error fails the check;
 * warnings are printed and counted.
 *
 * orgs/*.json -> buildApp (bundling skipped) -> <tmp>/<org file>/*.template.json -> cfn-lint
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { App } from 'aws-cdk-lib';
import * as z from 'zod';
import { buildApp } from '../infra/build-app.js';
import { loadOrgConfig } from '../shared/config.js';
import { InvalidInputError } from '../shared/errors.js';

/**
 * cfn-lint checks that every resource type and property exists in each of these. They are
 * the US regions that offer every service the stacks use (SES, SNS text messages,
 * EventBridge Scheduler, HTTP APIs); add a region here before deploying there.
 */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];
const INSTALL_HINT = 'Install it with `python3 -m pip install cfn-lint` (or `pip install cfn-lint`), then run again.';

/** The part of cfn-lint's `--format json` findings this check prints. */
const findingsSchema = z.array(
  z.object({
    Filename: z.string(),
    Level: z.enum(['Error', 'Warning', 'Informational']),
    Message: z.string(),
    Rule: z.object({ Id: z.string() }),
    Location: z.object({ Start: z.object({ LineNumber: z.number() }) }),
  }),
);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

// Before synthesizing anything: without cfn-lint there is nothing to check with.
const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  fail(`cfn-lint (Python's CloudFormation linter) is not installed or does not run: ${version.error?.message ?? version.stderr.trim()}\n${INSTALL_HINT}`);
}

const orgFiles = readdirSync('orgs')
  .filter((name) => name.endsWith('.json') && name !== 'org.schema.json')
  .sort()
  .map((name) => join('orgs', name));
if (orgFiles.length === 0) fail('No organization file in orgs/: nothing to synthesize.');

// Synthesized as `cdk synth` does, but for bundling: the templates are the same but for asset hashes.
const cdkContext = z.object({ context: z.record(z.string(), z.unknown()) }).parse(JSON.parse(readFileSync('cdk.json', 'utf8'))).context;
const root = mkdtempSync(join(tmpdir(), 'check-templates-'));
const templates: string[] = [];
for (const file of orgFiles) {
  let org;
  try {
    org = await loadOrgConfig(file);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    fail(`Cannot synthesize ${file}: the organization config has problems.\n${error.problems.join('\n')}`);
  }
  const outdir = join(root, basename(file, '.json'));
  const app = new App({ outdir, context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  buildApp(app, org);
  try {
    app.synth();
  } catch (error) {
    // CDK has printed the validation report above when a rule was broken.
    fail(`Synthesis of ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  templates.push(
    ...readdirSync(outdir)
      .filter((name) => name.endsWith('.template.json'))
      .map((name) => join(outdir, name)),
  );
}

console.log(`${version.stdout.trim()}: ${templates.length} templates of ${orgFiles.length} organization file(s), regions ${REGIONS.join(' ')}`);
// `--non-zero-exit-code none`: findings come back as JSON and are judged here; a non-zero
// exit is then cfn-lint itself failing.
const lint = spawnSync('cfn-lint', ['--format', 'json', '--non-zero-exit-code', 'none', '--regions', ...REGIONS, '--', ...templates], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (lint.error || lint.status !== 0)
  fail(`cfn-lint did not finish (${lint.error?.message ?? `exit ${lint.status}`}):\n${lint.stderr}\nThe templates are in ${root}.`);
const findings = findingsSchema.parse(JSON.parse(lint.stdout));

for (const finding of findings) {
  console.log(`${finding.Level.padEnd(13)} ${finding.Rule.Id} ${relative(root, finding.Filename)}:${finding.Location.Start.LineNumber} ${finding.Message}`);
}
const count = (level: string) => findings.filter((finding) => finding.Level === level).length;
const errors = count('Error');
console.log(`cfn-lint: ${errors} errors, ${count('Warning')} warnings, ${count('Informational')} informational.`);
if (errors > 0)
  fail(`cfn-lint found ${errors} error(s) in the synthesized templates (listed above); they would fail or misbehave at deploy. The templates are in ${root}.`);
rmSync(root, { recursive: true, force: true });
