import type { WebhookResponseDto } from '../contract/webhook-response.dto.js';

/** The lead fields a reply can write in the chatbot's memory. */
type LeadField = 'name' | 'email' | 'phone';

/**
 * What a reply does, never what it says: how many texts and options, the expected answer
 * type, the jump, whether it stops the chat, which memory keys it writes. No text, option,
 * value or lead field's content: the shape of a reply is no personal data.
 */
export interface ReplyShape {
  /** How many texts the chatbot says. */
  texts?: number;
  /** The expected answer type (`response_type`). */
  type?: string;
  /** How many options a `LIST` offers. */
  options?: number;
  /** The question the chatbot jumps to. */
  flow?: number;
  /** The keys of `custom` the reply writes (or clears, with `null`). */
  customKeys?: string[];
  /** The lead fields the reply writes. */
  lead?: LeadField[];
  stopChat?: boolean;
}

const LEAD_FIELDS: readonly LeadField[] = ['name', 'email', 'phone'];

/** The shape of a reply as it goes on the wire (`{}` has an empty shape). */
export function replyShape(reply: WebhookResponseDto): ReplyShape {
  const shape: ReplyShape = {};
  const response = reply.response;
  if (response?.text !== undefined) shape.texts = response.text.length;
  if (response?.response_type !== undefined) shape.type = response.response_type;
  if (response?.response_options !== undefined) shape.options = response.response_options.length;
  if (response?.flow !== undefined) shape.flow = response.flow;
  if (reply.custom !== undefined) shape.customKeys = Object.keys(reply.custom);
  const lead = LEAD_FIELDS.filter((field) => reply[field] !== undefined);
  if (lead.length > 0) shape.lead = lead;
  if (response?.stopChat !== undefined) shape.stopChat = response.stopChat;
  return shape;
}

/** A memory key as the summary writes it: the empty key as `""`. */
const key = (name: string) => (name === '' ? '""' : name);

/**
 * The shape in one line for people: `texts=2 type=LIST options=3 flow=44
 * customKeys=[sucursal] stopChat=true`, or `{}` for a reply that changes nothing.
 */
export function describeReplyShape(shape: ReplyShape): string {
  const parts: string[] = [];
  if (shape.texts !== undefined) parts.push(`texts=${shape.texts}`);
  if (shape.type !== undefined) parts.push(`type=${shape.type}`);
  if (shape.options !== undefined) parts.push(`options=${shape.options}`);
  if (shape.flow !== undefined) parts.push(`flow=${shape.flow}`);
  if (shape.customKeys !== undefined)
    parts.push(`customKeys=[${shape.customKeys.map(key).join(',')}]`);
  if (shape.lead !== undefined) parts.push(`lead=[${shape.lead.join(',')}]`);
  if (shape.stopChat !== undefined) parts.push(`stopChat=${shape.stopChat}`);
  return parts.length > 0 ? parts.join(' ') : '{}';
}
