import type { CliengoHandler } from './cliengo-handler.interface.js';
import { HandlerRegistry, type RegisteredHandler } from './handler.registry.js';

function handler(name: string, fallback = false): RegisteredHandler {
  const instance: CliengoHandler = { handle: () => undefined };
  return { name, instance, fallback };
}

/** The message of the error `action` throws (fails the test if it does not throw). */
function thrownMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected the call to throw');
}

describe('HandlerRegistry', () => {
  let registry: HandlerRegistry;

  beforeEach(() => {
    registry = new HandlerRegistry();
  });

  describe('resolve', () => {
    it('gives the handler registered for the question id', () => {
      const models = handler('CarModelsHandler');
      const member = handler('MemberStatusHandler');
      registry.addQuestionHandler([3], models);
      registry.addQuestionHandler([7, 8], member);

      expect(registry.resolve(3)).toBe(models);
      expect(registry.resolve(7)).toBe(member);
      expect(registry.resolve(8)).toBe(member);
    });

    it('resolves question 0 to its own handler, not to the fallback', () => {
      const first = handler('FirstQuestionHandler');
      const fallback = handler('CatchAllHandler', true);
      registry.addQuestionHandler([0], first);
      registry.setFallback(fallback);

      expect(registry.resolve(0)).toBe(first);
    });

    it('prefers the own handler over the fallback', () => {
      const models = handler('CarModelsHandler');
      const fallback = handler('CatchAllHandler', true);
      registry.setFallback(fallback);
      registry.addQuestionHandler([3], models);

      expect(registry.resolve(3)).toBe(models);
    });

    it('falls back to the fallback handler for a question without its own handler', () => {
      const fallback = handler('CatchAllHandler', true);
      registry.addQuestionHandler([3], handler('CarModelsHandler'));
      registry.setFallback(fallback);

      expect(registry.resolve(4)).toBe(fallback);
      expect(registry.fallback).toBe(fallback);
    });

    it('falls back to the fallback handler when no question id is known', () => {
      const fallback = handler('CatchAllHandler', true);
      registry.setFallback(fallback);

      expect(registry.resolve(undefined)).toBe(fallback);
    });

    it('gives undefined (pass-through) with neither an own handler nor a fallback', () => {
      registry.addQuestionHandler([3], handler('CarModelsHandler'));

      expect(registry.resolve(4)).toBeUndefined();
      expect(registry.resolve(undefined)).toBeUndefined();
      expect(registry.fallback).toBeUndefined();
    });

    it('gives undefined on an empty registry', () => {
      expect(registry.resolve(1)).toBeUndefined();
    });
  });

  describe('clashes', () => {
    it('refuses a second handler for a question id, naming both classes', () => {
      registry.addQuestionHandler([3], handler('CarModelsHandler'));

      const message = thrownMessage(() =>
        registry.addQuestionHandler([3], handler('OtherModelsHandler')),
      );
      expect(message).toContain('CarModelsHandler');
      expect(message).toContain('OtherModelsHandler');
      expect(message).toMatch(/\b3\b/);
    });

    it('keeps the first handler after a refused clash and registers none of the clashing ids', () => {
      const models = handler('CarModelsHandler');
      registry.addQuestionHandler([3], models);

      expect(() => registry.addQuestionHandler([9, 3], handler('OtherModelsHandler'))).toThrow();
      expect(registry.resolve(3)).toBe(models);
      expect(registry.resolve(9)).toBeUndefined();
      expect(registry.questionIds()).toEqual([3]);
    });

    it('refuses a second fallback handler, naming both classes', () => {
      const first = handler('CatchAllHandler', true);
      registry.setFallback(first);

      const message = thrownMessage(() => registry.setFallback(handler('FaqHandler', true)));
      expect(message).toContain('CatchAllHandler');
      expect(message).toContain('FaqHandler');
      expect(registry.fallback).toBe(first);
      expect(registry.resolve(42)).toBe(first);
    });
  });

  describe('questionIds', () => {
    it('lists the question ids with an own handler in ascending numeric order', () => {
      registry.addQuestionHandler([10, 2], handler('A'));
      registry.addQuestionHandler([33], handler('B'));
      registry.addQuestionHandler([1, 100], handler('C'));

      expect(registry.questionIds()).toEqual([1, 2, 10, 33, 100]);
    });

    it('does not list the fallback', () => {
      registry.setFallback(handler('CatchAllHandler', true));

      expect(registry.questionIds()).toEqual([]);
    });
  });

  describe('per chatbot', () => {
    const autos = handler('AutosQuestion');
    const motos = handler('MotosQuestion');
    const shared = handler('SharedQuestion');
    const autosFallback = handler('AutosFallback', true);
    const sharedFallback = handler('SharedFallback', true);

    beforeEach(() => {
      registry.addQuestionHandler([3], autos, 'autos');
      registry.addQuestionHandler([3], motos, 'motos');
      registry.addQuestionHandler([3, 5], shared);
      registry.setFallback(autosFallback, 'autos');
      registry.setFallback(sharedFallback);
    });

    it("answers with the chatbot's own handler, the shared one, its fallback, the shared fallback", () => {
      expect(registry.resolve(3, 'autos')).toBe(autos);
      expect(registry.resolve(3, 'motos')).toBe(motos);
      expect(registry.resolve(5, 'autos')).toBe(shared);
      expect(registry.resolve(9, 'autos')).toBe(autosFallback);
      expect(registry.resolve(9, 'motos')).toBe(sharedFallback);
      expect(registry.resolve(undefined, 'autos')).toBe(autosFallback);
      // Without a chatbot (a deployment that names none): the shared scope alone.
      expect(registry.resolve(3)).toBe(shared);
      expect(registry.resolve(9)).toBe(sharedFallback);
    });

    it('refuses a second handler of a question, or a second fallback, within one chatbot only', () => {
      expect(
        thrownMessage(() => registry.addQuestionHandler([4, 3], handler('Other'), 'autos')),
      ).toBe('question 3 of chatbot "autos" is claimed by both AutosQuestion and Other');
      expect(thrownMessage(() => registry.setFallback(handler('Other', true), 'autos'))).toBe(
        'the fallback handler of chatbot "autos" is claimed by both AutosFallback and Other',
      );
      expect(() => registry.setFallback(handler('MotosFallback', true), 'motos')).not.toThrow();
      // Nothing of a refused registration is kept.
      expect(registry.resolve(4, 'autos')).toBe(autosFallback);
    });

    it("counts a question as the chatbot's own when it or the shared scope handles it", () => {
      registry.addQuestionHandler([8], handler('MotosOnly'), 'motos');
      expect(registry.hasOwnHandler(8, 'motos')).toBe(true);
      expect(registry.hasOwnHandler(8, 'autos')).toBe(false);
      expect(registry.hasOwnHandler(5, 'autos')).toBe(true);
      expect(registry.questionIds('motos')).toEqual([3, 5, 8]);
      expect(registry.questionIds()).toEqual([3, 5]);
      expect(registry.fallbackOf('autos')).toBe(autosFallback);
      expect(registry.fallbackOf('motos')).toBe(sharedFallback);
      expect(registry.handlers()).toHaveLength(6);
    });
  });
});
