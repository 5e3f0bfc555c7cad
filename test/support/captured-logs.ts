/** One JSON log line, parsed. */
export type LogLine = Record<string, unknown> & { level: string; msg?: string };

/** A pino destination that keeps every line it is given, parsed, for assertions. */
export class CapturedLogs {
  readonly lines: LogLine[] = [];

  write(chunk: string): void {
    this.lines.push(JSON.parse(chunk) as LogLine);
  }

  /** Forgets what was kept. */
  clear(): void {
    this.lines.splice(0);
  }

  /** The per-request lines of webhook calls that reached a handler decision. */
  webhookLines(): LogLine[] {
    return this.lines.filter((line) => typeof line.outcome === 'string');
  }

  /** The last webhook line. */
  lastWebhookLine(): LogLine | undefined {
    return this.webhookLines().at(-1);
  }
}
