/**
 * Upper bounds of the wire contract. They are generous on purpose: they exist to keep one
 * request from costing unbounded memory or CPU, not to second-guess Cliengo. Each bound is
 * documented in the OpenAPI spec through the field that uses it.
 */
export const CONTRACT_LIMITS = {
  /** Identifiers: conversation, visitor, website, company, triggers. */
  idLength: 512,
  /** Short texts: names, statuses, tags, chatbot name, senders, option labels. */
  shortTextLength: 1_024,
  /** URLs and UTM strings. */
  urlLength: 8_192,
  /** One chat message, in or out. */
  messageLength: 20_000,
  /** Entries in `chat_log`: a long WhatsApp conversation has hundreds. */
  chatLogEntries: 10_000,
  /** Entries in the small arrays: intents, entities, triggers, tags. */
  listEntries: 1_000,
  /** Keys in a `custom` memory object. */
  customKeys: 1_000,
  /** Length of a `custom` key. */
  customKeyLength: 256,
  /** Length of a string written by a reply in `custom`, anywhere in a value. */
  customValueLength: 20_000,
  /** Nesting of arrays and objects inside one `custom` value written by a reply. */
  customValueDepth: 16,
  /** Items of one array, or keys of one object, inside a `custom` value written by a reply. */
  customValueItems: 1_000,
  /** JSON length of one array or object `custom` value written by a reply, in characters. */
  customValueJsonLength: 262_144,
  /** Texts forced in one reply. */
  replyTexts: 50,
  /** Options of a LIST answer. */
  listOptions: 100,
  /** Largest question id: ids are positive integers that JSON carries exactly. */
  questionId: Number.MAX_SAFE_INTEGER,
} as const;
