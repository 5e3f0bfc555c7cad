import type {
  AnswerRefusal,
  CliengoHandler,
  Conversation,
  HandlerFault,
} from 'cliengo-fulfillment';
import { QuestionHandler } from 'cliengo-fulfillment';
import { type Member, MemberDirectory } from './member-directory.service.js';

/** The question of the chatbot's script that asks for the visitor's national ID (DNI). */
export const MEMBER_ID_QUESTION = 7;

/** The longest the first lookup may take; a second one gets what is left of the deadline. */
export const FIRST_LOOKUP_MS = 2_000;

/** How the DNI is asked again, by why it could not be read. */
const ASK_AGAIN: Partial<Record<AnswerRefusal, string>> = {
  'invalid-format': 'Ese número no parece un DNI: tiene 7 u 8 números, por ejemplo 30.123.456.',
  ambiguous: 'Veo más de un número. Escribí solo tu DNI, por ejemplo 30.123.456.',
};
const CANNOT_READ = 'No pude leer tu DNI. Escribilo solo con números, por ejemplo 30123456.';

/**
 * Looks the visitor up in the member directory (an injected service, in real life a slow
 * member API) by the national ID they just typed, tells them their membership status and
 * remembers it in `custom`. An ID that cannot be read is asked again; an unknown one clears
 * any plan remembered from an earlier lookup and leaves the script to go on.
 *
 * A lookup that hangs is cut at its budget and tried once more with the rest of the
 * deadline; when the directory fails, or does not answer in time, the visitor is told so
 * (the fault reply) and asked to type the DNI again later, rather than left with nothing.
 */
@QuestionHandler(MEMBER_ID_QUESTION, { timeoutMs: 5_000 })
export class MemberStatusHandler implements CliengoHandler {
  constructor(private readonly directory: MemberDirectory) {}

  async handle(conversation: Conversation) {
    // "30.123.456", "mi dni es 30 123 456", "DNI: 30123456"... (answers.nationalId).
    const dni = conversation.answer.nationalId({ country: 'AR', kinds: ['dni'] });
    if (!dni.ok) {
      return conversation
        .reply()
        .say(ASK_AGAIN[dni.reason] ?? CANNOT_READ)
        .expectText()
        .stopChat();
    }
    const member = await this.#lookUp(dni.value, conversation);
    if (!member) {
      // A plan remembered from an earlier lookup is not this visitor's: forget it.
      return conversation
        .reply()
        .setCustom('member_status', 'not_found')
        .clearCustom('member_plan');
    }
    const status =
      member.status === 'active'
        ? `tu afiliación al ${member.plan} está activa.`
        : `tu afiliación al ${member.plan} está suspendida. Un asesor te va a contactar.`;
    return conversation
      .reply()
      .setCustoms({ member_status: member.status, member_plan: member.plan })
      .say(`¡Hola ${member.firstName}! ${status[0].toUpperCase()}${status.slice(1)}`);
  }

  /**
   * The member API sometimes hangs on one request and answers the next one at once: the
   * first try gets at most FIRST_LOOKUP_MS (and never more than half the time left, however
   * long the request waited), the second whatever is left of the deadline. Only a try cut
   * short by its own budget is tried again; an error of the API goes to `onFault`.
   */
  async #lookUp(nationalId: string, conversation: Conversation): Promise<Member | undefined> {
    const firstTry = conversation.budget(Math.min(FIRST_LOOKUP_MS, conversation.timeLeftMs / 2));
    try {
      return await this.directory.findByNationalId(nationalId, firstTry);
    } catch (error) {
      if (!firstTry.aborted || conversation.signal.aborted) throw error;
      return this.directory.findByNationalId(nationalId, conversation.signal);
    }
  }

  /**
   * What the visitor gets when the lookup fails or the deadline passes: that it could not be
   * done now, and to type the DNI again later (the script waits on this question).
   */
  onFault(fault: HandlerFault, conversation: Conversation) {
    const what =
      fault.kind === 'timeout'
        ? 'El sistema de afiliados está tardando más de lo normal.'
        : 'No pudimos consultar tu afiliación en este momento.';
    return conversation
      .reply()
      .say(`${what} Escribí tu DNI de nuevo en unos minutos y lo consultamos otra vez.`)
      .expectText()
      .stopChat();
  }
}
