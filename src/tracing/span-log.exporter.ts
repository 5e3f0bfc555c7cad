import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { Logger } from 'pino';

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * The `console` exporter of `OTEL_TRACES_EXPORTER`: each span as one JSON line of the
 * service's log, at `info` (`context: "Tracing"`, the span under `span`), where
 * OpenTelemetry's own console exporter would print objects over several lines between the
 * JSON lines of the log.
 */
export class SpanLogExporter implements SpanExporter {
  constructor(private readonly logger: Logger) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) {
      const { traceId, spanId } = span.spanContext();
      this.logger.info(
        {
          context: 'Tracing',
          span: {
            traceId,
            spanId,
            parentSpanId: span.parentSpanContext?.spanId,
            name: span.name,
            kind: SpanKind[span.kind],
            scope: span.instrumentationScope.name,
            startTime: new Date(hrTimeToMilliseconds(span.startTime)).toISOString(),
            durationMs: round(hrTimeToMilliseconds(span.duration)),
            status: {
              code: SpanStatusCode[span.status.code],
              ...(span.status.message ? { message: span.status.message } : {}),
            },
            attributes: span.attributes,
            ...(span.events.length > 0
              ? {
                  events: span.events.map((event) => ({
                    name: event.name,
                    attributes: event.attributes,
                  })),
                }
              : {}),
          },
        },
        `span ${span.name}`,
      );
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
