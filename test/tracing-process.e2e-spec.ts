import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './support/free-port.js';
import {
  buildProcessService,
  collect,
  exited,
  jsonLines,
  ready,
  type ServiceProcess,
  startProcess,
} from './support/built-service.js';

/**
 * Tracing in the service as `npm start` runs it (the same `startService`), switched on by
 * OpenTelemetry's variables alone: the spans reach an OTLP receiver in both protocols, with
 * the handler's `fetch`, `http.get` and `request` calls as child spans; switched off, not one
 * module of the OpenTelemetry SDK is loaded.
 */

const Q_CALLS_BACKEND = 24;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const preload = fileURLToPath(
  new URL('fixtures/process-service/loaded-packages.mjs', import.meta.url),
);
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

interface Received {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

/** A local HTTP server that keeps what it is sent. */
async function recorder(answer: string): Promise<{
  server: Server;
  url: string;
  requests: Received[];
  headers: IncomingHttpHeaders[];
}> {
  const requests: Received[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      headers.push(incoming.headers);
      requests.push({
        path: incoming.url ?? '',
        contentType: incoming.headers['content-type'],
        body: Buffer.concat(chunks),
      });
      response.setHeader('Content-Type', 'application/json');
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    headers,
  };
}

let entry: string;
let work: string;
let collector: Awaited<ReturnType<typeof recorder>>;
let backend: Awaited<ReturnType<typeof recorder>>;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  entry = await buildProcessService('tracing-process-e2e');
  work = mkdtempSync(join(tmpdir(), 'cliengo-tracing-'));
  collector = await recorder('{}');
  backend = await recorder('{"ok":true}');
}, 120_000);

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  collector.requests.splice(0);
  backend.headers.splice(0);
});

