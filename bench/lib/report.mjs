// Turns the benchmark results into tables: the same Markdown tables are printed to the
// console and written to bench/results/latest.md.

/**
 * @typedef {object} Table
 * @property {string} title
 * @property {string[]} head
 * @property {string[][]} rows
 * @property {('l' | 'r')[]} align
 */

/**
 * A milliseconds value with sensible precision.
 * @param {number | undefined} ms
 * @returns {string}
 */
export function ms(ms) {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/**
 * A rate, rounded.
 * @param {number | undefined} value
 * @returns {string}
 */
export function rate(value) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return value >= 100 ? Math.round(value).toString() : value.toFixed(1);
}

/**
 * A ratio such as "0.31×".
 * @param {number | undefined} numerator
 * @param {number | undefined} denominator
 * @returns {string}
 */
export function ratio(numerator, denominator) {
  if (numerator === undefined || denominator === undefined) return 'n/a';
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) {
    return 'n/a';
  }
  const value = numerator / denominator;
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

/**
 * A percentage of one core.
 * @param {number | undefined} value
 * @returns {string}
 */
export function pct(value) {
  return value === undefined || Number.isNaN(value) ? 'n/a' : `${Math.round(value)}%`;
}

/**
 * A table as padded Markdown.
 * @param {Table} table
 * @returns {string}
 */
