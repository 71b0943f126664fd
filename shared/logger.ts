import { Logger } from '@aws-lambda-powertools/logger';

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

/** Structured JSON logs through Powertools, the same shape on Lambda and locally. */
export function createLogger(serviceName: string): Log {
  const logger = new Logger({ serviceName, logLevel: process.env.LOG_LEVEL === 'silent' ? 'SILENT' : 'INFO' });
  return {
    info: (event, fields) => logger.info(event, { ...fields }),
    warn: (event, fields) => logger.warn(event, { ...fields }),
    error: (event, fields) => logger.error(event, { ...fields }),
  };
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
export function terminalLog(write: { out: (line: string) => void; err: (line: string) => void } = { out: (l) => void process.stdout.write(`${l}\n`), err: (l) => void process.stderr.write(`${l}\n`) }): Log {
  const level = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  const format = (event: string, fields: LogFields = {}) => {
    const time = new Date().toTimeString().slice(0, 8);
    if (event === 'request') return `${time} ${fields.method} ${fields.route} ${fields.status} ${fields.ms}ms`;
    const rest = Object.entries(fields).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`);
    return [time, event, ...rest].join(' ');
  };
  return {
    info: (event, fields) => void (level === 'INFO' || level === 'DEBUG' ? write.out(format(event, fields)) : undefined),
    warn: (event, fields) => void (level !== 'ERROR' && level !== 'SILENT' ? write.err(format(event, fields)) : undefined),
    error: (event, fields) => void (level !== 'SILENT' ? write.err(format(event, fields)) : undefined),
  };
}
