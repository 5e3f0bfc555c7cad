import { type IncomingMessage, type Server, ServerResponse } from 'node:http';

/**
 * The most of a request body still unread that is read and discarded to keep its connection
 * open, when a response is sent before the body was read: more than this, or a body of
 * unknown length, and the connection is closed instead.
 */
export const DRAIN_LIMIT_BYTES = 64 * 1024;

const CONTINUED = Symbol('continued');
type Continued = ServerResponse & { [CONTINUED]?: true };

/** Whether the client waits for `100 Continue` before it sends the body. */
export function expectsContinue(request: IncomingMessage): boolean {
  const expect = request.headers.expect;
  return expect !== undefined && /^100-continue$/i.test(expect.trim());
}

/** Sends `100 Continue` to a client that waits for it (once), so it sends the body. */
export function sendContinue(response: ServerResponse): void {
  const continued = response as Continued;
  if (continued[CONTINUED] || !expectsContinue(response.req)) return;
  continued[CONTINUED] = true;
  response.writeContinue();
}

/**
 * Called as the response's head is written: if the request's body has not been read to its
 * end, the connection must not be left with the rest of it unread (the next request on a
 * pooled connection would wait behind it) nor be made to read an unbounded amount of it.
 * A rest of at most `DRAIN_LIMIT_BYTES` is read and discarded, and the connection stays
 * open; a longer one, or one of unknown length (chunked), closes the connection after the
 * response. A client still waiting for `100 Continue` sends no body: Node closes such a
 * connection itself.
 */
function settleUnreadBody(response: ServerResponse): void {
  const request = response.req;
  if (!request || request.complete) return;
  const declared = request.headers['content-length'];
  const chunked = request.headers['transfer-encoding'] !== undefined;
  if (!chunked && (declared === undefined || Number(declared) === 0)) return;
  if (expectsContinue(request) && !(response as Continued)[CONTINUED]) return;
  request.unpipe();
  if (!chunked && Number(declared) <= DRAIN_LIMIT_BYTES) {
    request.resume();
    return;
  }
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

/**
 * Applies the unread-body rule above to every response of an HTTP server whose responses
 * are made on `prototype` (Express's `app.response`, on which `ExpressServerAdapter` has
 * Node build them), and lets the webhook gate decide when to send `100 Continue`: Node's
 * own `checkContinue` default would send it before any check, inviting a body that will be
 * refused.
 */
export function settleUnreadBodies(server: Server, prototype: ServerResponse): void {
  // Node's own method, from the prototype it is defined on, applied to each response below.
  const writeHead = Object.getOwnPropertyDescriptor(ServerResponse.prototype, 'writeHead')!
    .value as ServerResponse['writeHead'];
  Object.defineProperty(prototype, 'writeHead', {
    configurable: true,
    writable: true,
    value: function (this: ServerResponse, ...args: unknown[]) {
      settleUnreadBody(this);
      return Reflect.apply(writeHead, this, args) as ServerResponse;
    },
  });
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    server.emit('request', request, response);
  });
}
