import { TOKEN_PATH_SEGMENT, TOKEN_QUERY_PARAMETER } from '../security/webhook-gate.middleware.js';

const TOKEN_SEGMENT = new RegExp(`/${TOKEN_PATH_SEGMENT}/[^/?#]*`, 'g');

/** A URL fit for logs: a token in the path or the query is replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  const path = (query === -1 ? url : url.slice(0, query)).replace(
    TOKEN_SEGMENT,
    `/${TOKEN_PATH_SEGMENT}/[redacted]`,
  );
  if (query === -1) return path;
  const params = new URLSearchParams(url.slice(query + 1));
  if (params.has(TOKEN_QUERY_PARAMETER)) params.set(TOKEN_QUERY_PARAMETER, '[redacted]');
  const rest = params.toString().replaceAll('%5Bredacted%5D', '[redacted]');
  return rest ? `${path}?${rest}` : path;
}
