import { DOCUMENTED_CHANNELS, OBSERVED_CHANNELS, type Channel } from './channel.js';
import { AreYouThereDto } from './are-you-there.dto.js';
import { ChatMessageDto } from './chat-message.dto.js';
import { CollectedDataDto } from './collected-data.dto.js';
import { CONTRACT_LIMITS } from './contract.limits.js';
import {
  BooleanField,
  NestedField,
  NestedListField,
  TextField,
  TextListField,
} from './contract.fields.js';
import { FlowStateDto } from './flow-state.dto.js';
import { VisitorDataDto } from './visitor-data.dto.js';

/**
 * The "new message" webhook request: the whole chatbot memory, sent by Cliengo for every
 * visitor message. Only `conversationId` and `channel` are required; every other field may
 * be missing or null, and fields the documentation does not name are accepted and kept.
 */
export class WebhookRequestDto {
  @TextField({
    description:
      'The channel where the chatbot is answering. Documented: WEB, FACEBOOK, WHATSAPP; Cliengo also sends WEBSITE, INSTAGRAM, WSPLITE, EXTERNAL, and any other value is accepted.',
    required: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    values: [...DOCUMENTED_CHANNELS, ...OBSERVED_CHANNELS],
    open: true,
    example: 'WEB',
  })
  channel!: Channel;

  @TextField({
    description: 'Unique ID of the visitor; its format depends on the channel.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.idLength,
    example: 'ariel@example.com',
  })
  visitorId?: string | null;

  @TextField({
    description: 'The website id where the chatbot is answering.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.idLength,
    example: '5de12d55e4b096a8283b6ed8',
  })
  websiteId?: string | null;

  @TextField({
    description: "The customer's company ID.",
    nullable: true,
    maxLength: CONTRACT_LIMITS.idLength,
    example: '5de12d55e4b096a8283b6ed6',
  })
  companyId?: string | null;

  @NestedField(() => AreYouThereDto, {
    description: 'The idle check: how many times the chatbot asked whether someone is there.',
    nullable: true,
  })
  are_you_there?: AreYouThereDto | null;

  @NestedListField(() => ChatMessageDto, {
    description:
      "All the conversation messages, inbound and outbound, oldest first. May be missing or empty. The last entry is not always the visitor's: the visitor's latest message is the last entry whose sender is `visitor`.",
    nullable: true,
    maxItems: CONTRACT_LIMITS.chatLogEntries,
  })
  chat_log?: ChatMessageDto[] | null;

  @NestedField(() => CollectedDataDto, {
    description: 'All information parsed from the text: the "chatbot memory". May be missing.',
    nullable: true,
  })
  collected_data?: CollectedDataDto | null;

  @TextListField({
    description: 'Array of the fired trigger IDs.',
    nullable: true,
    maxItems: CONTRACT_LIMITS.listEntries,
    itemMaxLength: CONTRACT_LIMITS.idLength,
    example: ['11123d55e4b096a8283b6ed8'],
  })
  fired_triggers?: string[] | null;

  @BooleanField({
    description: 'Whether this conversation was reactivated.',
    nullable: true,
    example: false,
  })
  reactivated?: boolean | null;

  @TextField({
    description:
      'The conversation status; documented as always `ACTIVE` (other values are accepted).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    values: ['ACTIVE'],
    open: true,
    example: 'ACTIVE',
  })
  status?: string | null;

  @TextListField({
    description: 'Array of flags.',
    nullable: true,
    maxItems: CONTRACT_LIMITS.listEntries,
    itemMaxLength: CONTRACT_LIMITS.shortTextLength,
    example: ['fired_new_lead'],
  })
  tags?: string[] | null;

  @NestedField(() => VisitorDataDto, {
    description: 'Visitor information, only for the WEB channel.',
    nullable: true,
  })
  visitorData?: VisitorDataDto | null;

  @TextField({
    description: 'The visitor status; documented as always `ONLINE` (other values are accepted).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    values: ['ONLINE'],
    open: true,
    example: 'ONLINE',
  })
  visitor_status?: string | null;

  @TextField({
    description: 'The conversation ID.',
    required: true,
    maxLength: CONTRACT_LIMITS.idLength,
    notBlank: true,
    example: '5f0cbe62162e0dec1910d197',
  })
  conversationId!: string;

  @BooleanField({
    description: 'Whether the plan exceeded its limits (FREE plan only).',
    nullable: true,
    example: false,
  })
  softDisable?: boolean | null;

  @TextField({
    description: "The chatbot's name.",
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: 'Martín',
  })
  chatbotName?: string | null;

  @NestedField(() => FlowStateDto, {
    description: "Where the chatbot's script stands: the last asked question and its retries.",
    nullable: true,
  })
  flow?: FlowStateDto | null;

  @TextField({
    description: 'Datetime of the last received message (ISO 8601).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    format: 'date-time',
    example: '2020-07-13T20:04:59.595Z',
  })
  last_interaction_date?: string | null;

  @TextField({
    description: 'Datetime the conversation started (ISO 8601).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    format: 'date-time',
    example: '2020-07-13T20:04:51.904Z',
  })
  creation_date?: string | null;

  @TextField({
    description: 'Datetime the conversation was posted to the CRM (ISO 8601).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    format: 'date-time',
    example: '2020-07-13T20:05:59.606Z',
  })
  lead_post_date?: string | null;
}
