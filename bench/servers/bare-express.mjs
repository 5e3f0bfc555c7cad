// Server (b): what teams hand-write. A bare Express 5 app with `express.json({ limit: '2mb' })`
// and a POST /webhook route that routes by `flow.last_question_id` to a function returning
// the example handler's reply. No validation, no logging, Express defaults otherwise.
// Listens on 127.0.0.1:$PORT.

import express from 'express';
import { BENCH_QUESTION_ID, carModelsReply } from '../lib/payloads.mjs';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

/** @type {Map<unknown, (body: unknown) => Record<string, unknown>>} */
const handlers = new Map([[BENCH_QUESTION_ID, () => carModelsReply()]]);

const app = express();
app.use(express.json({ limit: '2mb' }));

app.post('/webhook', (req, res) => {
  /** @type {{ flow?: { last_question_id?: unknown } } | undefined} */
  const body = req.body;
  const handler = handlers.get(body?.flow?.last_question_id);
  res.json(handler ? handler(body) : {});
});

const server = app.listen(port, host, () => {
  console.log(`bare Express 5 listening on http://${host}:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
