import { beforeAll, describe, expect, it } from 'vitest';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { CfnUrl } from 'aws-cdk-lib/aws-lambda';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { DISABLED_GUARD_RULES } from '../../infra/build-app.js';
import { loadOrgConfig } from '../../shared/config.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { synthesize } from '../support/synth.js';

const GUARD = 'cdk-validator-cfnguard';

type PluginReport = { pluginName: string; conclusion: string; violations: { description: string; violatingConstructs: { constructPath: string }[] }[] };

let demo: OrgConfig;
let synth: ReturnType<typeof synthesize>;

beforeAll(async () => {
  demo = await loadOrgConfig('orgs/demo.json');
  synth = synthesize(demo);
}, 120_000);

function pluginReports(outdir: string): PluginReport[] {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')).pluginReports;
}

/** Every Control Tower rule the plugin ships: its name (the file's, `ct-sqs-pr-1`) to its file. */
function shippedGuardRules(): Map<string, string> {
  const pluginDir = dirname(dirname(createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard')));
  const rulesDir = join(pluginDir, 'rules', 'control-tower', 'cfn-guard');
  const files = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.guard'));
  return new Map(files.map((file) => [parse(file).name, join(rulesDir, file)]));
}

describe('the Control Tower guard rules', () => {
  it('pass on the demo organization stacks, none broken but those disabled', () => {
    expect(pluginReports(synth.outdir).filter((report) => report.pluginName === GUARD)).toEqual([]);
  });

  it('fail synthesis when a resource breaks a rule that is not disabled, naming the rule and the resource', () => {
    // Prepare: a function URL without auth would reach the API function around the HTTP API's
    // throttling and access logs. Neither cdk-nag pack has a rule on function URLs.
    const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
    const openUrl = ({ service }: ReturnType<typeof synthesize>['stacks']) =>
      new CfnUrl(service, 'OpenFunctionUrl', { targetFunctionArn: service.apiFunction.fn.functionArn, authType: 'NONE' });

    // Act: the error synthesis throws is the report.
    expect(() => synthesize(demo, { tweak: openUrl, outdir })).toThrow(/\[CT\.LAMBDA\.PR\.5\][\s\S]*OpenFunctionUrl/);

    // Assess: the guard alone failed it, naming the rule and the resource.
    const reports = pluginReports(outdir);
    expect(reports.map((report) => report.pluginName)).toEqual([GUARD]);
    const violations = reports[0]!.violations;
    expect(violations.map((violation) => violation.description)).toEqual([expect.stringContaining('[CT.LAMBDA.PR.5]')]);
    expect(violations[0]!.violatingConstructs.map((construct) => construct.constructPath)).toEqual([expect.stringContaining('/OpenFunctionUrl')]);
  }, 120_000);

  it('are disabled by the names of rules the plugin ships, each with its reason', () => {
    const shipped = shippedGuardRules();
    expect(shipped.size).toBeGreaterThan(100);
    for (const [rule, reason] of Object.entries(DISABLED_GUARD_RULES)) {
      expect(shipped.has(rule), `${rule} is no rule the plugin ships, so disabling it disables nothing`).toBe(true);
      expect(reason.length, rule).toBeGreaterThan(80);
    }
  });

  it('are disabled only while the demo stacks break them', () => {
    // The demo turns on every channel, so each disabled rule's resources are in its stacks.
    const shipped = shippedGuardRules();
    const context = { templatePaths: synth.assembly.stacks.map((stack) => stack.templateFullPath), appConstruct: synth.stacks.data.node.root };
    const stillBroken = Object.keys(DISABLED_GUARD_RULES).filter(
      (rule) => !new CfnGuardValidator({ controlTowerRulesEnabled: false, rules: [shipped.get(rule)!] }).validate(context).success,
    );
    expect(stillBroken, 'a disabled rule the stacks no longer break: take it off DISABLED_GUARD_RULES').toEqual(Object.keys(DISABLED_GUARD_RULES));
  });
});
