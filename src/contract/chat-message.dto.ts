import { CONTRACT_LIMITS } from './contract.limits.js';
import { TextField } from './contract.fields.js';

/** Who wrote a `chat_log` entry, as documented. Other senders are accepted. */
export const DOCUMENTED_SENDERS = ['visitor', 'chatbot'] as const;

/** One message of the conversation, inbound or outbound. */
export class ChatMessageDto {
  @TextField({
    description:
      'Who sent the message: `visitor` or `chatbot` (documented values; others are accepted).',
    required: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    values: DOCUMENTED_SENDERS,
    open: true,
    example: 'visitor',
  })
  sender!: string;

  @TextField({
    description: 'The message text.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.messageLength,
    example: "Hi! I'm Ariel, my email is ariel@example.com",
  })
  text?: string | null;
}
