/** A JSON value: what the chatbot memory holds under a `custom` key. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
