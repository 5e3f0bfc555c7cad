import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import {
  documentedRequestExample,
  documentedResponseExample,
} from '../src/contract/contract.examples.js';
import { buildOpenApiDocument } from '../src/openapi/openapi.document.js';
import { OPENAPI_FILES, renderOpenApi, renderOpenApiTypes } from '../src/openapi/openapi.files.js';
import { committedSpec, specValidator } from './support/openapi-contract.js';
import { createTestApp } from './support/test-app.js';

const committed = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const packageVersion = (JSON.parse(committed('package.json')) as { version: string }).version;

describe('the OpenAPI contract', () => {
  let app: NestExpressApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createTestApp();
    document = buildOpenApiDocument(app);
  });
  afterAll(() => app.close());

  it('is committed as the code generates it (run `npm run openapi` when this fails)', () => {
    const rendered = renderOpenApi(document);
    expect(committed(OPENAPI_FILES.json)).toBe(rendered.json);
    expect(committed(OPENAPI_FILES.yaml)).toBe(rendered.yaml);
  });

  it('is generated the same way on every run', () => {
    expect(renderOpenApi(buildOpenApiDocument(app))).toEqual(renderOpenApi(document));
  });

  it('has client types generated from the committed spec (run `npm run openapi:types`)', async () => {
    expect(committed(OPENAPI_FILES.types)).toBe(await renderOpenApiTypes(committedSpec as never));
  });

  it('is OpenAPI 3.0, versioned as the service', () => {
    expect(committedSpec.openapi).toMatch(/^3\.0\.\d+$/);
    expect(committedSpec.info.version).toBe(packageVersion);
  });

  it('documents the webhook endpoints, global and per chatbot, with their error answers', () => {
    for (const path of [
      '/webhook',
      '/webhook/questions/{questionId}',
      '/chatbots/{chatbot}/webhook',
      '/chatbots/{chatbot}/webhook/questions/{questionId}',
    ]) {
      expect(Object.keys(committedSpec.paths[path].post.responses).sort()).toEqual([
        '200',
        '400',
        '401',
        '404',
        '413',
        '415',
        '500',
        '503',
      ]);
    }
  });

  it('describes every field of every schema', () => {
    const undescribed = Object.entries(committedSpec.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => !property.description)
        .map(([property]) => `${name}.${property}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('names the documented enum values, and keeps channel open', () => {
    const schemas = committedSpec.components.schemas as Record<
      string,
      { properties: Record<string, Record<string, unknown>> }
    >;
    expect(schemas.BotResponseDto.properties.response_type.enum).toEqual([
      'TEXT',
      'LIST',
      'NAME',
      'EMAIL',
      'PHONE',
    ]);
    const channel = schemas.WebhookRequestDto.properties.channel;
    expect(channel.enum).toBeUndefined();
    expect(channel['x-extensible-enum']).toEqual(
      expect.arrayContaining(['WEB', 'FACEBOOK', 'WHATSAPP']),
    );
    const validate = specValidator('/components/schemas/WebhookRequestDto');
    expect(validate({ ...documentedRequestExample(), channel: 'SOMETHING_NEW' })).toBe(true);
  });

  it("carries the documentation's examples, valid against their own schemas", () => {
    const operation = committedSpec.paths['/webhook'].post as unknown as {
      requestBody: {
        content: { 'application/json': { examples: Record<string, { value: unknown }> } };
      };
      responses: {
        200: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
      };
    };
    const requestExample =
      operation.requestBody.content['application/json'].examples.documented.value;
    const responseExample =
      operation.responses[200].content['application/json'].examples.documented.value;
    expect(requestExample).toEqual(documentedRequestExample());
    expect(responseExample).toEqual(documentedResponseExample());
    expect(specValidator('/components/schemas/WebhookRequestDto')(requestExample)).toBe(true);
    expect(specValidator('/components/schemas/WebhookResponseDto')(responseExample)).toBe(true);
  });

  it('refuses in the spec what the service refuses: a reply with an unknown response_type', () => {
    const validate = specValidator('/components/schemas/WebhookResponseDto');
    expect(validate({ response: { response_type: 'MEETING' } })).toBe(false);
    expect(validate({ response: { text: [''] } })).toBe(false);
  });

  it('accepts in the spec what the service accepts: memory writes of any JSON, empty texts', () => {
    const validate = specValidator('/components/schemas/WebhookResponseDto');
    expect(validate({ custom: { cbu: null, slots: [{ id: 'a1' }], '': 'x' } })).toBe(true);
    expect(validate({ response: { text: [], stopChat: false } })).toBe(true);
  });

  it('is served by the running service as JSON, with Swagger UI', async () => {
    const spec = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(spec.body).toEqual(JSON.parse(committed(OPENAPI_FILES.json)));
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toMatch(/swagger-ui/i);
  });
});

describe('docs switched off', () => {
  it('serves neither the spec nor Swagger UI', async () => {
    const app = await createTestApp({ config: { docsEnabled: false } });
    try {
      await request(app.getHttpServer()).get('/docs/openapi.json').expect(404);
      await request(app.getHttpServer()).get('/docs').expect(404);
    } finally {
      await app.close();
    }
  });
});
