import '../shared/lambda-setup.js';
import middy from '@middy/core';
import { createLogger } from '../../shared/logger.js';
import { coreServices, deliveryQueue, waveSecrets } from '../shared/aws-services.js';
import { logErrors } from '../shared/log-errors.js';
import { runSchedule } from './run-schedule.js';

/** EventBridge Scheduler -> runSchedule -> wave use cases. */
const log = createLogger('dispatch');
const deps = { ...coreServices(), secrets: waveSecrets(), queue: deliveryQueue(), log };

export const handler = middy()
  .use(logErrors(log))
  .handler((event: unknown) => runSchedule(deps, event));
