/**
 * What the platform may log: event names and non-personal fields (wave, route, status,
 * counts, error names). Never contacts, tokens, paths with tokens, or answers
 * (docs/design.md, invariant 5); tests feed every flow through a capturing Log to prove it.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Log {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** What a log line may say of an error: its name. Messages of driver errors can quote keys, and keys can hold tokens. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

// Lambda's application log levels (TRACE to FATAL), and SILENT.
const LEVELS = { TRACE: 5, DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, FATAL: 50, SILENT: 100 } as const;
type Level = keyof typeof LEVELS;

/**
 * The level a Lambda function logs at: Lambda's own application log level when the stack
 * sets one (AWS_LAMBDA_LOG_LEVEL), else LOG_LEVEL, else INFO.
 */
function thresholdFrom(env: NodeJS.ProcessEnv): number {
  const named = (env.AWS_LAMBDA_LOG_LEVEL || env.LOG_LEVEL || 'INFO').toUpperCase();
  return named in LEVELS ? LEVELS[named as Level] : LEVELS.INFO;
}

/**
 * Structured JSON logs on Lambda: one line per event on stdout, in the layout Powertools for
 * AWS Lambda writes (level, message, service, timestamp, xray_trace_id), straight to stdout
 * as Powertools writes them rather than through the console the Lambda runtime formats. Not
 * Powertools itself: its logger and metrics cost 5 to 9 hundredths of a cold start
 * (docs/design.md, "Cold starts pay only for what runs"), and we use one call of each.
 * The level is read once, when the logger is made, as Powertools did.
 */
export function createLogger(serviceName: string, options: { write?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Log {
  const env = options.env ?? process.env;
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const threshold = thresholdFrom(env);
  const at = (level: 'INFO' | 'WARN' | 'ERROR') => (event: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;
    const traceId = /(?:^|;)Root=([^;]+)/.exec(env._X_AMZN_TRACE_ID ?? '')?.[1];
    // The layout's own keys come first and no field can overwrite them; nor can a field make
    // the line pass for an embedded-metric-format one (`_aws`), which CloudWatch would read.
    const line = { level, message: event, service: serviceName, timestamp: new Date().toISOString(), xray_trace_id: traceId };
    write(`${JSON.stringify({ ...line, ...fields, ...line, _aws: undefined })}\n`);
  };
  return { info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

/** A Log that keeps lines in memory, for tests and for quiet scripts. */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (event: string, fields?: LogFields) => void lines.push(JSON.stringify({ level, event, ...fields }));
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * For people at a terminal (`npm start`): one short line per event, the same fields as the
 * JSON logs and nothing more, e.g. `10:04:31 request GET /p/:token 200 12ms`. LOG_LEVEL=WARN
 * keeps only warnings and errors; silent prints nothing. Lambda keeps JSON (createLogger).
 */
export function terminalLog(
  write: { out: (line: string) => void; err: (line: string) => void } = {
    out: (l) => void process.stdout.write(`${l}\n`),
    err: (l) => void process.stderr.write(`${l}\n`),
  },
): Log {
  const level = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  const format = (event: string, fields: LogFields = {}) => {
    const time = new Date().toTimeString().slice(0, 8);
    if (event === 'request') return `${time} ${fields.method} ${fields.route} ${fields.status} ${fields.ms}ms`;
    const rest = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`);
    return [time, event, ...rest].join(' ');
  };
  return {
    info: (event, fields) => void (level === 'INFO' || level === 'DEBUG' ? write.out(format(event, fields)) : undefined),
    warn: (event, fields) => void (level !== 'ERROR' && level !== 'SILENT' ? write.err(format(event, fields)) : undefined),
    error: (event, fields) => void (level !== 'SILENT' ? write.err(format(event, fields)) : undefined),
  };
}
