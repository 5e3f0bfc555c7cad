/** " of chatbot "autos"", or nothing for the shared scope. */
function forChatbot(chatbot: string | undefined): string {
  return chatbot === undefined ? '' : ` of chatbot "${chatbot}"`;
}

/** Message factories of the webhook machinery, in one place. */
export const WEBHOOK_MESSAGES = {
  noQuestionIds: (decorator: string) => `${decorator} needs at least one question id`,
  badQuestionIds: (decorator: string, ids: unknown[]) =>
    `${decorator} question ids must be non-negative integers; got ${ids.map((id) => JSON.stringify(id)).join(', ')}`,
  badTimeout: (timeoutMs: unknown) =>
    `handler timeoutMs must be a positive integer of milliseconds; got ${JSON.stringify(timeoutMs)}`,
  duplicateQuestion: (questionId: number, first: string, second: string, chatbot?: string) =>
    `question ${questionId}${forChatbot(chatbot)} is claimed by both ${first} and ${second}`,
  duplicateFallback: (first: string, second: string, chatbot?: string) =>
    `the fallback handler${forChatbot(chatbot)} is claimed by both ${first} and ${second}`,
  unknownChatbots: (name: string, unknown: readonly string[], configured: readonly string[]) =>
    `${name} is declared for ${unknown.length === 1 ? 'chatbot' : 'chatbots'} ${unknown.map((chatbot) => `"${chatbot}"`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in CHATBOTS (${configured.length === 0 ? 'none is configured' : `configured: ${configured.join(', ')}`})`,
  badChatbot: (problem: string) => `handler chatbot: ${problem}`,
  missingHandleMethod: (name: string) =>
    `${name} is decorated as a handler but has no handle(conversation) method (implement CliengoHandler)`,
  onFaultNotMethod: (name: string) =>
    `${name}.onFault is not a method: it must be onFault(fault, conversation), returning the reply for the visitor`,
  asyncOnFault: (name: string) =>
    `${name}.onFault is async: a fault reply must be returned synchronously (at the deadline there is no time left to wait for it)`,
  notSingleton: (name: string) =>
    `${name} is decorated as a handler but is not a singleton provider: handlers must use the default scope (they receive each conversation as an argument)`,
  badBudget: (ms: unknown) =>
    `a budget is a number of milliseconds, 0 or more (Infinity: the deadline alone); got ${typeof ms === 'number' ? String(ms) : (JSON.stringify(ms) ?? String(ms))}`,
  budgetSpent: (ms: number) => `the time budget of ${ms} ms ran out`,
  callAnswered: () => 'the webhook call was answered: its budgets end with it',
  registrationFailed: (problems: string[]) =>
    `Cliengo handler registration failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
} as const;
