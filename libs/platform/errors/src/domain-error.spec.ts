import { DomainError, NotFoundError } from './domain-error';
import { asDomainError, registerDomainErrorTranslator } from './domain-error-translators';

class SlotFullError extends DomainError {
  constructor(slotId: string) {
    super('conflict', 'slot-full', 'The delivery slot is full', { field: 'slotId', extensions: { slotId } });
  }
}

describe('DomainError', () => {
  it('carries kind, type slug, detail, field and extensions, and is named after its subclass', () => {
    const error = new SlotFullError('s-1');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'SlotFullError',
      kind: 'conflict',
      type: 'slot-full',
      detail: 'The delivery slot is full',
      message: 'The delivery slot is full',
      field: 'slotId',
      extensions: { slotId: 's-1' },
    });
  });

  it('NotFoundError says what was not found', () => {
    expect(new NotFoundError('Order o-1')).toMatchObject({
      kind: 'not-found',
      type: 'not-found',
      detail: 'Order o-1 not found',
    });
  });
});

describe('asDomainError', () => {
  class DriverOutage extends Error {}

  it('returns a domain error as it is, a foreign error through a registered translator, anything else as undefined', () => {
    const translated = new DomainError('unavailable', 'thing-unavailable', 'try again', {
      retryAfterSeconds: 2,
    });
    registerDomainErrorTranslator((error) => (error instanceof DriverOutage ? translated : undefined));
    const own = new NotFoundError('Ticket');
    expect(asDomainError(own)).toBe(own);
    expect(asDomainError(new DriverOutage('down'))).toBe(translated);
    expect(asDomainError(new Error('bug'))).toBeUndefined();
    expect(asDomainError('not even an error')).toBeUndefined();
  });
});