export function renderTable(table) {
  const widths = table.head.map((cell, column) =>
    Math.max(cell.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells
      .map((cell, column) =>
        table.align[column] === 'r'
          ? (cell ?? '').padStart(widths[column])
          : (cell ?? '').padEnd(widths[column]),
      )
      .join(' | ')} |`;
  const rule = `| ${widths
    .map((width, column) =>
      table.align[column] === 'r' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
    )
    .join(' | ')} |`;
  return [`**${table.title}**`, '', line(table.head), rule, ...table.rows.map(line)].join('\n');
}

/**
 * The per-size throughput table.
 * @param {import('../run.mjs').SizeResult} size
 * @param {import('../run.mjs').BenchConfig} config
 * @param {import('../run.mjs').ServerInfo[]} servers
 * @returns {Table}
 */
export function sizeTable(size, config, servers) {
  const kb = size.bodyBytes.map((bytes) => bytes / 1024);
  const title =
    `chat_log ${size.entries} entries (body ${Math.min(...kb).toFixed(1)}–${Math.max(...kb).toFixed(1)} KiB, ` +
    `${size.bodyBytes.length} variants): ${config.connections} connections, ` +
    `${config.rounds} × ${config.durationS} s rounds, ${config.warmupS ? `after ${config.warmupS} s warm-up` : 'no warm-up'}`;
  const head = [
    'server',
    'req/s (median)',
    'req/s per round',
    'p50 ms',
    'p99 ms',
    'max ms',
    'server CPU',
    'client CPU',
    'other CPU',
    'non-2xx',
    'errors',
    'bad bodies',
  ];
  /** @type {string[][]} */
  const rows = [];
  for (const server of servers) {
    const result = size.servers[server.key];
    if (!result) continue;
    rows.push([
      `${server.key} ${server.name}`,
      rate(result.rpsMedian),
      result.rounds.map((round) => rate(round.rps)).join(' / '),
      ms(result.latency.p50),
      ms(result.latency.p99),
      ms(result.latency.max),
      pct(result.serverCpuPct),
      pct(result.clientCpuPct),
      pct(result.otherCpuPct),
      String(result.non2xx),
      String(result.errors),
      String(result.badBodies),
    ]);
  }
  rows.push(
    ...ratioRows(size.servers, head.length, (c, other) => ({
      1: ratio(c.rpsMedian, other.rpsMedian),
      3: ratio(c.latency.p50, other.latency.p50),
      4: ratio(c.latency.p99, other.latency.p99),
    })),
  );
  return { title, head, align: head.map((_, index) => (index === 0 ? 'l' : 'r')), rows };
}

/**
 * The rows comparing c to b and to a (when both ran): `width` cells, the label first, the
 * cells `ratios` gives by column index, empty elsewhere.
 * @template {object} R
 * @param {Partial<Record<'a' | 'b' | 'c', R>>} results
 * @param {number} width
 * @param {(c: R, other: R) => Record<number, string>} ratios
 * @returns {string[][]}
 */
function ratioRows(results, width, ratios) {
  const { a, b, c } = results;
  /** @type {string[][]} */
  const rows = [];
  for (const [label, other] of /** @type {const} */ ([
    ['c/b', b],
    ['c/a', a],
  ])) {
    if (!c || !other) continue;
    const cells = ratios(c, other);
    rows.push(
      Array.from({ length: width }, (_, index) => (index === 0 ? label : (cells[index] ?? ''))),
    );
  }
  return rows;
}

/** How to read the fixed-rate table. */
export const FIXED_RATE_NOTE =
  'Open loop: each request is sent at its scheduled time whatever happened to the previous ones, ' +
  'and its latency runs from that scheduled time, so queueing in the server is counted. ' +
  '"kept up" is NO when a server answered less than 95% of the target rate (or left requests ' +
  'unanswered): its queue then grew for the whole run and its latencies depend on the run length. ' +
  '"max send lag" is how late the driver itself sent (timer granularity); it is included in the latencies.';

/**
 * Whether a server kept up with the fixed rate: it answered at least 95% of the target rate
 * and nothing was left unanswered. A server that did not has a growing queue: its latency
 * depends on how long the run lasts.
 * @param {import('./open-loop.mjs').OpenLoopResult} result
 * @returns {boolean}
 */
export function keptUp(result) {
  return result.completionRate >= result.targetRate * 0.95 && result.unfinished === 0;
}

/**
 * The fixed-rate (open-loop) table.
 * @param {import('../run.mjs').FixedRateResult} fixed
 * @param {import('../run.mjs').ServerInfo[]} servers
 * @returns {Table}
 */
export function fixedRateTable(fixed, servers) {
  const title =
    `Fixed rate, open loop: ${fixed.rate} req/s for ${fixed.durationS} s (${fixed.warmupS ? `after ${fixed.warmupS} s warm-up` : 'no warm-up'}), ` +
    `chat_log ${fixed.entries} entries; latency from each request's scheduled send time`;
  const head = [
    'server',
    'sent/s',
    'answered/s',
    'kept up',
    'p50 ms',
    'p90 ms',
    'p99 ms',
    'max ms',
    'max send lag ms',
    'connections',
    'server CPU',
    'other CPU',
    'non-2xx',
    'errors',
    'bad bodies',
  ];
  /** @type {string[][]} */
  const rows = [];
  for (const server of servers) {
    const result = fixed.servers[server.key];
    if (!result) continue;
    rows.push([
      `${server.key} ${server.name}`,
      rate(result.sendRate),
      rate(result.completionRate),
      keptUp(result) ? 'yes' : 'NO',
      ms(result.latency.p50),
      ms(result.latency.p90),
      ms(result.latency.p99),
      ms(result.latency.max),
      ms(result.sendLag.max),
      String(result.socketsOpened),
      pct(result.serverCpuPct),
      pct(result.otherCpuPct),
      String(result.non2xx),
      String(result.errors + result.unfinished),
      String(result.badBodies),
    ]);
  }
  rows.push(
    ...ratioRows(fixed.servers, head.length, (c, other) => ({
      4: ratio(c.latency.p50, other.latency.p50),
      5: ratio(c.latency.p90, other.latency.p90),
      6: ratio(c.latency.p99, other.latency.p99),
      7: ratio(c.latency.max, other.latency.max),
    })),
  );
  return { title, head, align: head.map((_, index) => (index === 0 ? 'l' : 'r')), rows };
}

/**
 * What the service wrote to its log, per request answered.
 * @param {{ path: string, bytes: number, lines: number, requests: number }} serviceLog
 * @returns {string}
 */
export function serviceLogLine({ path, bytes, lines, requests }) {
  const per = requests
    ? `; about ${(lines / requests).toFixed(1)} lines and ${Math.round(bytes / requests)} bytes per request`
    : '';
  return `Service log: ${path}, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${lines} lines for ${requests} requests answered${per}`;
}

/**
 * The whole Markdown report.
 * @param {import('../run.mjs').BenchResults} results
 * @returns {string}
 */
export function renderMarkdown(results) {
  const { machine, config } = results;
  const lines = [
    '# Benchmark: Cliengo webhook service vs. bare Express 5 vs. raw node:http',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemGiB.toFixed(1)} GiB, ${machine.platform}`,
    `- Node ${machine.node}, autocannon ${machine.autocannon}, express ${machine.express}`,
    `- Service: dist/service/main.js built ${machine.distBuiltAt ?? 'n/a'}, dist fingerprint ${machine.distFingerprint ?? 'n/a'}, git ${machine.git ?? 'n/a'}`,
    `- Load average (1 min) before / after: ${machine.loadBefore.toFixed(2)} / ${machine.loadAfter.toFixed(2)}`,
    `- Servers: ${results.servers.map((server) => `**${server.key}** ${server.description}`).join('; ')}`,
    `- Request: POST /webhook routed to question ${config.questionId} (answered with a LIST reply); ` +
      `every answer must be 2xx and carry \`"response_type":"LIST"\`.`,
    '',
    'req/s counts 2xx answers only. Latencies are exact (every sample, sub-millisecond). ' +
      'Server CPU is the server process (100% = one core); client CPU is the benchmark process ' +
      '(autocannon); other CPU is every other process on the machine (medians of rounds). All ' +
      'share the same cores: a client near 100% means the client, not the server, may be the ' +
      'bottleneck, and other CPU well above 0% means someone else was using the machine.',
    '',
  ];
  for (const size of results.sizes) {
    lines.push(renderTable(sizeTable(size, config, results.servers)), '');
  }
  if (results.fixedRate) {
    lines.push(
      renderTable(fixedRateTable(results.fixedRate, results.servers)),
      '',
      FIXED_RATE_NOTE,
      '',
    );
  }
  if (results.serviceLog) lines.push(serviceLogLine(results.serviceLog), '');
  const memory = results.servers
    .filter((server) => server.memory)
    .map(
      (server) =>
        `${server.key}: ${server.memory?.rssMiB.toFixed(0)} MiB RSS at the end, ${server.memory?.peakRssMiB.toFixed(0)} MiB peak`,
    );
  if (memory.length) lines.push(`Memory: ${memory.join('; ')}`, '');
  if (results.warnings.length) {
    lines.push('Runs disturbed by other processes on the machine:', '');
    for (const warning of results.warnings) lines.push(`- ${warning}`);
    lines.push('');
  }
  lines.push(
    results.ok ? 'Result: OK (all answers 2xx with the expected reply).' : 'Result: FAILED',
  );
  for (const failure of results.failures) lines.push(`- ${failure}`);
  return `${lines.join('\n')}\n`;
}
