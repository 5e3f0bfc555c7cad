// Realistic Cliengo "new message" webhook requests for the benchmark.
//
// Every documented field is present (see test/fixtures/documented-request.json), plus the
// undocumented `flow.last_question_messages` that real traffic carries. `chat_log` alternates
// visitor and chatbot lines of realistic Spanish lengths (short visitor messages, longer bot
// messages) and, like the documented example, ends with a chatbot line. `collected_data.custom`
// holds values of every shape seen in real traffic. Generation is deterministic: the same
// (entries, variant) pair always gives the same body, and different variants differ in ids,
// names, texts, dates and memory values.
//
// Run directly to print one request: `node bench/lib/payloads.mjs 50 [variant]`.

import { pathToFileURL } from 'node:url';

/** The question the example handler CarModelsHandler answers (a LIST reply). */
export const BENCH_QUESTION_ID = 3;

/**
 * The reply the service's example handler gives for question 3, as documented in the README;
 * the comparison servers answer exactly this.
 * @returns {Record<string, unknown>}
 */
export function carModelsReply() {
  return {
    custom: { userType: 'advanced' },
    response: {
      text: ['Ok', '¿Qué modelo te interesa?'],
      response_type: 'LIST',
      response_options: ['Model 3', 'Model Y'],
      stopChat: true,
      flow: 5,
    },
  };
}

/**
 * A marker every correct answer to a question-3 request contains. A `{}` (the service's
 * fail-open answer) or an error body does not.
 */
export const REPLY_MARKER = '"response_type":"LIST"';

/**
 * A small deterministic PRNG (mulberry32).
 * @param {number} seed
 * @returns {() => number} a function returning floats in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Ariel', 'María José', 'Lucía', 'Santiago', 'Valentina', 'Martín', 'Sofía'];
const LAST_NAMES = ['Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Pérez', 'Gómez'];
const PROVINCES = ['Buenos Aires', 'Córdoba', 'Santa Fe', 'Mendoza', 'Tucumán', 'Neuquén'];
const CHATBOT_NAMES = ['Martín', 'Sofía', 'Asistente Virtual', 'Lola'];

/** Visitor lines: short, informal, sometimes without accents or punctuation. */
const VISITOR_LINES = [
  'Hola',
  'hola buenas tardes',
  'Sí',
  'si',
  'No, gracias',
  'ok',
  'Dale, perfecto',
  '¿Cuánto sale el Model 3?',
  'quería saber el precio del model y',
  '¿Tienen financiación en cuotas?',
  'Me interesa hacer un test drive este sábado',
  'mi mail es {email}',
  'Soy {first}, mi teléfono es {phone}',
  'Estoy en {province}, ¿tienen concesionaria cerca?',
  '¿Aceptan usados como parte de pago? Tengo un Corolla 2018 con 60.000 km',
  'No entendí, ¿me lo podés explicar de nuevo?',
  'prefiero que me llamen a la tarde, después de las 17',
  'El blanco perla',
  '¿Cuál es la autonomía real en ruta? Viajo seguido a la costa y me preocupa cargar',
  'Gracias!! 🙌',
  '30.123.456',
  'Quiero hablar con un asesor por favor',
  '¿El precio incluye patentamiento y flete o eso va aparte?',
  'rojo',
];

/** Chatbot lines: longer, complete sentences, with the usual Spanish punctuation. */
const CHATBOT_LINES = [
  '¡Hola! Soy {bot}, el asistente virtual de Autos Eléctricos del Sur. ¿En qué te puedo ayudar hoy?',
  'Perfecto, {first}. Para poder asesorarte mejor, ¿me dejás tu número de teléfono con código de área?',
  'Gracias. ¿Qué modelo te interesa?',
  'El Model 3 tiene una autonomía estimada de 491 km (ciclo WLTP) y el Model Y de 455 km. En ruta, a 110 km/h, la autonomía real suele ser un 15 % menor.',
  'Sí, contamos con financiación en hasta 48 cuotas con tasa fija a través de nuestros bancos asociados. Un asesor te va a enviar las condiciones vigentes por correo.',
  '¿Querés coordinar un test drive? Tenemos turnos disponibles de lunes a sábados, de 9 a 18 h, en nuestras sucursales de {province}.',
  'Anoté tu correo: {email}. Te vamos a enviar la cotización en las próximas 24 horas hábiles.',
  'Aceptamos usados como parte de pago, previa tasación en sucursal. La tasación es sin cargo y lleva unos 40 minutos.',
  'No te entendí bien 😅. ¿Podrías escribirlo de otra forma?',
  'Listo. Un asesor comercial se va a comunicar con vos a la brevedad. ¿Hay algo más en lo que te pueda ayudar?',
  'El precio publicado no incluye patentamiento, flete ni formularios. Te pasamos el detalle completo en la cotización.',
  'Para continuar, necesito que aceptes nuestra política de privacidad: https://autos.example.com/privacidad. ¿La aceptás? (Sí / No)',
  'Los colores disponibles son: blanco perla, negro sólido, gris medianoche, azul profundo y rojo multicapa (este último con un recargo del 3 %).',
  '¡Genial! Te reservé el turno para el sábado a las 10:30 en la sucursal Centro. Acordate de traer tu licencia de conducir vigente.',
];

/**
 * Picks one element.
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/**
 * A hex id like Cliengo's (Mongo ObjectId, 24 hex characters).
 * @param {() => number} random
 * @returns {string}
 */
