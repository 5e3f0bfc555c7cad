import { ConfigError } from '../config/config.error.js';
import { tracingSettings } from './tracing.settings.js';

describe('tracingSettings', () => {
  it('is off without OpenTelemetry variables, and with OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true', () => {
    expect(tracingSettings({})).toBeUndefined();
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: '' })).toBeUndefined();
    expect(
      tracingSettings({ OTEL_SERVICE_NAME: 'bot', OTEL_TRACES_SAMPLER: 'always_on' }),
    ).toBeUndefined();
    expect(
      tracingSettings({
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }),
    ).toBeUndefined();
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp,none' })).toBeUndefined();
    expect(
      tracingSettings({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }),
    ).toBeUndefined();
  });

  it('is on with an exporter named, or an OTLP endpoint', () => {
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({
      exporters: ['otlp'],
      protocol: 'http/protobuf',
    });
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: ' Console , otlp,console' })).toEqual({
      exporters: ['console', 'otlp'],
      protocol: 'http/protobuf',
    });
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      exporters: ['otlp'],
      protocol: 'http/protobuf',
    });
    expect(
      tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }),
    ).toEqual({ exporters: ['otlp'], protocol: 'http/protobuf' });
    // An endpoint does not add OTLP to the exporters named.
    expect(
      tracingSettings({
        OTEL_TRACES_EXPORTER: 'console',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      }),
    ).toEqual({ exporters: ['console'], protocol: 'http/protobuf' });
  });

  it('takes the protocol of traces over the general one', () => {
    expect(
      tracingSettings({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })
        ?.protocol,
    ).toBe('http/json');
    expect(
      tracingSettings({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'HTTP/PROTOBUF',
      })?.protocol,
    ).toBe('http/protobuf');
  });

  it('refuses what it cannot honour, naming the variable', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        tracingSettings(env);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const unknown = refusal({ OTEL_TRACES_EXPORTER: 'otlp,zipkin' });
    expect(unknown).toBeInstanceOf(ConfigError);
    expect(unknown).toMatchObject({ variable: 'OTEL_TRACES_EXPORTER' });
    const grpc = refusal({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
    });
    expect(grpc).toMatchObject({ variable: 'OTEL_EXPORTER_OTLP_PROTOCOL' });
    expect((grpc as Error).message).toContain('gRPC is not supported');
    expect(
      refusal({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'xml' }),
    ).toMatchObject({
      variable: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    });
    // The protocol does not matter to the console exporter.
    expect(
      refusal({ OTEL_TRACES_EXPORTER: 'console', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).toBeUndefined();
  });
});
