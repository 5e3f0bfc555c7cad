import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PACKAGE_LICENSE, PACKAGE_VERSION } from '../package-info.js';
import { BEARER_SCHEME, QUERY_TOKEN_SCHEME, SECURITY_DESCRIPTION } from './openapi.security.js';

/** Where the running service serves its docs, relative to the path prefix. */
export const DOCS_PATH = 'docs';

const DESCRIPTION = `Answers Cliengo's "new message" webhook: for every visitor message, Cliengo posts the whole chatbot memory, and the reply can write memory, force texts, set the expected answer type, stop the script or jump to another question.

Requests are read tolerantly (unknown fields and channels are accepted); replies are held to the documented contract. A valid request is always answered 200: a handler that fails yields \`{}\` (pass-through).`;

/** Sorts object keys recursively (arrays keep their order) so the output is stable. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sortKeys(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)])) as T;
}

/**
 * The service's OpenAPI 3.0 document, built from the routes and DTOs of a configured (not
 * necessarily listening) application. Deterministic: keys sorted, no timestamps.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cliengo fulfillment service')
    .setDescription(DESCRIPTION)
    .setVersion(PACKAGE_VERSION)
    .setLicense(PACKAGE_LICENSE, `https://spdx.org/licenses/${PACKAGE_LICENSE}.html`)
    .addServer('/', 'The service itself, wherever it is deployed')
    .addTag('webhook', 'Cliengo\'s "new message" webhook')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: SECURITY_DESCRIPTION },
      BEARER_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'query', name: 'token', description: SECURITY_DESCRIPTION },
      QUERY_TOKEN_SCHEME,
    )
    .build();
  return sortKeys(SwaggerModule.createDocument(app, config));
}
