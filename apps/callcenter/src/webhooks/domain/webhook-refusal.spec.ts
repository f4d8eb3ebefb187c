import { WebhookMalformedError, WebhookUnauthenticatedError, webhookRefusal } from './webhook-refusal';

describe('webhook refusal', () => {
  it('answers a bad signature and a stale timestamp alike, without saying which', () => {
    const bySignature = webhookRefusal({ reason: 'signature' });
    const byTimestamp = webhookRefusal({ reason: 'timestamp' });
    for (const refusal of [bySignature, byTimestamp]) {
      expect(refusal).toBeInstanceOf(WebhookUnauthenticatedError);
      expect(refusal).toMatchObject({
        type: 'webhook-unauthenticated',
        message: 'the webhook signature or timestamp is not valid',
      });
    }
  });

  it('answers a malformed body as invalid input, naming the field when the adapter knows it', () => {
    expect(webhookRefusal({ reason: 'malformed', field: 'data.duration' })).toMatchObject({
      kind: 'invalid',
      type: 'webhook-malformed',
      detail: 'the signed webhook body is not a known event',
      extensions: { field: 'data.duration' },
    });
    const unnamed = webhookRefusal({ reason: 'malformed' });
    expect(unnamed).toBeInstanceOf(WebhookMalformedError);
    expect((unnamed as WebhookMalformedError).extensions).toEqual({});
  });
});
