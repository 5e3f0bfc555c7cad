// Server (a): the ceiling of one Node process. A bare `node:http` server that reads the body,
// JSON.parses it, routes by `flow.last_question_id` and answers the example handler's reply.
// No framework, no validation, no logging. Listens on 127.0.0.1:$PORT.

import http from 'node:http';
import { BENCH_QUESTION_ID, carModelsReply } from '../lib/payloads.mjs';

const BODY_LIMIT = 2 * 1024 * 1024;
const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

/**
 * Sends a JSON answer.
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 */
function send(res, status, body) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhook') {
    send(res, 404, { statusCode: 404, message: 'Not Found' });
    return;
  }
  /** @type {Buffer[]} */
  const chunks = [];
  let length = 0;
  req.on('data', (/** @type {Buffer} */ chunk) => {
    length += chunk.length;
    if (length > BODY_LIMIT) {
      send(res, 413, { statusCode: 413, message: 'Payload Too Large' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    /** @type {{ flow?: { last_question_id?: unknown } } | null} */
    let request;
    try {
      request = JSON.parse(Buffer.concat(chunks, length).toString('utf8'));
    } catch {
      send(res, 400, { statusCode: 400, message: 'Invalid JSON' });
      return;
    }
    const questionId = request?.flow?.last_question_id;
    send(res, 200, questionId === BENCH_QUESTION_ID ? carModelsReply() : {});
  });
});

server.listen(port, host, () => {
  console.log(`raw node:http listening on http://${host}:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
