import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Chatbots } from '../chatbots/chatbots.js';
import type { CliengoHandler } from './cliengo-handler.interface.js';
import { HandlerMarker } from './handler.decorator.js';
import { HandlerRegistrationError } from './handler-registration.error.js';
import { HandlerRegistry, type RegisteredHandler } from './handler.registry.js';
import { WEBHOOK_MESSAGES } from './webhook.messages.js';

function isHandler(instance: unknown): instance is CliengoHandler {
  return (
    typeof instance === 'object' &&
    instance !== null &&
    typeof (instance as Partial<CliengoHandler>).handle === 'function'
  );
}

/**
 * What is wrong with a handler's `onFault`, if anything: not a method, or an async one
 * (its reply would come after the deadline, so it could never be sent).
 */
export function onFaultProblemOf(instance: object, name: string): string | undefined {
  const onFault: unknown = (instance as { onFault?: unknown }).onFault;
  if (onFault === undefined) return undefined;
  if (typeof onFault !== 'function') return WEBHOOK_MESSAGES.onFaultNotMethod(name);
  const kind = Object.prototype.toString.call(onFault);
  if (kind === '[object AsyncFunction]' || kind === '[object AsyncGeneratorFunction]') {
    return WEBHOOK_MESSAGES.asyncOnFault(name);
  }
  return undefined;
}

/** A claim of `HandlerAdaptContext.claim`: who made it, for which chatbot (undefined: all). */
interface Claim {
  owner: string;
  chatbot: string | undefined;
}

/** Whether claims for these two scopes can meet on one call: same chatbot, or one shared. */
function overlap(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Finds the providers marked with `@QuestionHandler` / `@FallbackHandler` once, at boot,
 * and fills the registry. Every problem found is reported together and stops the boot.
 */
@Injectable()
export class HandlerExplorer implements OnModuleInit {
  readonly #logger = new Logger('HandlerExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: HandlerRegistry,
    private readonly chatbots: Chatbots,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const seen = new Set<unknown>();
    const claims = new Map<string, Claim[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: HandlerMarker.KEY })) {
      const metadata = this.discovery.getMetadataByDecorator(HandlerMarker, wrapper);
      // The same class provided by two modules is one handler, not a clash.
      if (!metadata || seen.has(wrapper.metatype)) continue;
      seen.add(wrapper.metatype);
      const name = (wrapper.metatype as { name?: string } | null)?.name ?? String(wrapper.name);
      if (!wrapper.isDependencyTreeStatic()) {
        problems.push(WEBHOOK_MESSAGES.notSingleton(name));
        continue;
      }
      const scopes: Array<string | undefined> = metadata.chatbots ?? [undefined];
      const unknown = scopes.filter(
        (chatbot): chatbot is string => chatbot !== undefined && !this.chatbots.named(chatbot),
      );
      if (unknown.length > 0) {
        problems.push(WEBHOOK_MESSAGES.unknownChatbots(name, unknown, this.chatbots.names()));
        continue;
      }
      const claim = (resource: string): string | undefined => {
        const made = claims.get(resource) ?? [];
        const clash = made.find(
          (other) =>
            other.owner !== name && scopes.some((chatbot) => overlap(chatbot, other.chatbot)),
        );
        if (clash) return clash.owner;
        claims.set(resource, [...made, ...scopes.map((chatbot) => ({ owner: name, chatbot }))]);
        return undefined;
      };
      let instance: unknown = wrapper.instance;
      if (metadata.adapt) {
        try {
          instance = metadata.adapt(instance as object, { name, claim });
        } catch (error) {
          problems.push((error as Error).message);
          continue;
        }
      }
      if (!isHandler(instance)) {
        problems.push(WEBHOOK_MESSAGES.missingHandleMethod(name));
        continue;
      }
      const onFaultProblem = onFaultProblemOf(instance, name);
      if (onFaultProblem) {
        problems.push(onFaultProblem);
        continue;
      }
      const handler: RegisteredHandler = {
        name,
        instance,
        timeoutMs: metadata.timeoutMs,
        fallback: metadata.fallback,
      };
      for (const chatbot of scopes) {
        try {
          if (metadata.fallback) this.registry.setFallback(handler, chatbot);
          else this.registry.addQuestionHandler(metadata.questionIds, handler, chatbot);
        } catch (error) {
          problems.push((error as Error).message);
        }
      }
    }
    if (problems.length > 0) throw new HandlerRegistrationError(problems);
    const fallback = this.registry.fallback?.name ?? 'none (pass-through)';
    this.#logger.log(
      `Handlers registered for questions [${this.registry.questionIds().join(', ')}]; fallback: ${fallback}`,
    );
    for (const chatbot of this.chatbots.names()) {
      const own = this.registry.fallbackOf(chatbot)?.name ?? 'none (pass-through)';
      this.#logger.log(
        `Chatbot "${chatbot}": questions [${this.registry.questionIds(chatbot).join(', ')}]; fallback: ${own}`,
      );
    }
  }
}
