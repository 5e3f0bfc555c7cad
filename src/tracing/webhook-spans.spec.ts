import { webhookRoute } from './webhook-spans.js';

describe('webhookRoute', () => {
  const route = webhookRoute('');
  const prefixed = webhookRoute('/cliengo');

  it.each([
    ['/webhook', '/webhook'],
    ['/webhook/', '/webhook'],
    ['/WebHook?token=s3cr3t', '/webhook'],
    ['/webhook/questions/7', '/webhook/questions/:questionId'],
    ['/webhook/questions/7/?x=1', '/webhook/questions/:questionId'],
    ['/token/s3cr3t/webhook/questions/7', '/webhook/questions/:questionId'],
    ['/chatbots/autos/webhook', '/chatbots/:chatbot/webhook'],
    [
      '/token/s3cr3t/chatbots/autos/webhook/questions/7',
      '/chatbots/:chatbot/webhook/questions/:questionId',
    ],
  ])('names %s by its route, %s', (target, template) => {
    expect(route(target)).toBe(template);
  });

  it.each([
    '/',
    '/health/live',
    '/metrics',
    '/webhooks',
    '/webhook/other',
    '/webhook/questions/7/more',
    '/docs/webhook',
  ])('leaves %s alone', (target) => {
    expect(route(target)).toBeUndefined();
  });

  it('puts the prefix in the route, and needs it', () => {
    expect(prefixed('/cliengo/token/s3cr3t/webhook')).toBe('/cliengo/webhook');
    expect(prefixed('/CLIENGO/chatbots/autos/webhook/questions/3')).toBe(
      '/cliengo/chatbots/:chatbot/webhook/questions/:questionId',
    );
    expect(prefixed('/webhook')).toBeUndefined();
  });
});
