import isEmailModule from 'validator/lib/isEmail.js';
import { accepted, refused, type Answer, type AnswerRefusal } from './answer.js';
import { isBlank } from './answer-text.js';

// validator ships CommonJS whose `module.exports` is the function and also has `.default`.
const isEmail = isEmailModule.default;

/** A character of an address's user part (a "dot-atom", with letters of any script). */
const LOCAL_CHAR = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]/u;
/** The domain after an "@" (or several typed by mistake). */
const DOMAIN = /@+([\p{L}\p{N}._-]*)/uy;
/** Spaces around an "@" followed by a domain with a dot (or a comma for it): "juan @ gmail.com". */
const SPACED_AT = /(?<=[\p{L}\p{N}_.+-])\s*@\s*(?=[\p{L}\p{N}-]+[.,][\p{L}\p{N}])/gu;
/** A comma typed for the dot of a domain: "juan@gmail,com", "juan@hotmail,com.ar". */
const COMMA_FOR_DOT = /(@[\p{L}\p{N}-]+),(\p{L}{2,}(?:\.\p{L}{2,})?)(?![\p{L}\p{N}@_.-])/gu;
const MAILTO = /mailto:/giu;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
/** Chat markup and quotes that are not the start of a local part: *bold*, ~strike~, 'quotes'. */
const LEADING_MARKUP = /^[*~'`.]+/u;
/** A mail provider's domain without the "@" before it: "juan.gmail.com", "juan hotmail.com". */
const PROVIDER_WITHOUT_AT =
  /(?:gmail|googlemail|hotmail|outlook|live|yahoo|ymail|icloud|aol|msn|proton|protonmail)\s?\.\s?(?:com|es|net|org|mx|ar|cl|co|pe|uy|br)\b/iu;

const IS_EMAIL_OPTIONS = {
  allow_display_name: false,
  allow_utf8_local_part: true,
  require_tld: true,
  allow_ip_domain: false,
  allow_underscores: false,
} as const;

type Reading = { readonly address: string } | { readonly reason: AnswerRefusal };

function read(local: string, domain: string): Reading | undefined {
  let user = local.replace(LEADING_MARKUP, '');
  // _italic_ around the whole address in WhatsApp.
  if (user.startsWith('_') && domain.endsWith('_')) user = user.slice(1);
  const host = domain.replace(/[._-]+$/u, '');
  if (user === '') {
    // "@gmail.com" is an address without its user; "@juanperez" is a social handle.
    return host.includes('.') ? { reason: 'incomplete' } : undefined;
  }
  if (host === '' || !host.includes('.') || /\.\p{L}$/u.test(host)) return { reason: 'incomplete' };
  const address = `${user}@${host}`.toLowerCase();
  return isEmail(address, IS_EMAIL_OPTIONS) ? { address } : { reason: 'invalid-format' };
}

/**
 * Reads an email address in a visitor's text: alone or inside a sentence ("mi mail es
 * juan.perez@gmail.com gracias"), between brackets, quotes or chat markup (`<...>`,
 * `"..."`, `*...*`), after "mailto:", followed by punctuation or emoji.
 *
 * The value is the address in lower case, the user part included: mail providers do not
 * tell "Juan.Perez" from "juan.perez", and one spelling keeps a CRM from holding the same
 * lead twice. Nothing else is changed (dots and "+tags" stay).
 *
 * Typing slips it mends: spaces around the "@" ("juan @ gmail.com"), a doubled "@", a comma
 * for the dot of a domain that has no dot yet ("juan@gmail,com"), full-width characters.
 * The address itself is checked by `validator`'s `isEmail` (dot-atom user part, a domain
 * with a TLD, RFC length limits); quoted user parts and IP domains are refused.
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `unrecognised`: nothing like an address (no "@", or only a social handle "@juan");
 * - `incomplete`: an address with a part missing: "juan@gmail", "juan@", "@gmail.com",
 *   "juan@gmail.c", or a provider's domain without the "@" ("juan.gmail.com");
 * - `invalid-format`: an "@" between an impossible user or domain ("juan..perez@x.com",
 *   "juan@gmail..com", "juan@-x.com");
 * - `ambiguous`: two different addresses (the same one twice is accepted).
 *
 * @example email('mi mail es Juan.Perez@Gmail.com gracias') // { ok: true, value: 'juan.perez@gmail.com' }
 * @example email('<mailto:ana@empresa.com.ar>') // { ok: true, value: 'ana@empresa.com.ar' }
 * @example email('juan@gmail') // { ok: false, reason: 'incomplete' }
 */
export function email(text: string | null | undefined): Answer<string> {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  const normalised = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(MAILTO, ' ')
    .replace(SPACED_AT, '@')
    .replace(COMMA_FOR_DOT, '$1.$2');

  const addresses = new Set<string>();
  let refusal: AnswerRefusal | undefined;
  let from = 0;
  for (let at = normalised.indexOf('@'); at !== -1; at = normalised.indexOf('@', from)) {
    // The user part: the address characters right before the "@", back to the previous one.
    let start = at;
    while (start > from && LOCAL_CHAR.test(normalised[start - 1])) start -= 1;
    DOMAIN.lastIndex = at;
    const domain = DOMAIN.exec(normalised)?.[1] ?? '';
    from = DOMAIN.lastIndex;
    const reading = read(normalised.slice(start, at), domain);
    if (reading === undefined) continue;
    if ('address' in reading) addresses.add(reading.address);
    else refusal ??= reading.reason;
  }
  if (addresses.size === 1) return accepted([...addresses][0]);
  if (addresses.size > 1) {
    return refused('ambiguous', { detail: `${addresses.size} different addresses` });
  }
  if (refusal !== undefined) return refused(refusal);
  if (PROVIDER_WITHOUT_AT.test(normalised)) {
    return refused('incomplete', { detail: 'no "@" before the domain' });
  }
  return refused('unrecognised');
}
