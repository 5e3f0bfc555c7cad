import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { EnvFileError } from './env-file.error.js';

type Env = Record<string, string | undefined>;

/** `NAME=value` or `export NAME=value`, with spaces around `=` allowed. */
const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const QUOTES = ['"', "'", '`'];

/**
 * The lines Node's parser would skip or misread, each named by its number (never by its
 * text, which may hold a secret). A line is a variable, a `#` comment or blank; a quoted
 * value may go on over several lines, up to its closing quote.
 */
function lineProblems(lines: readonly string[], values: Env): string[] {
  const problems: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = `line ${index + 1}`;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      problems.push(`${at} is not a variable (NAME=value), a # comment or blank`);
      continue;
    }
    const [, name, value] = match;
    const quote = value[0];
    if (QUOTES.includes(quote) && !value.includes(quote, 1)) {
      const end = lines.findIndex((next, later) => later > index && next.includes(quote));
      if (end === -1) {
        problems.push(`${at}: the ${quote} that opens the value of ${name} is never closed`);
        continue;
      }
      index = end;
    }
    // Node reads a name with the tabs or spaces written before it as part of the name.
    if (!Object.hasOwn(values, name)) {
      problems.push(`${at}: not read as ${name}; start the line with the name`);
    }
  }
  return problems;
}

/**
 * Reads a dotenv file with Node's own parser (`util.parseEnv`): `NAME=value` lines,
 * `export NAME=value`, `#` comments, values in quotes (over several lines up to the closing
 * quote). Returns undefined when there is no such file. A file that cannot be read, or a
 * line that is not a variable, a comment or blank (which Node would skip without a word),
 * is an `EnvFileError` naming the file and the line numbers.
 */
export function readEnvFile(file: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EnvFileError(file, [`cannot be read (${(error as Error).message})`]);
  }
  text = text.replace(/^\uFEFF/, '');
  const values = parseEnv(text);
  const problems = lineProblems(text.split(/\r?\n/), values);
  if (problems.length > 0) throw new EnvFileError(file, problems);
  return values as Record<string, string>;
}

/** What `environmentWithFile` did: the variables it took from the file, and those it left. */
export interface EnvFileUse {
  file: string;
  /** Set from the file: the environment did not have them. */
  set: string[];
  /** In the file, but the environment already sets them (even to ""): the environment wins. */
  kept: string[];
}

/**
 * The environment the settings are read from, with a dotenv file's variables under it: a
 * variable the environment sets (even to an empty value) wins over the file. Without `env`,
 * the file's variables are added to `process.env` (so your own code reads them there too);
 * a given `env` is not changed: the result is a copy. No file, nothing changes.
 */
export function environmentWithFile(
  file: string,
  env?: Env,
): { env: Env; use: EnvFileUse | undefined } {
  const target = env ?? process.env;
  const values = readEnvFile(file);
  if (!values) return { env: target, use: undefined };
  const use: EnvFileUse = { file, set: [], kept: [] };
  const result = env ? { ...env } : target;
  for (const [name, value] of Object.entries(values)) {
    if (Object.hasOwn(target, name)) use.kept.push(name);
    else {
      result[name] = value;
      use.set.push(name);
    }
  }
  return { env: result, use };
}
