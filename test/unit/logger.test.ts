import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/logger.js';

/** What an operator reading CloudWatch Logs Insights gets from a function's log lines. */
function capture(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const log = createLogger('send-email', { env, write: (line) => void lines.push(line) });
  return { log, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('the Lambda log', () => {
  it('writes one JSON line per event with level, message, service, timestamp and the trace id', () => {
    const { log, parsed, lines } = capture({ _X_AMZN_TRACE_ID: 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1' });
    log.info('batch', { wave: 'w202611-01', sent: 25, skipped: undefined });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const [line] = parsed();
    expect(line).toEqual({
      level: 'INFO',
      message: 'batch',
      service: 'send-email',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      xray_trace_id: '1-67891233-abcdef012345678912345678',
      wave: 'w202611-01',
      sent: 25,
    });
  });

  it('keeps its own keys when a field has the same name', () => {
    const { log, parsed } = capture({});
    log.error('unhandled', { level: 'INFO', message: 'all is well', service: 'api', xray_trace_id: 'forged', _aws: 'not a metric', error: 'TypeError' });
    const [line] = parsed();
    expect(line).toEqual(expect.objectContaining({ level: 'ERROR', message: 'unhandled', service: 'send-email', error: 'TypeError' }));
    expect(line).not.toHaveProperty('xray_trace_id');
    expect(line).not.toHaveProperty('_aws');
  });

  it("logs at Lambda's application log level when the stack sets one, else at LOG_LEVEL, else at INFO", () => {
    const levels = (env: NodeJS.ProcessEnv) => {
      const { log, parsed } = capture(env);
      log.info('a');
      log.warn('b');
      log.error('c');
      return parsed().map((line) => line.level);
    };
    expect(levels({})).toEqual(['INFO', 'WARN', 'ERROR']);
    expect(levels({ LOG_LEVEL: 'warn' })).toEqual(['WARN', 'ERROR']);
    expect(levels({ LOG_LEVEL: 'silent' })).toEqual([]);
    expect(levels({ AWS_LAMBDA_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'INFO' })).toEqual(['ERROR']);
    expect(levels({ AWS_LAMBDA_LOG_LEVEL: 'FATAL' })).toEqual([]);
    expect(levels({ AWS_LAMBDA_LOG_LEVEL: 'TRACE' })).toEqual(['INFO', 'WARN', 'ERROR']);
    expect(levels({ AWS_LAMBDA_LOG_LEVEL: '', LOG_LEVEL: 'silent' })).toEqual([]);
    // A level nobody defined is not a reason to go quiet.
    expect(levels({ LOG_LEVEL: 'verbose' })).toEqual(['INFO', 'WARN', 'ERROR']);
  });
});
