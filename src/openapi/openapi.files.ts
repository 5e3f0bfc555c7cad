import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { stringify } from 'yaml';

/** The committed spec files, relative to the repository root. */
export const OPENAPI_FILES = {
  json: 'openapi/openapi.json',
  yaml: 'openapi/openapi.yaml',
  types: 'openapi/openapi-types.ts',
} as const;

/** The spec as the committed JSON and YAML files hold it. */
export function renderOpenApi(document: OpenAPIObject): { json: string; yaml: string } {
  return {
    json: `${JSON.stringify(document, null, 2)}\n`,
    yaml: stringify(document, { lineWidth: 0, aliasDuplicateObjects: false }),
  };
}

/** TypeScript types of the spec, as `openapi-typescript` writes them, with a header. */
export async function renderOpenApiTypes(document: OpenAPIObject): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  return `/**\n * Generated from openapi/openapi.json by \`npm run openapi:types\`. Do not edit.\n */\n\n${astToString(ast)}`;
}

/** Reads a committed spec file, or undefined if it does not exist. */
export function readCommitted(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
