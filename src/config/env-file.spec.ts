import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { loadConfig } from './app.config.js';
import { environmentWithFile, readEnvFile } from './env-file.js';
import { EnvFileError } from './env-file.error.js';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'env-file-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let count = 0;
/** A dotenv file with these lines. */
function file(...lines: string[]): string {
  const path = join(directory, `${++count}.env`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

function problems(path: string): readonly string[] {
  try {
    readEnvFile(path);
  } catch (error) {
    if (error instanceof EnvFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readEnvFile', () => {
  it('reads variables, comments, blank lines, export, quotes and values over several lines', () => {
    const path = file(
      '# the service',
      '',
      'PORT=4000',
      '  LOG_LEVEL = debug  ',
      'export TIME_ZONE=America/Mexico_City',
      'ACCESS_TOKENS="token-0123456789abcdef,token-fedcba9876543210" # two, for rotation',
      "GREETING='¡Hola # no comment!'",
      'EMPTY=',
      'URL=https://example.com/a?b=c',
      'KEY="-----BEGIN-----',
      'abc=def',
      '-----END-----"',
      '   # an indented comment',
    );
    expect(readEnvFile(path)).toEqual({
      PORT: '4000',
      LOG_LEVEL: 'debug',
      TIME_ZONE: 'America/Mexico_City',
      ACCESS_TOKENS: 'token-0123456789abcdef,token-fedcba9876543210',
      GREETING: '¡Hola # no comment!',
      EMPTY: '',
      URL: 'https://example.com/a?b=c',
      KEY: '-----BEGIN-----\nabc=def\n-----END-----',
    });
  });

  it('reads Windows line ends and a byte order mark', () => {
    const path = join(directory, 'windows.env');
    writeFileSync(path, '\uFEFFPORT=4000\r\nHOST=127.0.0.1\r\n');
    expect(readEnvFile(path)).toEqual({ PORT: '4000', HOST: '127.0.0.1' });
  });

  it('reads nothing when there is no file', () => {
    expect(readEnvFile(join(directory, 'missing.env'))).toBeUndefined();
  });

  it('refuses a line Node would skip without a word, naming its number and not its text', () => {
    const path = file(
      'PORT=4000',
      'my-secret-token-0123456789',
      'LOG_LEVEL: debug',
      '=nothing',
      'TWO WORDS=x',
      '1PORT=3000',
    );
    expect(problems(path)).toEqual([
      'line 2 is not a variable (NAME=value), a # comment or blank',
      'line 3 is not a variable (NAME=value), a # comment or blank',
      'line 4 is not a variable (NAME=value), a # comment or blank',
      'line 5 is not a variable (NAME=value), a # comment or blank',
      'line 6 is not a variable (NAME=value), a # comment or blank',
    ]);
    expect(() => readEnvFile(path)).toThrow(`${path} cannot be used: line 2 is not a variable`);
    expect(() => readEnvFile(path)).not.toThrow(/secret/);
  });

  it('refuses a name Node reads with what is written before it, wherever it does', () => {
    // Node 20 keeps a tab before the name, or a second space after export, in the name.
    for (const line of ['\tHOST=127.0.0.1', 'export  HOST=127.0.0.1']) {
      const path = file(line);
      if (parseEnv(line).HOST === undefined) {
        expect({ line, problems: problems(path) }).toEqual({
          line,
          problems: ['line 1: not read as HOST; start the line with the name'],
        });
      } else {
        expect({ line, values: readEnvFile(path) }).toEqual({
          line,
          values: { HOST: '127.0.0.1' },
        });
      }
    }
  });

  it('refuses a quote that is never closed', () => {
    expect(problems(file('PORT=4000', 'ACCESS_TOKENS="token-0123456789abcdef', 'HOST=::'))).toEqual(
      ['line 2: the " that opens the value of ACCESS_TOKENS is never closed'],
    );
  });

  it('refuses a file it cannot read', () => {
    expect(problems(directory)).toEqual([expect.stringMatching(/^cannot be read \(EISDIR/)]);
  });
});

describe('environmentWithFile', () => {
  const dotenv = () => file('PORT=4000', 'HOST=127.0.0.1', 'LOG_LEVEL=debug');

  it('adds what the environment does not set; the environment wins, even when empty', () => {
    const env = { HOST: '0.0.0.0', LOG_LEVEL: '' };
    const path = dotenv();
    expect(environmentWithFile(path, env)).toEqual({
      env: { PORT: '4000', HOST: '0.0.0.0', LOG_LEVEL: '' },
      use: { file: path, set: ['PORT'], kept: ['HOST', 'LOG_LEVEL'] },
    });
    expect(env).toEqual({ HOST: '0.0.0.0', LOG_LEVEL: '' }); // a given env is not changed
  });

  it('adds to process.env when given no environment', () => {
    const name = `ENV_FILE_SPEC_${process.pid}`;
    const path = file(`${name}=from-file`, 'PATH=from-file');
    try {
      const { env, use } = environmentWithFile(path);
      expect(env).toBe(process.env);
      expect(process.env[name]).toBe('from-file');
      expect(process.env.PATH).not.toBe('from-file');
      expect(use).toEqual({ file: path, set: [name], kept: ['PATH'] });
    } finally {
      delete process.env[name];
    }
  });

  it('changes nothing when there is no file', () => {
    const env = { PORT: '3000' };
    expect(environmentWithFile(join(directory, 'none.env'), env)).toEqual({
      env,
      use: undefined,
    });
  });

  it('stops on a bad file before anything is added', () => {
    const env = {};
    expect(() => environmentWithFile(file('PORT=4000', 'oops'), env)).toThrow(EnvFileError);
    expect(env).toEqual({});
  });
});

describe('.env.example', () => {
  const example = new URL('../../.env.example', import.meta.url);

  it('reads cleanly, and its settings, uncommented, are valid ones', () => {
    expect(readEnvFile(example.pathname)).toEqual({});
    const text = readFileSync(example, 'utf8');
    const values = readEnvFile(
      file(...text.split('\n').map((line) => line.replace(/^# (?=[A-Z_]+=)/, ''))),
    );
    expect(Object.keys(values ?? {})).toEqual(
      expect.arrayContaining(['PORT', 'LOG_LEVEL', 'ACCESS_TOKENS']),
    );
    expect(() => loadConfig(values)).not.toThrow();
  });
});
