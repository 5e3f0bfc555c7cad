/** Channels the Cliengo documentation lists for the `channel` field. */
export const DOCUMENTED_CHANNELS = ['WEB', 'FACEBOOK', 'WHATSAPP'] as const;

/**
 * Further channels that Cliengo's own front-end types name. Real traffic may carry them or
 * others still, so `channel` is validated as an open string: these lists document known
 * values, they do not close the set.
 */
export const OBSERVED_CHANNELS = ['WEBSITE', 'INSTAGRAM', 'WSPLITE', 'EXTERNAL'] as const;

export type KnownChannel =
  (typeof DOCUMENTED_CHANNELS)[number] | (typeof OBSERVED_CHANNELS)[number];

/** A channel name: one of the known ones, or any other string Cliengo may send. */
// `string & {}` keeps editor completion for the known names while accepting any string.

export type Channel = KnownChannel | (string & {});
