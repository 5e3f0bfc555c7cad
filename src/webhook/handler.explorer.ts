import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
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
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    const seen = new Set<unknown>();
    const claims = new Map<string, string>();
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
      let instance: unknown = wrapper.instance;
      if (metadata.adapt) {
        try {
          instance = metadata.adapt(instance as object, { name, claims });
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
      try {
        if (metadata.fallback) this.registry.setFallback(handler);
        else this.registry.addQuestionHandler(metadata.questionIds, handler);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    if (problems.length > 0) throw new HandlerRegistrationError(problems);
    const fallback = this.registry.fallback?.name ?? 'none (pass-through)';
    this.#logger.log(
      `Handlers registered for questions [${this.registry.questionIds().join(', ')}]; fallback: ${fallback}`,
    );
  }
}
