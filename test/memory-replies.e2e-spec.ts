import { Injectable, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type CliengoHandler,
  type Conversation,
  QuestionHandler,
  WebhookModule,
} from '../src/webhook/index.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { postChecked } from './support/openapi-contract.js';
import { createTestApp } from './support/test-app.js';

/**
 * Memory writes as real Cliengo clients make them, over HTTP: clearing keys, echoing the
 * memory back, structured values kept from one turn to the next, and the pass-through
 * shape real clients send.
 */

const Q = {
  clearsPlain: 1,
  clearsBuilt: 2,
  echoes: 3,
  offersSlots: 4,
  picksSlot: 5,
  emptyTexts: 6,
  manyBad: 7,
  notJson: 8,
  saysAndGoesOn: 9,
} as const;

interface Slot {
  id: string;
  label: string;
}

const isSlot = (value: unknown): value is Slot =>
  typeof (value as Slot | null)?.id === 'string' &&
  typeof (value as Slot | null)?.label === 'string';

const SLOTS: Slot[] = [
  { id: 'lun-10', label: 'Lunes 10:00' },
  { id: 'mar-15', label: 'Martes 15:30' },
];

@QuestionHandler(Q.clearsPlain)
@Injectable()
class ClearsPlainHandler implements CliengoHandler {
  handle() {
    return { custom: { cbu: null, step: 3 } };
  }
}

@QuestionHandler(Q.clearsBuilt)
@Injectable()
class ClearsBuiltHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation.reply().clearCustom('cbu', 'offer').say('Listo, lo borré.');
  }
}

/** What every public client does: writes the incoming memory back, plus a key. */
@QuestionHandler(Q.echoes)
@Injectable()
class EchoesMemoryHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return { custom: { ...conversation.request.collected_data?.custom, seen: true } };
  }
}

@QuestionHandler(Q.offersSlots)
@Injectable()
class OffersSlotsHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation
      .reply()
      .setCustom('offered_slots', SLOTS)
      .say('¿Qué horario te queda mejor?')
      .expectList(SLOTS.map((slot) => slot.label));
  }
}

@QuestionHandler(Q.picksSlot)
@Injectable()
class PicksSlotHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    const slots = conversation.memory.readList('offered_slots', isSlot) ?? [];
    const chosen = slots.find((slot) => slot.label === conversation.visitorMessage);
    if (!chosen) return conversation.reply().say('No encontré ese horario.');
    return conversation
      .reply()
      .setCustom('booked_slot', chosen.id)
      .clearCustom('offered_slots')
      .say(`Reservado: ${chosen.label}.`);
  }
}

@QuestionHandler(Q.emptyTexts)
@Injectable()
class EmptyTextsHandler implements CliengoHandler {
  handle() {
    return { response: { text: [], stopChat: false } };
  }
}

@QuestionHandler(Q.manyBad)
@Injectable()
class ManyBadFieldsHandler implements CliengoHandler {
  handle() {
    return {
      custom: { ok: 'x', ['k'.repeat(300)]: 1, deep: [[[[[[[[[[[[[[[[['x']]]]]]]]]]]]]]]]] },
      response: { text: ['Hola', ' '], flow: -1 },
      email: { value: 'no-es-un-email' },
    };
  }
}

@QuestionHandler(Q.notJson)
@Injectable()
class NotJsonHandler implements CliengoHandler {
  handle() {
    // JSON would write NaN as null, which would clear the key.
    return { custom: { score: Number.NaN } };
  }
}

@QuestionHandler(Q.saysAndGoesOn)
@Injectable()
class SaysAndGoesOnHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation.reply().say('Anotado.').stopChat(false);
  }
}

@Module({
  imports: [WebhookModule],
  providers: [
    ClearsPlainHandler,
    ClearsBuiltHandler,
    EchoesMemoryHandler,
    OffersSlotsHandler,
    PicksSlotHandler,
    EmptyTextsHandler,
    ManyBadFieldsHandler,
    NotJsonHandler,
    SaysAndGoesOnHandler,
  ],
})
class MemoryHandlersModule {}

