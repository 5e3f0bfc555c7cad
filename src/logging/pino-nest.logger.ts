import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's own logs (boot, errors) through pino, so every line the service writes is JSON.
 * Nest passes the context (the class that logs) last; it becomes the `context` field.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  #write(
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace',
    message: unknown,
    rest: unknown[],
  ): void {
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = {
      ...(context ? { context } : {}),
      ...(stack ? { stack } : {}),
      ...(typeof message === 'object' && message !== null ? message : {}),
    };
    if (typeof message === 'object' && message !== null) {
      const text = (message as { message?: unknown }).message;
      this.pino[level](fields, typeof text === 'string' ? text : undefined);
    } else {
      this.pino[level](fields, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.#write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.#write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.#write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.#write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.#write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.#write('fatal', message, rest);
  }
}
