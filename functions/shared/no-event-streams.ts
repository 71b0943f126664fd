/**
 * Stands in for `@smithy/core/event-streams` in our Lambda bundles (an esbuild alias,
 * infra/constructs/lambda-esbuild.ts). None of the operations we call (DynamoDB, SES, SNS,
 * SQS, Secrets Manager) streams events, but the SDK's protocol code imports this module
 * dynamically, and one dynamic import makes esbuild wrap every module it reaches in a lazy
 * initializer: about 150 of the SDK's modules, a tenth of the API bundle's import time.
 * If an operation ever does stream, it fails loudly here rather than quietly.
 */
function unused(): never {
  throw new Error('AWS event streams are not bundled into Care Pulse functions (functions/shared/no-event-streams.ts).');
}

export class EventStreamSerde {
  constructor() {
    unused();
  }
}

export const eventStreamSerdeProvider = unused;
