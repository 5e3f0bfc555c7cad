import { connect, type Socket } from 'node:net';

/** One HTTP response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the first HTTP response in `text` (a `Content-Length` body, or none). */
export function parseResponse(text: string): { response: RawResponse; rest: string } | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  const length = Number(headers['content-length'] ?? 0);
  const bodyStart = end + 4;
  if (Buffer.byteLength(text.slice(bodyStart)) < length) return undefined;
  const body = Buffer.from(text.slice(bodyStart)).subarray(0, length).toString();
  return {
    response: { status, headers, body },
    rest: text.slice(bodyStart + body.length),
  };
}

/**
 * A client connection that writes exactly the bytes a test gives and reads the responses
 * as they come: for request forms and timings that HTTP clients do not produce.
 */
export class RawConnection {
  readonly socket: Socket;
  #received = '';
  #closed = false;
  readonly #waiters: Array<() => void> = [];

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.#received += chunk;
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Whether the server has closed the connection. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Everything received and not yet taken as a response. */
  get pending(): string {
    return this.#received;
  }

  /** The next response, or undefined if the connection closes or `timeoutMs` passes first. */
  async response(timeoutMs = 2_000): Promise<RawResponse | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponse(this.#received);
      if (parsed) {
        this.#received = parsed.rest;
        return parsed.response;
      }
      const left = deadline - Date.now();
      if (this.#closed || left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server has closed the connection, or false after `timeoutMs`. */
  async whenClosed(timeoutMs = 2_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A POST request as bytes: request line, headers, and a JSON body with its length. */
export function rawPost(
  target: string,
  body: string,
  headers: Record<string, string> = {},
): string {
  const lines = [
    `POST ${target} HTTP/1.1`,
    'Host: service.test',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
