import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResponseType } from '../../contract/response-type.js';
import { isRecord } from '../shared/json.js';
import { parseDefinition } from '../simulator/flow-file.js';
import { type ChatbotScript, DefinitionError, parseScript } from '../simulator/script.js';

/** A question as a script file writes it: what it leaves out takes the file's defaults. */
export interface QuestionDefinition {
  id: number;
  /** One line, or several sent as separate messages. */
  text: string | readonly string[];
  /** Default: TEXT. */
  type?: ResponseType;
  /** The options of a LIST question. */
  options?: readonly string[];
  /** Where the answer is stored in `custom`; without it, under `""`. */
  internal_name?: string;
  /** The next question's id; `null` ends the script. Default: the following question. */
  next?: number | null;
  /** Default: 2. */
  retries?: number;
  retry_text?: string;
  /** Whether the question has a per-question URL. Default: true. */
  webhook?: boolean;
}

/**
 * A chatbot script as a script file writes it (a `ChatbotScript` is one too): checked as
 * a file is, every problem listed in a `DefinitionError`.
 */
export interface ScriptDefinition {
  /** Default: Martín. */
  chatbotName?: string;
  greeting?: string | readonly string[];
  questions: readonly QuestionDefinition[];
  closing?: string | readonly string[];
  start?: number;
}

/**
 * The script a test conversation plays: a script object (`ChatbotScript`, or written as
 * in a script file), the path of a script file (JSON; YAML with the `yaml` package), or
 * the ids of the questions of a minimal script (see `minimalScript`).
 */
export type ConversationScript = ScriptDefinition | string | readonly number[];

/** The neutral text a question of a minimal script is asked with: `Pregunta 30`. */
export function neutralQuestionText(questionId: number): string {
  return `Pregunta ${questionId}`;
}

/**
 * A script of just these questions, in this order: TEXT questions asked with a neutral
 * text (`Pregunta 30`), no greeting, no closing. What a test of a handler (or a dialog) on
 * a question needs when the rest of the chatbot does not matter.
 */
export function minimalScript(questionIds: readonly number[]): ChatbotScript {
  return parseScript(
    {
      questions: questionIds.map((id) => ({ id, text: neutralQuestionText(id) })),
    },
    `the minimal script of question${questionIds.length === 1 ? '' : 's'} ${questionIds.join(', ')}`,
  );
}

/**
 * Reads a chatbot script file (relative paths from the working directory), checked whole
 * as the simulator checks it: every problem is listed in a `DefinitionError`. Synchronous,
 * so a test conversation is ready as soon as it is made.
 */
export function readScriptFile(file: string): ChatbotScript {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DefinitionError(file, [
      code === 'ENOENT' ? 'no such file' : `cannot be read: ${(error as Error).message}`,
    ]);
  }
  const value = parseDefinition(text, file);
  if (isRecord(value) && (value.steps !== undefined || value.script !== undefined)) {
    throw new DefinitionError(file, [
      'is a conversation file, not a script: play it with kit.playFlowFile(file), or give its script',
    ]);
  }
  return parseScript(value, file);
}

/** The script a conversation plays, from what its options give. */
export function resolveConversationScript(
  script: ConversationScript | undefined,
  startAt: number | undefined,
): ChatbotScript {
  if (script === undefined) return minimalScript([startAt ?? 1]);
  if (typeof script === 'string') return readScriptFile(script);
  if (Array.isArray(script)) return minimalScript(script as readonly number[]);
  // Checked as a script file is (and completed with its defaults).
  return parseScript(script, 'the conversation script');
}
