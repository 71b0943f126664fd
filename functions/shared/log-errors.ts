import type { MiddlewareObj } from '@middy/core';
import { errorName, type Log } from '../../shared/logger.js';
import { sourceFrames } from '../../shared/source-frames.js';

/**
 * Logs a handler's failure as the platform logs everything: the error's name and where in
 * our sources it was thrown (mapped through the bundle's source map), never its message,
 * which can quote a key or a token. What reaches Lambda in its place carries the name only:
 * the runtime logs a thrown error's message and stack itself (and tracing sends them on), so
 * passing the original on would undo the care taken here. The invocation still fails and
 * retries as it would without this.
 */
export function logErrors(log: Log): MiddlewareObj {
  return {
    onError: (request) => {
      const error = request.error;
      const name = errorName(error);
      log.error('unhandled', { error: name, at: sourceFrames(error) });
      const withoutMessage = new Error(`${name} (logged as "unhandled")`);
      withoutMessage.name = name;
      request.error = withoutMessage;
    },
  };
}
