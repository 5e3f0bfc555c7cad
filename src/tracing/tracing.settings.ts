import { ConfigError } from '../config/config.error.js';

/** Where spans go: an OTLP collector, or the service's own log (`console`). */
export type TraceExporterName = 'otlp' | 'console';

/** The OTLP protocols the service speaks: protobuf or JSON over HTTP. */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Tracing as the environment asks for it, when it does. */
export interface TracingSettings {
  exporters: TraceExporterName[];
  /** The protocol of the OTLP exporter (with `otlp` among the exporters). */
  protocol: OtlpProtocol;
}

type Env = Record<string, string | undefined>;

const EXPORTERS: readonly string[] = ['otlp', 'console', 'none'];
const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];

function raw(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function exporters(env: Env): TraceExporterName[] {
  const text = raw(env, 'OTEL_TRACES_EXPORTER');
  if (text === undefined) {
    // No exporter named: an OTLP endpoint says where spans go, and so switches tracing on.
    const endpoint =
      raw(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? raw(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    return endpoint === undefined ? [] : ['otlp'];
  }
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !EXPORTERS.includes(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      'OTEL_TRACES_EXPORTER',
      `must be otlp, console or none (or a comma-separated list of otlp and console); got "${text}"`,
    );
  }
  // `none` keeps tracing off, whatever else is listed.
  if (names.includes('none')) return [];
  return [...new Set(names as TraceExporterName[])];
}

function protocol(env: Env): OtlpProtocol {
  const variable = raw(env, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const text = raw(env, variable);
  if (text === undefined) return 'http/protobuf';
  const value = PROTOCOLS.find((known) => known === text.toLowerCase());
  if (!value) {
    throw new ConfigError(
      variable,
      `must be http/protobuf (the default) or http/json; got "${text}"${text.toLowerCase() === 'grpc' ? ' (gRPC is not supported)' : ''}`,
    );
  }
  return value;
}

/**
 * Whether, and how, to trace, from OpenTelemetry's standard variables: tracing is on when
 * `OTEL_TRACES_EXPORTER` names an exporter (`otlp`, `console`; `none` keeps it off), or,
 * without it, when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is
 * set; `OTEL_SDK_DISABLED=true` keeps it off. Undefined when off. A value the service cannot
 * honour (an unknown exporter, the gRPC protocol) throws a `ConfigError` naming the variable.
 * The rest of the export (endpoint, headers, timeout, sampler, resource) is read by the
 * OpenTelemetry SDK itself from the same variables.
 */
export function tracingSettings(env: Env): TracingSettings | undefined {
  if (raw(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const names = exporters(env);
  if (names.length === 0) return undefined;
  return { exporters: names, protocol: names.includes('otlp') ? protocol(env) : 'http/protobuf' };
}
