import '../shared/lambda-setup.js';
import { staffEmailMessenger } from '../shared/aws-services.js';
import { sendHandler } from './send-handler.js';

/** SQS (email deliveries) -> processDeliveries -> deliverMessages -> SES. */
export const handler = sendHandler('email', staffEmailMessenger);