function onQuestion(questionId: number, custom: Record<string, unknown> = {}, said?: string) {
  const request = documentedRequest({ flow: { last_question_id: questionId } });
  request.collected_data = { ...request.collected_data, custom };
  if (said !== undefined) request.chat_log = [{ sender: 'visitor', text: said }];
  return request;
}

describe('memory writes and replies as real clients make them', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({ handlers: [MemoryHandlersModule], logs });
  });
  afterAll(() => app.close());
  beforeEach(() => logs.clear());

  const post = (body: object) => postChecked(app, '/webhook').send(body).expect(200);

  it('sends a plain reply that clears a key with null', async () => {
    const response = await post(onQuestion(Q.clearsPlain, { cbu: '0170' }));

    expect(response.body).toEqual({ custom: { cbu: null, step: 3 } });
    expect(logs.lastWebhookLine()).toMatchObject({ level: 'info', outcome: 'replied' });
  });

  it('sends the builder clearing keys with clearCustom', async () => {
    const response = await post(onQuestion(Q.clearsBuilt, { cbu: '0170', offer: 'B' }));

    expect(response.body).toEqual({
      custom: { cbu: null, offer: null },
      response: { text: ['Listo, lo borré.'] },
    });
  });

  it('echoes a memory holding the empty key, null, wrappers, arrays and objects', async () => {
    const memory = {
      '': 'respuesta sin nombre',
      cbu: null,
      edad: '42',
      visitas: 3,
      vip: true,
      tags: ['a', 'b', 3],
      modelo: { value: 'Model 3' },
      order: { order: 2 },
    };

    const response = await post(onQuestion(Q.echoes, memory));

    expect(response.body).toEqual({ custom: { ...memory, seen: true } });
    expect(logs.lastWebhookLine()).toMatchObject({ level: 'info', outcome: 'replied' });
  });

  it('keeps a list of slots written on one turn, read back as that list on the next', async () => {
    const offered = await post(onQuestion(Q.offersSlots));
    expect(offered.body.custom).toEqual({ offered_slots: SLOTS });

    // Cliengo sends the memory back with the next message, as the reply wrote it.
    const picked = await post(onQuestion(Q.picksSlot, offered.body.custom, 'Martes 15:30'));

    expect(picked.body).toEqual({
      custom: { booked_slot: 'mar-15', offered_slots: null },
      response: { text: ['Reservado: Martes 15:30.'] },
    });
  });

  it('takes an empty text list with stopChat false as the pass-through it is', async () => {
    const response = await post(onQuestion(Q.emptyTexts));

    expect(response.body).toEqual({});
    expect(logs.lastWebhookLine()).toMatchObject({ level: 'info', outcome: 'pass-through' });
  });

  it('sends stopChat false with texts: the bot says them and its script goes on', async () => {
    const response = await post(onQuestion(Q.saysAndGoesOn));

    expect(response.body).toEqual({ response: { text: ['Anotado.'], stopChat: false } });
  });

  it('names every offending field of a refused reply in its log line', async () => {
    const response = await post(onQuestion(Q.manyBad));

    expect(response.body).toEqual({});
    const line = logs.lastWebhookLine();
    expect(line).toMatchObject({ level: 'error', outcome: 'invalid-reply' });
    const fields = line?.replyFields as Record<string, string[]>;
    expect(Object.keys(fields).sort()).toEqual(
      ['custom', 'email.value', 'response.flow', 'response.text'].sort(),
    );
    expect(fields.custom[0]).toContain('must not have keys longer than 256 characters');
    expect(fields.custom[0]).toContain('value of key "deep" must not be nested deeper');
    expect(fields.custom[0]).not.toContain('"ok"');
  });

  it('refuses NaN in custom instead of sending it as null, which would clear the key', async () => {
    const response = await post(onQuestion(Q.notJson, { score: 7 }));

    expect(response.body).toEqual({});
    expect(logs.lastWebhookLine()).toMatchObject({
      outcome: 'invalid-reply',
      replyFields: { custom: [expect.stringContaining('value of key "score" must not hold NaN')] },
    });
  });
});
