import { RESPONSE_TYPES, type ResponseType } from '../../contract/response-type.js';
import { Checker, join } from '../shared/checker.js';

/** A question of the chatbot's own script, as the simulator plays it. */
export interface ScriptQuestion {
  /** The question id: what `flow.last_question_id` and per-question URLs carry. */
  id: number;
  /** What the bot says to ask it; several lines are sent as separate messages. */
  text: string[];
  /** The expected answer type. Default: TEXT. */
  type: ResponseType;
  /** The options of a LIST question. */
  options?: string[];
  /** Where the answer is stored in `collected_data.custom`; without it, under `""`. */
  internal_name?: string;
  /** The next question's id; `null` ends the script. Default: the following question. */
  next?: number | null;
  /** How many times an answer that does not fit the type is asked again. Default: 2. */
  retries: number;
  /** What the bot says before asking again. Default: a message for the answer type. */
  retry_text?: string;
  /**
   * Whether this question has a fulfillment URL (per-question mode only: the webhook is
   * called only for questions that have one). Default: true.
   */
  webhook: boolean;
}

/** The chatbot's own script: its questions, in order, with an optional greeting and closing. */
export interface ChatbotScript {
  /** The bot's name: `chatbotName` in requests. */
  chatbotName: string;
  /** Lines the bot says when the conversation opens, before the first question. */
  greeting: string[];
  questions: ScriptQuestion[];
  /** Lines the bot says after the last question is answered. */
  closing: string[];
  /** The first question's id. Default: the first of the list. */
  start?: number;
}

/** A script or conversation file that does not hold what it must; lists every problem. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const QUESTION_KEYS = [
  'id',
  'text',
  'type',
  'options',
  'internal_name',
  'next',
  'retries',
  'retry_text',
  'webhook',
] as const;
const SCRIPT_KEYS = ['$schema', 'chatbotName', 'greeting', 'questions', 'closing', 'start'];

function readQuestion(check: Checker, value: unknown, path: string): ScriptQuestion | undefined {
  const raw = check.object(value, path, QUESTION_KEYS);
  if (!raw) return undefined;
  const id = check.integer(raw.id, join(path, 'id'));
  const text = check.texts(raw.text, join(path, 'text'));
  const type =
    raw.type === undefined ? 'TEXT' : check.oneOf(raw.type, join(path, 'type'), RESPONSE_TYPES);
  let options: string[] | undefined;
  if (raw.options !== undefined) {
    options = check.texts(raw.options, join(path, 'options'));
    if (type !== 'LIST') check.report(join(path, 'options'), 'only a LIST question has options');
    if (options && new Set(options).size !== options.length) {
      check.report(join(path, 'options'), 'must not repeat an option');
    }
  } else if (type === 'LIST') {
    check.report(join(path, 'options'), 'a LIST question needs its options');
  }
  const question: ScriptQuestion = {
    id: id ?? -1,
    text: text ?? [],
    type: type ?? 'TEXT',
    retries:
      raw.retries === undefined ? 2 : (check.integer(raw.retries, join(path, 'retries')) ?? 2),
    webhook:
      raw.webhook === undefined
        ? true
        : (check.boolean(raw.webhook, join(path, 'webhook')) ?? true),
  };
  if (options) question.options = options;
  if (raw.internal_name !== undefined) {
    const name = check.string(raw.internal_name, join(path, 'internal_name'));
    if (name) question.internal_name = name;
  }
  if (raw.next === null) question.next = null;
  else if (raw.next !== undefined) question.next = check.integer(raw.next, join(path, 'next'));
  if (raw.retry_text !== undefined) {
    question.retry_text = check.string(raw.retry_text, join(path, 'retry_text'));
  }
  return question;
}

/**
 * Reads a chatbot script from parsed JSON/YAML, checking it whole: every problem is
 * reported at once, with its path, in a `DefinitionError`.
 */
export function parseScript(value: unknown, source: string, path = ''): ChatbotScript {
  const check = new Checker();
  const script = readScript(check, value, path);
  if (!script || check.problems.length > 0) throw new DefinitionError(source, check.problems);
  return script;
}

/** Like `parseScript`, reporting into an existing checker (for scripts inside flow files). */
export function readScript(
  check: Checker,
  value: unknown,
  path: string,
): ChatbotScript | undefined {
  const raw = check.object(value, path, SCRIPT_KEYS);
  if (!raw) return undefined;
  if (raw.$schema !== undefined) check.string(raw.$schema, join(path, '$schema'));
  const list = check.array(raw.questions, join(path, 'questions')) ?? [];
  if (list.length === 0 && Array.isArray(raw.questions)) {
    check.report(join(path, 'questions'), 'must have at least one question');
  }
  const questions = list
    .map((item, index) => readQuestion(check, item, join(join(path, 'questions'), index)))
    .filter((question): question is ScriptQuestion => question !== undefined);
  const ids = new Set<number>();
  for (const [index, question] of questions.entries()) {
    if (question.id < 0) continue;
    if (ids.has(question.id)) {
      check.report(join(join(path, 'questions'), index), `repeats question id ${question.id}`);
    }
    ids.add(question.id);
  }
  for (const [index, question] of questions.entries()) {
    if (typeof question.next === 'number' && !ids.has(question.next)) {
      check.report(
        join(join(join(path, 'questions'), index), 'next'),
        `no question has id ${question.next}`,
      );
    }
  }
  const script: ChatbotScript = {
    chatbotName:
      raw.chatbotName === undefined
        ? 'Martín'
        : (check.string(raw.chatbotName, join(path, 'chatbotName')) ?? 'Martín'),
    greeting:
      raw.greeting === undefined ? [] : (check.texts(raw.greeting, join(path, 'greeting')) ?? []),
    questions,
    closing:
      raw.closing === undefined ? [] : (check.texts(raw.closing, join(path, 'closing')) ?? []),
  };
  if (raw.start !== undefined) {
    const start = check.integer(raw.start, join(path, 'start'));
    if (start !== undefined && !ids.has(start)) {
      check.report(join(path, 'start'), `no question has id ${start}`);
    }
    script.start = start;
  }
  return script;
}

/** The question with this id, if the script has it. */
export function findQuestion(
  script: ChatbotScript,
  id: number | undefined,
): ScriptQuestion | undefined {
  return id === undefined ? undefined : script.questions.find((question) => question.id === id);
}

/**
 * The question that follows `question` in the script: its `next`, else the following one
 * in the list; undefined at the end of the script.
 */
export function nextQuestion(
  script: ChatbotScript,
  question: ScriptQuestion,
): ScriptQuestion | undefined {
  if (question.next === null) return undefined;
  if (question.next !== undefined) return findQuestion(script, question.next);
  const index = script.questions.indexOf(question);
  return script.questions[index + 1];
}
