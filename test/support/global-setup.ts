import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type DynamoLocal } from '../../scripts/lib/dynamodb-local.js';

/**
 * Every test project that needs DynamoDB Local lists this file, and vitest loads it once per
 * project, each a module of its own; they all run in vitest's main process, so the emulator is
 * kept on `globalThis` and started by the first project, stopped after the last.
 */
const SHARED = Symbol.for('care-pulse.test.dynamoLocal');
interface Shared {
  started: Promise<DynamoLocal>;
  users: number;
}
const holder = globalThis as { [SHARED]?: Shared };

export async function setup(project: TestProject) {
  const shared = (holder[SHARED] ??= { started: startDynamoLocal(), users: 0 });
  shared.users += 1;
  project.provide('dynamoEndpoint', (await shared.started).endpoint);
}

export async function teardown() {
  const shared = holder[SHARED];
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  delete holder[SHARED];
  // A start that failed has already said why, in setup.
  await shared.started.then(
    (dynamo) => dynamo.stop(),
    () => undefined,
  );
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
