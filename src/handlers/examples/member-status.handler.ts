import type { CliengoHandler, Conversation } from '../../webhook/index.js';
import { QuestionHandler } from '../../webhook/index.js';
import { MemberDirectory } from './member-directory.service.js';

/** The question of the chatbot's script that asks for the visitor's national ID (DNI). */
export const MEMBER_ID_QUESTION = 7;

/** A national ID as visitors type it: 7 or 8 digits, with or without dots. */
const NATIONAL_ID = /^(\d{1,2})\.?(\d{3})\.?(\d{3})$/;

/** The national ID in a visitor's text, digits only, or undefined. */
export function parseNationalId(text: string | undefined): string | undefined {
  const match = text?.trim().match(NATIONAL_ID);
  return match ? match.slice(1).join('') : undefined;
}

/**
 * Looks the visitor up in the member directory (an injected service) by the national ID
 * they just typed, tells them their membership status and remembers it in `custom`.
 * An ID that cannot be read is asked again; an unknown one clears any plan remembered
 * from an earlier lookup and leaves the script to go on.
 */
@QuestionHandler(MEMBER_ID_QUESTION, { timeoutMs: 5_000 })
export class MemberStatusHandler implements CliengoHandler {
  constructor(private readonly directory: MemberDirectory) {}

  async handle(conversation: Conversation) {
    const nationalId = parseNationalId(conversation.visitorMessage);
    if (!nationalId) {
      return conversation
        .reply()
        .say('No pude leer tu DNI. Escribilo solo con números, por ejemplo 30123456.')
        .expectText()
        .stopChat();
    }
    const member = await this.directory.findByNationalId(nationalId, conversation.signal);
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
}
