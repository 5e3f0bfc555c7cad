import type { LoggerService } from '@nestjs/common';

export interface CapturedLog {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  message: unknown;
  context?: string;
}

/** A Nest logger that keeps what is logged, for assertions. */
export class CapturedLogs implements LoggerService {
  readonly entries: CapturedLog[] = [];

  #keep(level: CapturedLog['level'], message: unknown, rest: unknown[]): void {
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    this.entries.push({
      level,
      message,
      context: typeof context === 'string' ? context : undefined,
    });
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.#keep('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.#keep('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.#keep('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.#keep('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.#keep('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.#keep('fatal', message, rest);
  }

  /** The structured entries the webhook dispatcher logged, one per answered call. */
  webhookEntries(): Array<CapturedLog & { message: Record<string, unknown> }> {
    return this.entries.filter(
      (entry): entry is CapturedLog & { message: Record<string, unknown> } =>
        entry.context === 'Webhook' && typeof entry.message === 'object' && entry.message !== null,
    );
  }
}
