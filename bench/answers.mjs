// What the answer parsers cost: the time their module takes to load in a fresh process
// (what they add to the service's boot), and the time one typical answer takes to parse.
//
//   npm run build && node bench/answers.mjs
//   ANSWERS_ITERATIONS=5000 node bench/answers.mjs
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { intEnv, describeFailure } from './lib/cli.mjs';
import { renderTable } from './lib/report.mjs';
import { median } from './lib/stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = path.join(ROOT, 'dist', 'answers', 'index.js');
const NOW = new Date('2030-03-12T15:00:00Z');

/** Typical answers per parser, as visitors type them, with the call's options. */
const SAMPLES = {
  yesNo: [
    ['Sí, dale'],
    ['no, ya tengo'],
    ['claro que si!!'],
    ['capaz'],
    ['sim, pode ser amanhã', { locale: 'pt' }],
  ],
  number: [
    ['2'],
    ['dos mil quinientos'],
    ['tengo 3 hijos'],
    ['$ 1.500,50'],
    ['vinte e três', { locale: 'pt' }],
  ],
  date: [
    ['20/10/2030', { now: NOW }],
    ['mañana', { now: NOW }],
    ['el lunes que viene', { now: NOW }],
    ['15 de marzo de 2031', { now: NOW, notPast: true }],
    ['depois de amanhã', { now: NOW, locale: 'pt' }],
  ],
  nationalId: [
    ['DNI 28.456.789', { country: 'AR' }],
    ['20-28456789-8', { country: 'AR' }],
    ['mi rut es 12.345.678-5', { country: 'CL' }],
    ['123.456.789-09', { country: 'BR' }],
  ],
  choice: [
    ['la segunda', ['12 cuotas', '24 cuotas', '36 cuotas']],
    ['#2 - Plan B', ['#1 - Plan A', '#2 - Plan B']],
    ['2', ['Plan A', 'Plan B']],
    ['quiero la de 24 cuotas por favor', ['Préstamo en 12 cuotas', 'Préstamo en 24 cuotas']],
  ],
  email: [['mi mail es juan.perez@gmail.com gracias'], ['JUAN@HOTMAIL.COM']],
  phone: [
    ['0351 15-555-1234', { country: 'AR' }],
    ['+54 9 11 3815-2222'],
    ['(11) 91234-5678', { country: 'BR' }],
  ],
};

/**
 * Milliseconds a fresh Node process takes to import `file` (median of `runs`), after
 * importing `before` (not counted) when given.
 */
function loadMs(file, runs, before) {
  const first = before ? `await import(${JSON.stringify(before)});` : '';
  const script = `${first}const t=performance.now();await import(${JSON.stringify(pathToFileURL(file).href)});process.stdout.write(String(performance.now()-t));`;
  const times = [];
  for (let run = 0; run < runs; run++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    times.push(Number(out));
  }
  return median(times);
}

/** Microseconds per call of `parse` over `samples`, after a warm-up. */
function parseMicros(parse, samples, iterations) {
  const run = (count) => {
    for (let index = 0; index < count; index++) {
      const [text, ...rest] = samples[index % samples.length];
      parse(text, ...rest);
    }
  };
  run(Math.min(2_000, iterations));
  const batches = [];
  const batch = Math.max(1, Math.floor(iterations / 20));
  for (let done = 0; done < iterations; done += batch) {
    const started = performance.now();
    run(batch);
    batches.push(((performance.now() - started) * 1_000) / batch);
  }
  const sorted = [...batches].sort((a, b) => a - b);
  return { median: median(batches), worst: sorted[sorted.length - 1] };
}

async function main() {
  const iterations = intEnv('ANSWERS_ITERATIONS', 20_000, 100, 10_000_000);
  const runs = intEnv('ANSWERS_LOAD_RUNS', 5, 1, 50);
  const { answers } = await import(pathToFileURL(ENTRY).href);
  const baseline = loadMs(path.join(ROOT, 'bench', 'lib', 'stats.mjs'), runs);
  const load = loadMs(ENTRY, runs);
  // The service loads class-validator (and with it libphonenumber-js and validator) anyway.
  const inService = loadMs(ENTRY, runs, 'class-validator');
  const rows = [];
  for (const [name, samples] of Object.entries(SAMPLES)) {
    for (const sample of samples) {
      const [text, ...rest] = sample;
      if (typeof answers[name](text, ...rest)?.ok !== 'boolean') {
        throw new Error(`answers.${name}(${JSON.stringify(text)}) did not give an answer`);
      }
    }
    const micros = parseMicros(answers[name], samples, iterations);
    rows.push([
      `answers.${name}`,
      String(samples.length),
      micros.median.toFixed(2),
      micros.worst.toFixed(2),
    ]);
  }
  console.log(
    `Answer parsers (Node ${process.version}): loading dist/answers/index.js in a fresh process takes ${load.toFixed(1)} ms, ${inService.toFixed(1)} ms once class-validator is loaded as in the service (medians of ${runs}; an empty module: ${baseline.toFixed(1)} ms)\n`,
  );
  console.log(
    renderTable({
      title: `Time per parse, µs (median and slowest of 20 batches, ${iterations} calls per parser over its samples)`,
      head: ['parser', 'samples', 'µs per call (median)', 'µs per call (slowest batch)'],
      align: ['l', 'r', 'r', 'r'],
      rows,
    }),
  );
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nanswers bench failed: ${describeFailure(error)}\n`);
  process.exitCode = 1;
}