afterAll(async () => {
  await new Promise((resolve) => collector.server.close(resolve));
  await new Promise((resolve) => backend.server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Starts the service with `env`, sends one call to the backend-calling handler, stops it. */
async function oneCall(env: Record<string, string>) {
  const port = await freePort();
  const loaded = join(work, `loaded-${port}.json`);
  const child = startProcess(
    entry,
    {
      PORT: String(port),
      SHUTDOWN_DRAIN_MS: '0',
      FIXTURE_BACKEND_URL: backend.url,
      LOADED_PACKAGES_FILE: loaded,
      ...env,
    },
    { nodeOptions: ['--import', preload] },
  );
  running.push(child);
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  await ready(port);
  const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`,
    },
    body: JSON.stringify({
      channel: 'WEB',
      conversationId: 'c-traced',
      flow: { last_question_id: Q_CALLS_BACKEND },
    }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ response: { text: ['backend called'] } });
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
  expect(stderr.text()).toBe('');
  return {
    lines: jsonLines(stdout.text()),
    packages: JSON.parse(readFileSync(loaded, 'utf8')) as string[],
  };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: Record<string, unknown> }> };
    scopeSpans: Array<{ scope: { name: string }; spans: OtlpSpan[] }>;
  }>;
}

const attribute = (
  attributes: Array<{ key: string; value: Record<string, unknown> }>,
  key: string,
): unknown => {
  const value = attributes.find((each) => each.key === key)?.value;
  return value && Object.values(value)[0];
};

describe('tracing in the service process', () => {
  it('exports OTLP http/json: the webhook span under the gateway’s, the handler’s three calls under it', async () => {
    const { lines, packages } = await oneCall({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
    });
    // The last spans went out before the process exited.
    expect(collector.requests.length).toBeGreaterThan(0);
    expect(collector.requests.map((each) => [each.path, each.contentType])).toEqual(
      collector.requests.map(() => ['/v1/traces', 'application/json']),
    );
    const exports = collector.requests.map(
      (each) => JSON.parse(each.body.toString()) as OtlpExport,
    );
    const resource = exports[0].resourceSpans[0].resource.attributes;
    expect(attribute(resource, 'service.name')).toBe('cliengo-fulfillment');
    expect(attribute(resource, 'service.version')).toBe(version);
    expect(attribute(resource, 'deployment.environment.name')).toBe('test');
    const spans = exports.flatMap((each) =>
      each.resourceSpans.flatMap((resourceSpans) =>
        resourceSpans.scopeSpans.flatMap((scope) =>
          scope.spans.map((span) => ({ ...span, scope: scope.scope.name })),
        ),
      ),
    );
    const server = spans.find((span) => span.scope === 'cliengo-fulfillment')!;
    expect(server).toMatchObject({
      name: 'POST /webhook',
      kind: 2, // SERVER
      traceId: TRACE_ID,
      parentSpanId: PARENT_SPAN_ID,
    });
    expect(attribute(server.attributes, 'cliengo.question_id')).toBe(Q_CALLS_BACKEND);
    expect(attribute(server.attributes, 'cliengo.handler')).toBe('BackendCallingHandler');
    expect(attribute(server.attributes, 'cliengo.outcome')).toBe('replied');

    const children = spans.filter((span) => span.parentSpanId === server.spanId);
    expect(children.map((span) => [span.scope, span.kind]).sort()).toEqual([
      ['@opentelemetry/instrumentation-http', 3], // CLIENT: http.get
      ['@opentelemetry/instrumentation-http', 3], // CLIENT: request
      ['@opentelemetry/instrumentation-undici', 3], // CLIENT: fetch
    ]);
    expect(children.every((span) => span.traceId === TRACE_ID)).toBe(true);
    // Each call carried its own span as the parent of what the backend does.
    expect(backend.headers.map((each) => each.traceparent).sort()).toEqual(
      children.map((span) => `00-${TRACE_ID}-${span.spanId}-01`).sort(),
    );
    // Nothing else: the exports themselves are not traced.
    expect(spans).toHaveLength(4);

    const line = lines.find((each) => each.outcome === 'replied');
    expect(line).toMatchObject({ traceId: TRACE_ID, spanId: server.spanId });
    expect(packages).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-node']));
  }, 60_000);

  it('exports OTLP http/protobuf by default', async () => {
    await oneCall({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces` });
    expect(collector.requests.length).toBeGreaterThan(0);
    expect(collector.requests[0].contentType).toBe('application/x-protobuf');
    const body = Buffer.concat(collector.requests.map((each) => each.body));
    // Protobuf carries ids as raw bytes.
    expect(body.includes(Buffer.from(TRACE_ID, 'hex'))).toBe(true);
    expect(body.includes(Buffer.from(PARENT_SPAN_ID, 'hex'))).toBe(true);
    expect(body.includes(Buffer.from('cliengo.question_id'))).toBe(true);
  }, 60_000);

  it('writes the spans as JSON log lines with OTEL_TRACES_EXPORTER=console', async () => {
    const { lines } = await oneCall({ OTEL_TRACES_EXPORTER: 'console' });
    const spans = lines.filter((line) => line.context === 'Tracing' && line.span);
    expect(spans.map((line) => (line.span as { name: string }).name).sort()).toEqual([
      'GET',
      'GET',
      'GET',
      'POST /webhook',
    ]);
    expect(collector.requests).toEqual([]);
  }, 60_000);

  it('loads no module of the OpenTelemetry SDK when off, and sends no traceparent on', async () => {
    const { lines, packages } = await oneCall({});
    // prom-client, for its default metrics, loads the API (no SDK) with or without tracing.
    expect(packages.filter((name) => name.startsWith('@opentelemetry/'))).toEqual(
      packages.includes('@opentelemetry/api') ? ['@opentelemetry/api'] : [],
    );
    expect(packages).toEqual(expect.arrayContaining(['pino', 'express']));
    expect(backend.headers).toHaveLength(3);
    expect(backend.headers.map((each) => each.traceparent)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(lines.find((each) => each.outcome === 'replied')).not.toHaveProperty('traceId');
    expect(collector.requests).toEqual([]);
  }, 60_000);

  it('stops the boot on an exporter or protocol it cannot honour, naming the variable', async () => {
    for (const [variable, value] of [
      ['OTEL_TRACES_EXPORTER', 'zipkin'],
      ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ]) {
      const child = startProcess(entry, {
        PORT: String(await freePort()),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        [variable]: value,
      });
      running.push(child);
      const stdout = collect(child.stdout);
      expect(await exited(child)).toBe(1);
      const [line] = jsonLines(stdout.text());
      expect(line).toMatchObject({ level: 'fatal', context: 'Bootstrap' });
      expect(line.msg).toContain(variable);
    }
  }, 60_000);
});
