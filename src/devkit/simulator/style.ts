/** Terminal colours, or none (pipes, files, `NO_COLOR`, `--no-color`). */
export interface Style {
  bot(text: string): string;
  visitor(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  strong(text: string): string;
}

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const PLAIN: Style = {
  bot: (text) => text,
  visitor: (text) => text,
  dim: (text) => text,
  good: (text) => text,
  bad: (text) => text,
  warn: (text) => text,
  strong: (text) => text,
};

const COLOURED: Style = {
  bot: ansi(36, 39),
  visitor: ansi(33, 39),
  dim: ansi(2, 22),
  good: ansi(32, 39),
  bad: ansi(31, 39),
  warn: ansi(35, 39),
  strong: ansi(1, 22),
};

/** Colours when asked to, else when writing to a terminal and `NO_COLOR` is not set. */
export function chooseStyle(
  stream: { isTTY?: boolean },
  requested?: boolean,
  env: Record<string, string | undefined> = process.env,
): Style {
  const colour = requested ?? (stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb');
  return colour ? COLOURED : PLAIN;
}

export const plainStyle: Style = PLAIN;
