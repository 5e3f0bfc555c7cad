import {
  type DynamicModule,
  type ForwardReference,
  Global,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Type,
} from '@nestjs/common';
import { AdmissionModule } from './admission/admission.module.js';
import { type AppConfig, loadConfig } from './config/app.config.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { WebhookModule } from './webhook/webhook.module.js';

/**
 * The service's settings: everything the environment variables of the README's
 * configuration table set, typed (`port`, `handlerTimeoutMs`, `accessTokens`...).
 */
export type CliengoSettings = AppConfig;

/** Injection token of the settings in force (`CliengoSettings`), defaults applied. */
export const CLIENGO_SETTINGS = Symbol('CLIENGO_SETTINGS');

/** A module of handlers and dialogs: a class, a dynamic module, or a forward reference. */
export type HandlerModule =
  Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** `CliengoFulfillmentModule.forRoot(...)`: your handler modules, and settings. */
export interface CliengoFulfillmentOptions {
  /** Your modules that provide handlers and dialogs (found at boot, wherever they are). */
  handlers?: HandlerModule[];
  /** Settings over the defaults (the defaults are the README's; the environment is not read). */
  settings?: Partial<CliengoSettings>;
}

/** `CliengoFulfillmentModule.forRootAsync(...)`: settings made at boot by a factory. */
export interface CliengoFulfillmentAsyncOptions {
  /** Your modules that provide handlers and dialogs. */
  handlers?: HandlerModule[];
  /** Modules the factory needs (e.g. `ConfigModule`). */
  imports?: ModuleMetadata['imports'];
  /** What the factory is given, in order (e.g. `[ConfigService]`). */
  inject?: InjectionToken[];
  /** Settings over the defaults. */
  useFactory: (...args: never[]) => Partial<CliengoSettings> | Promise<Partial<CliengoSettings>>;
}

/** The defaults: the settings an empty environment gives. */
export function defaultSettings(): CliengoSettings {
  return loadConfig({});
}

/**
 * The settings read from environment variables, as `startService` reads them: a missing
 * variable takes its default; a bad one throws a `ConfigError` naming it.
 */
export function settingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): CliengoSettings {
  return loadConfig(env);
}

@Global()
@Module({})
class CliengoSettingsModule {
  static forRootAsync(options: CliengoFulfillmentAsyncOptions): DynamicModule {
    const factory = options.useFactory as (...args: unknown[]) => unknown;
    return {
      module: CliengoSettingsModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: CLIENGO_SETTINGS,
          useFactory: async (...args: unknown[]): Promise<CliengoSettings> => ({
            ...defaultSettings(),
            ...((await factory(...args)) as Partial<CliengoSettings>),
          }),
          inject: options.inject ?? [],
        },
      ],
      exports: [CLIENGO_SETTINGS],
    };
  }
}

/**
 * The Cliengo fulfillment service as a module of your own Nest app: the webhook routes
 * (`POST /webhook`, `POST /webhook/questions/{id}`), the handler registry filled from your
 * modules, load shedding, health (`/health/live`, `/health/ready`) and metrics (`/metrics`).
 * Then `configureApp(app)` sets up the HTTP side (the webhook gate, logs, limits, docs), or
 * `startService(...)` does everything in one call.
 *
 * ```ts
 * @Module({
 *   imports: [
 *     CliengoFulfillmentModule.forRoot({
 *       handlers: [QuoteHandlersModule],
 *       settings: { handlerTimeoutMs: 5_000, accessTokens: [process.env.CLIENGO_TOKEN!] },
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class CliengoFulfillmentModule {
  /** The service with your handler modules and these settings over the defaults. */
  static forRoot(options: CliengoFulfillmentOptions = {}): DynamicModule {
    const settings = options.settings ?? {};
    return CliengoFulfillmentModule.forRootAsync({
      handlers: options.handlers,
      useFactory: () => settings,
    });
  }

  /**
   * The service with settings made at boot by a factory, e.g. from `@nestjs/config`:
   *
   * ```ts
   * CliengoFulfillmentModule.forRootAsync({
   *   handlers: [QuoteHandlersModule],
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ accessTokens: [config.getOrThrow('CLIENGO_TOKEN')] }),
   * })
   * ```
   */
  static forRootAsync(options: CliengoFulfillmentAsyncOptions): DynamicModule {
    const fromSettings = [CLIENGO_SETTINGS];
    return {
      module: CliengoFulfillmentModule,
      imports: [
        CliengoSettingsModule.forRootAsync(options),
        WebhookModule.forRootAsync({
          inject: fromSettings,
          useFactory: (settings: CliengoSettings) => ({
            handlerTimeoutMs: settings.handlerTimeoutMs,
            accessTokens: settings.accessTokens,
            answers: {
              locale: settings.answerLocale,
              country: settings.answerCountry,
              timeZone: settings.timeZone,
            },
            chatbots: settings.chatbots,
            unknownChatbot: settings.unknownChatbot,
          }),
        }),
        AdmissionModule.forRootAsync({
          inject: fromSettings,
          useFactory: (settings: CliengoSettings) => ({
            maxInFlight: settings.maxInFlight,
            maxEventLoopLagMs: settings.maxEventLoopLagMs,
            overloadResponse: settings.overloadResponse,
          }),
        }),
        HealthModule,
        MetricsModule.forRootAsync({
          inject: fromSettings,
          useFactory: (settings: CliengoSettings) => ({ enabled: settings.metricsEnabled }),
        }),
        ...(options.handlers ?? []),
      ],
    };
  }
}
