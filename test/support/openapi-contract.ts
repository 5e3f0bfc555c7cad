import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import request, { type Response } from 'supertest';

/** The committed spec, as users get it. */
export const committedSpec = JSON.parse(
  readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'),
) as {
  openapi: string;
  info: { version: string };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: {
    schemas: Record<string, { properties?: Record<string, { description?: string }> }>;
  };
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(committedSpec, 'openapi');

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
const validators = new Map<string, ValidateFunction>();

/** A validator for a schema of the committed spec, by JSON pointer inside it. */
export function specValidator(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

/** The spec's path template for a concrete request path. */
function pathTemplate(path: string): string {
  // As the router matches: any case, a trailing slash or not.
  return path
    .split('?')[0]
    .replace(/\/$/, '')
    .replace(/^\/chatbots\/[^/]+\/webhook/i, '/chatbots/{chatbot}/webhook')
    .replace(/\/webhook\/questions\/[^/]+$/i, '/webhook/questions/{questionId}')
    .replace(/^\/webhook/i, '/webhook');
}

/**
 * A supertest `.expect()` hook: fails unless the response's status is documented for its
 * operation in the committed spec and its JSON body satisfies the documented schema.
 */
export function conformsToSpec(response: Response): void {
  const request = (response as unknown as { req: { method: string; path: string } }).req;
  const template = pathTemplate(request.path);
  const operation = committedSpec.paths[template]?.[request.method.toLowerCase()];
  if (!operation) throw new Error(`${request.method} ${template} is not in the spec`);
  const status = String(response.status);
  const documented = operation.responses[status];
  if (!documented)
    throw new Error(`status ${status} is not documented for ${request.method} ${template}`);
  if (!documented.content?.['application/json']) return;
  const pointer = [
    '',
    'paths',
    template,
    request.method.toLowerCase(),
    'responses',
    status,
    'content',
    'application/json',
    'schema',
  ]
    .map(escape)
    .join('/');
  const validate = specValidator(pointer);
  if (!validate(response.body)) {
    throw new Error(
      `the ${status} body of ${request.method} ${template} breaks the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body)}`,
    );
  }
}

/** `POST path` to the app, its answer checked against the committed spec (`conformsToSpec`). */
export function postChecked(app: { getHttpServer(): unknown }, path: string) {
  return request(app.getHttpServer() as Parameters<typeof request>[0])
    .post(path)
    .expect(conformsToSpec);
}
