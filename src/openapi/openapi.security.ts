/** Names of the OpenAPI security schemes of the webhook (see `buildOpenApiDocument`). */
export const BEARER_SCHEME = 'bearer';
export const QUERY_TOKEN_SCHEME = 'token';

export const SECURITY_DESCRIPTION =
  'With ACCESS_TOKENS configured, every webhook request must carry one of the tokens, in one of three places: a path segment before the route (`/token/{token}/webhook`, for URLs configured in Cliengo), the `token` query parameter, or an `Authorization: Bearer` header. Without ACCESS_TOKENS the webhook is open.';
