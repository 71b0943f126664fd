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
