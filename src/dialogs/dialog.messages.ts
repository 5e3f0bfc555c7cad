/** Message factories of the dialogs, in one place. */
export const DIALOG_MESSAGES = {
  badName: (name: string) =>
    `the dialog name ${JSON.stringify(name)} must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit`,
  badVersion: (version: unknown) =>
    `version must be a positive integer; got ${JSON.stringify(version)}`,
  badAttempts: (attempts: unknown) =>
    `attempts must be a positive integer; got ${JSON.stringify(attempts)}`,
  badForgetAfter: (ms: unknown) =>
    `forgetAfterMs must be a positive number of milliseconds (Infinity: never); got ${JSON.stringify(ms)}`,
  problems: (className: string, problems: readonly string[]) =>
    `${className} is not a valid dialog:\n${problems.map((problem) => `      · ${problem}`).join('\n')}`,
  noSteps: () => 'it has no steps: give `readonly steps: DialogSteps<Values> = [ask(...), ...]`',
  notAStep: (index: number) =>
    `steps[${index}] is not a step: make steps with ask, choose, confirm or tell`,
  duplicateStep: (name: string) => `two steps are named ${JSON.stringify(name)}`,
  missingFunction: (step: string, what: string) => `step ${JSON.stringify(step)} needs ${what}`,
  noComplete: () => 'it has no complete(context) method',
  reservedKey: (step: string, key: string, prefix: string) =>
    `step ${JSON.stringify(step)} saves under ${JSON.stringify(key)}, but keys starting with ${JSON.stringify(prefix)} are the dialogs' own`,
  duplicateSaveAs: (key: string, first: string, second: string) =>
    `steps ${JSON.stringify(first)} and ${JSON.stringify(second)} both save under ${JSON.stringify(key)}`,
  badStepAttempts: (step: string, attempts: unknown) =>
    `step ${JSON.stringify(step)}: attempts must be a positive integer; got ${JSON.stringify(attempts)}`,
  badWayOut: (where: string, goTo: unknown) =>
    `${where}: wayOut.goTo must be a question id; got ${JSON.stringify(goTo)}`,
  duplicateName: (name: string, first: string, second: string) =>
    `the dialog name ${JSON.stringify(name)} (state key "dialog:${name}") is used by both ${first} and ${second}`,
  unknownRedo: (dialog: string, step: string) =>
    `dialog ${dialog}: redo(${JSON.stringify(step)}) names no step of the dialog`,
  noProgress: (dialog: string) =>
    `dialog ${dialog} went round its steps without asking anything or completing (a loop of redo, tell or skipped steps)`,
  completeReturned: (dialog: string) =>
    `dialog ${dialog}: complete() must write to context.reply and return nothing (or context.reply, or a directive)`,
  duplicateOptions: (dialog: string, step: string) =>
    `dialog ${dialog}: step ${JSON.stringify(step)} offers two items with the same label, or a blank one`,
} as const;
