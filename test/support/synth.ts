import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../infra/build-app.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';

const cdkContext = JSON.parse(readFileSync('cdk.json', 'utf8')).context as Record<string, unknown>;

/**
 * Synthesizes an org's stacks the way `cdk synth` does (cdk-nag included), into a fresh
 * folder. Bundling the four functions is most of a synthesis's time, and only the bundle
 * tests look inside the bundles: the others skip it (`aws:cdk:bundling-stacks`, as
 * `cdk synth --exclusively` does), which leaves the templates the same but for asset hashes.
 */
export function synthesize(org: OrgConfig, options: { tweak?: (stacks: ReturnType<typeof buildApp>) => void; outdir?: string; bundle?: boolean } = {}) {
  const { tweak, outdir = mkdtempSync(join(tmpdir(), 'cdk-out-')), bundle = false } = options;
  const app = new App({ outdir, context: { ...cdkContext, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
  // Bundling happens as the functions are constructed, so the notices come from buildApp.
  const stacks = withoutBundlingNotices(() => buildApp(app, org));
  tweak?.(stacks);
  const assembly = app.synth();
  return { outdir, assembly, stacks, data: Template.fromStack(stacks.data), service: Template.fromStack(stacks.service) };
}

/** Several organizations' stacks in one app, as one account holds them (bundling skipped). */
export function synthesizeTogether(orgs: readonly OrgConfig[]) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'cdk-out-')), context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  for (const org of orgs) buildApp(app, org);
  return app.synth();
}

/** CDK announces each asset it bundles on stderr; a test run keeps only what went wrong. */
function withoutBundlingNotices<T>(run: () => T): T {
  const write = process.stderr.write;
  process.stderr.write = (chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' && chunk.startsWith('Bundling asset ') ? true : (write as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  try {
    return run();
  } finally {
    process.stderr.write = write;
  }
}
