import '../shared/lambda-setup.js';
import { staffSmsMessenger } from '../shared/aws-services.js';
import { sendHandler } from './send-handler.js';

/** SQS (SMS deliveries) -> processDeliveries -> deliverMessages -> SNS. */
export const handler = sendHandler('sms', staffSmsMessenger);
