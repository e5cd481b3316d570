import type { LoggerService } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';

/** Request and header paths never written to the logs. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]', 'headers.authorization'];

/** The process logger: JSON lines on stdout (or the given destination), with secrets redacted. */
export const createLogger = (level: string, destination?: pino.DestinationStream): Pino =>
  pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'aul-ledger' } }, destination);

/** Nest's LoggerService on the same pino logger, so framework, application and request logs share one stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string) {
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: pino.Level, message: unknown, context?: string) {
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) this.logger[level]({ context, ...message });
    else if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else this.logger[level]({ context }, String(message));
  }
}
