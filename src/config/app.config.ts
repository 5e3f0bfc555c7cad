import { ConfigError } from './config.error.js';

/** The service's settings, read from environment variables at boot. */
export interface AppConfig {
  /** PORT: the HTTP port. */
  port: number;
  /** HOST: the address to listen on. */
  host: string;
  /** HANDLER_TIMEOUT_MS: the default handler deadline. */
  handlerTimeoutMs: number;
  /** BODY_LIMIT: the largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** DOCS_ENABLED: serve the OpenAPI spec and Swagger UI under /docs. */
  docsEnabled: boolean;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, variable: string, fallback: boolean): boolean {
  const raw = env[variable]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(variable, `must be true or false; got "${env[variable]}"`);
}

/** Reads and checks the settings; throws a `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST?.trim() || '0.0.0.0',
    handlerTimeoutMs: integer(env, 'HANDLER_TIMEOUT_MS', 3_000, 1, 600_000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT', 2 * 1024 * 1024, 1_024, 100 * 1024 * 1024),
    docsEnabled: boolean(env, 'DOCS_ENABLED', true),
  };
}
