/**
 * How an expected text is written in a conversation file or a test: a plain string (the
 * whole text, exactly), `{ "contains": "..." }` (a fragment), or `{ "regex": "...",
 * "flags": "i" }` (a regular expression). In TypeScript a `RegExp` is accepted too.
 */
export type TextMatcher =
  string | { contains: string } | { regex: string; flags?: string } | RegExp;

/** Whether `actual` satisfies `matcher`. */
export function matchesText(matcher: TextMatcher, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (typeof matcher === 'string') return actual === matcher;
  if (matcher instanceof RegExp) return new RegExp(matcher.source, matcher.flags).test(actual);
  if ('contains' in matcher) return actual.includes(matcher.contains);
  return new RegExp(matcher.regex, matcher.flags ?? '').test(actual);
}

/** The matcher as a reader would write it: `"exact"`, `contains "frag"`, `/re/i`. */
export function describeMatcher(matcher: TextMatcher): string {
  if (typeof matcher === 'string') return JSON.stringify(matcher);
  if (matcher instanceof RegExp) return String(matcher);
  if ('contains' in matcher) return `contains ${JSON.stringify(matcher.contains)}`;
  return `/${matcher.regex}/${matcher.flags ?? ''}`;
}

/**
 * The problem with a matcher read from a file, or undefined when it is well formed
 * (a string, `{ contains }` or `{ regex, flags? }` with a valid expression).
 */
export function matcherProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return undefined;
  const shape = 'must be a string (exact text), { "contains": "..." } or { "regex": "..." }';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return shape;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && typeof record.contains === 'string') return undefined;
  const regexKeys = keys.every((key) => key === 'regex' || key === 'flags');
  if (!regexKeys || typeof record.regex !== 'string') return shape;
  if (record.flags !== undefined && typeof record.flags !== 'string') {
    return '"flags" must be a string such as "i"';
  }
  try {
    new RegExp(record.regex, record.flags ?? '');
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
  return undefined;
}

/** One line of a sequence comparison: a match, an expected line missing, an actual line extra. */
export interface SequenceLine {
  mark: ' ' | '-' | '+';
  text: string;
}

/**
 * Compares actual texts with expected matchers position by position and writes the result
 * the way a diff does: `  ` for a line that matches, `- ` for what was expected, `+ ` for
 * what came instead. Returns undefined when every position matches and the counts agree.
 */
export function diffTexts(
  expected: readonly TextMatcher[],
  actual: readonly string[],
): SequenceLine[] | undefined {
  const lines: SequenceLine[] = [];
  let same = expected.length === actual.length;
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const matcher = expected[index];
    const text = actual[index];
    if (matcher !== undefined && text !== undefined && matchesText(matcher, text)) {
      lines.push({ mark: ' ', text: JSON.stringify(text) });
      continue;
    }
    same = false;
    if (matcher !== undefined) lines.push({ mark: '-', text: describeMatcher(matcher) });
    if (text !== undefined) lines.push({ mark: '+', text: JSON.stringify(text) });
  }
  return same ? undefined : lines;
}
