import { Inject, Injectable, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import {
  CLIENGO_SETTINGS,
  CliengoFulfillmentModule,
  type CliengoSettings,
  type CliengoHandler,
  type Conversation,
  configureApp,
  defaultSettings,
  ExpressServerAdapter,
  QuestionHandler,
  settingsFromEnv,
} from 'cliengo-fulfillment';
import { documentedRequest } from './support/documented-examples.js';

const TOKEN = 'library-e2e-token-0123456789';

/** A configuration service of the app's own, as `@nestjs/config` would give. */
@Injectable()
class AppConfigService {
  get(key: 'token' | 'timeout'): string {
    return key === 'token' ? TOKEN : '150';
  }
}

@Module({ providers: [AppConfigService], exports: [AppConfigService] })
class AppConfigModule {}

@Injectable()
class Greeter {
  greet(): string {
    return 'Hola desde tu app';
  }
}

@QuestionHandler(3)
class GreetingHandler implements CliengoHandler {
  constructor(@Inject(Greeter) private readonly greeter: Greeter) {}

  handle(conversation: Conversation) {
    return conversation.reply().say(this.greeter.greet());
  }
}

@QuestionHandler(4)
class SlowHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return new Promise<undefined>((resolve) =>
      conversation.signal.addEventListener('abort', () => resolve(undefined)),
    );
  }
}

@Module({ providers: [Greeter, GreetingHandler, SlowHandler] })
class AppHandlersModule {}

/** An app of the user's own: their module imports the library's, the long way. */
async function userApp(imports: Parameters<typeof Test.createTestingModule>[0]['imports']) {
  const moduleRef = await Test.createTestingModule({ imports }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new ExpressServerAdapter(), {
    bodyParser: false,
    logger: false,
  });
  configureApp(app); // the settings the module was given
  await app.init();
  return app;
}

describe('the library in an app of your own', () => {
  it('forRootAsync: settings from a factory with injected dependencies, applied everywhere', async () => {
    const app = await userApp([
      CliengoFulfillmentModule.forRootAsync({
        handlers: [AppHandlersModule],
        imports: [AppConfigModule],
        inject: [AppConfigService],
        useFactory: (config: AppConfigService) => ({
          accessTokens: [config.get('token')],
          handlerTimeoutMs: Number(config.get('timeout')),
          metricsEnabled: false,
          logLevel: 'silent',
        }),
      }),
    ]);
    try {
      const http = () => request(app.getHttpServer());
      const settings = app.get<CliengoSettings>(CLIENGO_SETTINGS);
      expect(settings).toMatchObject({ handlerTimeoutMs: 150, accessTokens: [TOKEN] });
      // Defaults for what the factory did not give.
      expect(settings.port).toBe(defaultSettings().port);

      // The token from the factory: the gate refuses a call without it.
      await http().post('/webhook').send(documentedRequest()).expect(401);
      const answered = await http()
        .post('/webhook')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(documentedRequest())
        .expect(200);
      expect(answered.body).toEqual({ response: { text: ['Hola desde tu app'] } });

      // Its deadline: a handler that never answers is cut at 150 ms.
      const started = Date.now();
      await http()
        .post('/webhook/questions/4')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send(documentedRequest())
        .expect(200, {});
      expect(Date.now() - started).toBeLessThan(2_000);

      // Metrics switched off by the factory; health still there.
      await http().get('/metrics').expect(404);
      await http().get('/health/live').expect(200);
    } finally {
      await app.close();
    }
  });

  it('forRoot: settings over the defaults, the environment not read', async () => {
    process.env.HANDLER_TIMEOUT_MS = '9999';
    try {
      const app = await userApp([
        CliengoFulfillmentModule.forRoot({
          handlers: [AppHandlersModule],
          settings: { logLevel: 'silent', pathPrefix: '/bots' },
        }),
      ]);
      try {
        expect(app.get<CliengoSettings>(CLIENGO_SETTINGS).handlerTimeoutMs).toBe(3_000);
        await request(app.getHttpServer())
          .post('/bots/webhook')
          .send(documentedRequest())
          .expect(200, { response: { text: ['Hola desde tu app'] } });
        await request(app.getHttpServer()).get('/metrics').expect(200);
      } finally {
        await app.close();
      }
    } finally {
      delete process.env.HANDLER_TIMEOUT_MS;
    }
  });

  it('settingsFromEnv reads the environment as the one-call bootstrap does, naming a bad variable', () => {
    expect(settingsFromEnv({ HANDLER_TIMEOUT_MS: '4500', PORT: '8080' })).toMatchObject({
      handlerTimeoutMs: 4500,
      port: 8080,
    });
    expect(() => settingsFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
