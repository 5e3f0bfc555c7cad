// What a dialog turn costs, next to a plain handler's call, on the running service: the
// example car quote dialog (question 40) played turn by turn over HTTP, its memory carried
// from each reply to the next request as Cliengo carries it, against the example handler of
// question 3, on requests of the same size.
//
//   npm run bench:dialogs
//   DIALOG_CONVERSATIONS=1000 DIALOG_CONCURRENCY=16 npm run bench:dialogs
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeFailure, intEnv, machineInfo } from './lib/cli.mjs';
import { REPLY_MARKER, buildRequest } from './lib/payloads.mjs';
import { renderTable } from './lib/report.mjs';
import { postJson, startServer, stopServer } from './lib/servers.mjs';
import { LatencyRecorder } from './lib/stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE_ENTRY = path.join(ROOT, 'dist', 'service', 'main.js');
const RESULTS_LOG = path.join(ROOT, 'bench', 'results', 'dialogs-service.log');
const CHAT_LOG_ENTRIES = 50;

/** A car quote, as a visitor plays it: the plate, a plan, "no", another plan, yes. */
const TURNS = ['AB 123 CD', '2', 'no', 'todo riesgo', 'sí'];
const STATE_KEY = 'dialog:car-quote';

async function main() {
  const conversations = intEnv('DIALOG_CONVERSATIONS', 400, 1, 1_000_000);
  const concurrency = intEnv('DIALOG_CONCURRENCY', 8, 1, 1024);
  const { applyCustomWrites } = await import(
    pathToFileURL(path.join(ROOT, 'dist', 'devkit', 'simulator', 'conversation-state.js')).href
  );
  const template = buildRequest(CHAT_LOG_ENTRIES);
  const server = await startServer(
    {
      name: 'service',
      script: SERVICE_ENTRY,
      cwd: ROOT,
      env: { LOG_LEVEL: 'warn', MAX_EVENT_LOOP_LAG_MS: '0' },
      logPath: RESULTS_LOG,
    },
    { probeBody: JSON.stringify(template), marker: REPLY_MARKER, timeoutMs: 20_000 },
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    /** One request of the template's size, on a question, with this message and memory. */
    const body = (questionId, text, custom) => {
      const request = structuredClone(template);
      request.flow = { ...request.flow, last_question_id: questionId };
      request.chat_log = [...request.chat_log.slice(0, -1), { sender: 'visitor', text }];
      request.collected_data = { ...request.collected_data, custom };
      return JSON.stringify(request);
    };
    const post = async (questionId, text, custom, latencies) => {
      const payload = body(questionId, text, custom);
      const started = performance.now();
      const answer = await postJson(server.port, '/webhook', payload, 10_000, agent);
      latencies.record(performance.now() - started);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body}`);
      return JSON.parse(answer.body);
    };

    let plain = new LatencyRecorder();
    let dialog = new LatencyRecorder();
    let stateBytes = 0;
    let completed = 0;

    const playPlain = async () => {
      for (let turn = 0; turn < TURNS.length; turn++) {
        await post(3, 'Sí, contame', {}, plain);
      }
    };
    const playDialog = async () => {
      const memory = {};
      for (const text of TURNS) {
        const reply = await post(40, text, structuredClone(memory), dialog);
        const state = reply.custom?.[STATE_KEY];
        if (state) stateBytes = Math.max(stateBytes, JSON.stringify(state).length);
        applyCustomWrites(memory, reply.custom ?? {});
      }
      if (memory.seguro_plan !== 'Todo riesgo' || STATE_KEY in memory) {
        throw new Error(`a conversation did not end as expected: ${JSON.stringify(memory)}`);
      }
      completed++;
    };
    const run = async (play) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < conversations) await play();
        }),
      );
      return ((conversations * TURNS.length) / (performance.now() - started)) * 1000;
    };

    // Warm both paths, then measure each.
    await playPlain();
    await playDialog();
    completed = 0;
    plain = new LatencyRecorder();
    dialog = new LatencyRecorder();
    const plainRate = await run(playPlain);
    const dialogRate = await run(playDialog);

    const p = plain.summary();
    const d = dialog.summary();
    console.log(
      `Dialog turns against plain handler calls: ${conversations} conversations of ${TURNS.length} turns, ${concurrency} at a time, requests of ${CHAT_LOG_ENTRIES} chat_log entries.`,
    );
    const machine = machineInfo(ROOT, SERVICE_ENTRY);
    console.log(`${machine.cpuModel}, ${machine.cores} cores, Node ${process.versions.node}.`);
    console.log(
      renderTable({
        title: 'Per call, closed loop',
        head: ['calls', 'per second', 'p50', 'p99', 'max'],
        align: ['l', 'r', 'r', 'r', 'r'],
        rows: [
          ['question 3 (a handler)', plainRate.toFixed(0), ms(p.p50), ms(p.p99), ms(p.max)],
          ['question 40 (a dialog turn)', dialogRate.toFixed(0), ms(d.p50), ms(d.p99), ms(d.max)],
        ],
      }),
    );
    console.log(
      `${completed} car quotes completed; the dialog's state took at most ${stateBytes} bytes of custom.`,
    );
  } finally {
    agent.destroy();
    await stopServer(server);
  }
}

function ms(value) {
  return `${value.toFixed(2)} ms`;
}

main().catch((error) => {
  console.error(`bench:dialogs failed: ${describeFailure(error)}`);
  process.exitCode = 1;
});
