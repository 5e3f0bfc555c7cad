import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { CliengoFulfillmentModule } from '../cliengo-fulfillment.module.js';
import { configureApp } from '../app.setup.js';
import { loadConfig } from '../config/app.config.js';
import { ExpressServerAdapter } from '../http/express-server.adapter.js';
import { buildOpenApiDocument } from './openapi.document.js';
import {
  OPENAPI_FILES,
  readCommitted,
  renderOpenApi,
  renderOpenApiTypes,
} from './openapi.files.js';

/**
 * Writes the committed spec from the code: `openapi/openapi.json` and `.yaml`; with
 * `--types`, `openapi/openapi-types.ts` from the committed JSON. With `--check`, writes
 * nothing and fails when a committed file differs from what would be written.
 */
/** The document of the app as `main.ts` builds it (default settings), without listening. */
async function documentFromCode(): Promise<OpenAPIObject> {
  const config = { ...loadConfig({}), logLevel: 'silent' as const };
  const app = await NestFactory.create<NestExpressApplication>(
    CliengoFulfillmentModule.forRoot({ settings: config }),
    new ExpressServerAdapter(),
    {
      bodyParser: false,
      logger: false,
    },
  );
  configureApp(app, config);
  await app.init();
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const types = process.argv.includes('--types');
  const outputs: Array<[string, string]> = types
    ? [
        [
          OPENAPI_FILES.types,
          await renderOpenApiTypes(
            JSON.parse(readFileSync(OPENAPI_FILES.json, 'utf8')) as OpenAPIObject,
          ),
        ],
      ]
    : Object.entries(renderOpenApi(await documentFromCode())).map(([kind, text]) => [
        OPENAPI_FILES[kind as 'json' | 'yaml'],
        text,
      ]);
  const stale = outputs
    .filter(([path, text]) => readCommitted(path) !== text)
    .map(([path]) => path);
  if (check) {
    if (stale.length > 0) {
      console.error(`Stale: ${stale.join(', ')}. Run npm run openapi && npm run openapi:types.`);
      process.exit(1);
    }
    console.log(`Up to date: ${outputs.map(([path]) => path).join(', ')}`);
    return;
  }
  for (const [path, text] of outputs) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`Wrote ${outputs.map(([path]) => path).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
