import type { IncomingMessage } from 'node:http';

/** `scheme://authority` at the start of an absolute-form request target. */
const SCHEME_AND_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * The origin form (`/path?query`) of a request target. HTTP/1.1 servers must accept the
 * absolute form too (`POST http://host/webhook`, RFC 9112 §3.2.2), and Express routes it by
 * its path: everything in front of the routes must see the same path the router sees.
 * Other forms (`*`, or a path without its leading slash) are left as they are: no route
 * matches them.
 */
export function originForm(target: string): string {
  if (target.charCodeAt(0) === 0x2f /* "/" */) return target;
  const match = SCHEME_AND_AUTHORITY.exec(target);
  if (!match) return target;
  const rest = target.slice(match[0].length);
  return rest.charCodeAt(0) === 0x2f ? rest : `/${rest}`;
}

/** Express middleware: rewrites an absolute-form request target to its origin form. */
export function originFormTargets(request: IncomingMessage, _response: unknown, next: () => void) {
  if (request.url !== undefined) request.url = originForm(request.url);
  next();
}
