/**
 * `npx cdk synth|deploy -c org=<name>`: one organization's stacks from orgs/<name>.json,
 * checked by the same schema as the local platform.
 */
import { App } from 'aws-cdk-lib';
import { loadOrgConfig } from '../shared/config.js';
import { InvalidInputError } from '../shared/errors.js';
import { buildApp } from './build-app.js';

const app = new App();
const orgName = app.node.tryGetContext('org');
if (typeof orgName !== 'string' || !/^[a-z0-9-]+$/.test(orgName)) {
  console.error('Name the organization: npx cdk synth -c org=<name>   (reads orgs/<name>.json; try -c org=demo)');
  process.exit(1);
}
// `-c orgFile=<path>` reads another file, e.g. one kept outside the repository.
const orgFile = app.node.tryGetContext('orgFile') ?? `orgs/${orgName}.json`;
try {
  buildApp(app, await loadOrgConfig(String(orgFile)));
} catch (error) {
  if (!(error instanceof InvalidInputError)) throw error;
  console.error(`Cannot synthesize: the organization config has problems.\n${error.problems.join('\n')}`);
  process.exit(1);
}
app.synth();
