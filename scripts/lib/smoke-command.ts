import { readAdminTarget } from './admin-context.js';
import { runSmoke, type SmokeTarget } from './smoke.js';
import { localSmokeTarget } from './smoke-local.js';

/**
 * `npm run pulse -- smoke`: on the local platform's DynamoDB Local by default, on a deployed
 * smoke organization's stack with PULSE_TARGET=aws. Returns the exit code: 0 when every step
 * passed.
 */
export async function smokeCommand(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const where = readAdminTarget(env);
  let target: SmokeTarget;
  if (where.kind === 'local') target = localSmokeTarget({ endpoint: where.endpoint });
  else {
    // Loaded only here: the local run needs no Lambda or Secrets Manager client.
    const { awsSmokeTargetFromEnv } = await import('./smoke-aws.js');
    target = await awsSmokeTargetFromEnv(env);
  }
  return (await runSmoke(target, { print: (line) => console.log(line) })) ? 0 : 1;
}
