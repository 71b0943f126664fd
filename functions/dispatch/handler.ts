import '../shared/lambda-setup.js';
import middy from '@middy/core';
import { createLogger } from '../../shared/logger.js';
import { coreServices, deliveryQueue } from '../shared/aws-services.js';
import { runSchedule } from './run-schedule.js';

/** EventBridge Scheduler -> runSchedule -> wave use cases. */
const deps = { ...coreServices(), queue: deliveryQueue(), log: createLogger('dispatch') };

export const handler = middy().handler((event: unknown) => runSchedule(deps, event));
