import type { MiddlewareObj } from '@middy/core';
import type { Log } from '../../shared/logger.js';
import { sourceFrames } from '../../shared/source-frames.js';

/**
 * Logs a handler's failure as the platform logs everything: the error's name and where in
 * our sources it was thrown (mapped through the bundle's source map), never its message,
 * which can quote a key or a token. The error still reaches Lambda, so the invocation fails
 * and retries as it would without this.
 */
export function logErrors(log: Log): MiddlewareObj {
  return {
    onError: (request) => {
      const error = request.error;
      log.error('unhandled', { error: error instanceof Error ? error.name : typeof error, at: sourceFrames(error) });
    },
  };
}