function objectId(random) {
  let id = '';
  for (let i = 0; i < 24; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

/**
 * Fills the {placeholders} of a line.
 * @param {string} line
 * @param {Record<string, string>} values
 * @returns {string}
 */
function fill(line, values) {
  return line.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? '');
}

/**
 * One `chat_log` text: one to three template lines joined (visitors sometimes send several
 * thoughts in one message, bots often chain two or three sentences).
 * @param {() => number} random
 * @param {readonly string[]} lines
 * @param {number} maxParts
 * @param {Record<string, string>} values
 * @returns {string}
 */
function chatText(random, lines, maxParts, values) {
  const parts = 1 + Math.floor(random() * random() * maxParts);
  const texts = [];
  for (let i = 0; i < parts; i++) texts.push(fill(pick(random, lines), values));
  return texts.join(' ');
}

/**
 * A realistic webhook request routed to question 3.
 * @param {number} entries number of `chat_log` entries (alternating visitor / chatbot)
 * @param {number} [variant] which of the variants of this size (changes ids and content)
 * @returns {Record<string, unknown>}
 */
export function buildRequest(entries, variant = 0) {
  const random = prng(entries * 7919 + variant * 104729 + 17);
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const province = pick(random, PROVINCES);
  const bot = pick(random, CHATBOT_NAMES);
  const emailUser = `${first.split(' ')[0]}.${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const email = `${emailUser}${Math.floor(random() * 100)}@example.com`;
  const area = 11 + Math.floor(random() * 3);
  const local = `${4000 + Math.floor(random() * 5999)}-${1000 + Math.floor(random() * 8999)}`;
  const phoneNational = `0${area} ${local}`;
  const phoneInternational = `+54${area}${local.replace('-', '')}`;
  const values = { first, email, phone: phoneNational, province, bot };

  /** @type {{ sender: string, text: string }[]} */
  const chatLog = [];
  for (let i = 0; i < entries; i++) {
    const visitor = i % 2 === 0;
    chatLog.push({
      sender: visitor ? 'visitor' : 'chatbot',
      text: visitor
        ? chatText(random, VISITOR_LINES, 2, values)
        : chatText(random, CHATBOT_LINES, 3, values),
    });
  }

  // Conversation times: started a while ago, one message every few seconds.
  const created = Date.UTC(2025, 6, 1 + variant, 13, 0, 0) + Math.floor(random() * 3_600_000);
  const lastInteraction = created + entries * (4_000 + Math.floor(random() * 8_000));
  const leadPost = lastInteraction + 60_011;

  return {
    channel: 'WEB',
    visitorId: email,
    websiteId: objectId(random),
    companyId: objectId(random),
    are_you_there: { index: Math.floor(random() * 2) },
    chat_log: chatLog,
    collected_data: {
      intent: ['consulta_precio', 'financiacion', variant % 2 ? 'test_drive' : 'usado_parte_pago'],
      entities: [
        { entity: 'modelo', value: variant % 2 ? 'Model Y' : 'Model 3' },
        { entity: 'provincia', value: province },
      ],
      custom: {
        '': pick(random, ['Sí', 'si', 'No']),
        custom_field: 'example',
        nombre_completo: `${first} ${last}`,
        dni: `${20 + variant}.${100 + Math.floor(random() * 899)}.${100 + Math.floor(random() * 899)}`,
        edad: 25 + Math.floor(random() * 40),
        presupuesto: `${20_000 + Math.floor(random() * 30_000)},50`,
        cantidad_hijos: String(Math.floor(random() * 4)),
        score_lead: Math.round(random() * 1000) / 10,
        acepta_terminos: true,
        newsletter: random() < 0.5,
        quiere_test_drive: pick(random, ['sí', 'Sí', 'SI', 'no', '1']),
        modelo_interes: { value: variant % 2 ? 'Model Y' : 'Model 3' },
        colores_preferidos: ['blanco perla', pick(random, ['rojo', 'gris medianoche', 'negro'])],
        fecha_turno: `${10 + variant}/08/2025`,
        sucursal: null,
        paso: 3,
        provincia: province,
        direccion: { calle: 'Av. Colón', numero: 1000 + Math.floor(random() * 4000), piso: null },
        origen: { value: { fuente: 'instagram', campania: `Campaign${variant + 1}` } },
        comentarios: chatText(random, VISITOR_LINES, 3, values),
      },
      name: { value: first.toLowerCase() },
      email: { value: email },
      phone: { national_format: phoneNational, international_format: phoneInternational },
    },
    fired_triggers: [objectId(random), objectId(random)],
    reactivated: variant === 3,
    status: 'ACTIVE',
    tags: ['fired_new_lead', variant % 2 ? 'whatsapp_optin' : 'web_form'],
    visitorData: {
      utms: `&utm_source=Instagram&utm_medium=IGAds&utm_campaign=Campaign${variant + 1}`,
      url: `https://lw.cliengo.com/?companyId=${5 + variant}`,
      visitorIp: `13.90.${100 + variant}.${Math.floor(random() * 254) + 1}`,
    },
    visitor_status: 'ONLINE',
    conversationId: objectId(random),
    softDisable: false,
    chatbotName: bot,
    flow: {
      last_question_id: BENCH_QUESTION_ID,
      retry_count: variant % 2,
      last_question_messages: { order: 4 },
    },
    last_interaction_date: new Date(lastInteraction).toISOString(),
    creation_date: new Date(created).toISOString(),
    lead_post_date: new Date(leadPost).toISOString(),
  };
}

/**
 * The serialized variants of one size.
 * @param {number} entries
 * @param {number} variants
 * @returns {string[]}
 */
export function buildBodies(entries, variants) {
  return Array.from({ length: variants }, (_, variant) =>
    JSON.stringify(buildRequest(entries, variant)),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const entries = Number(process.argv[2] ?? 2);
  const variant = Number(process.argv[3] ?? 0);
  process.stdout.write(`${JSON.stringify(buildRequest(entries, variant), null, 2)}\n`);
}
