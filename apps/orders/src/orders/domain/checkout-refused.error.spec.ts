import { CheckoutRefusedError } from './checkout-refused.error';

describe('a checkout refusal as a domain error', () => {
  const errorOf = (refusal: ConstructorParameters<typeof CheckoutRefusedError>[0]) =>
    new CheckoutRefusedError(refusal);

  it('names the input as a top-level field member, unprocessable for what the request can fix', () => {
    const error = errorOf({ kind: 'unknown-zone', zoneId: 'zone-x' });
    expect(error).toMatchObject({
      kind: 'unprocessable',
      type: 'unknown-zone',
      detail: 'we do not deliver to zone zone-x',
      extensions: { field: 'address.zoneId' },
    });
    expect(error.field).toBeUndefined(); // no `errors` list: the API always answered with `field`
  });

  it('keeps a slot refusal its own type, a conflict for a full slot', () => {
    const full = { status: 409, type: 'slot-full', detail: 'the delivery slot is full' } as const;
    const started = { status: 422, type: 'slot-in-the-past', detail: 'the slot has started' } as const;
    expect(errorOf({ kind: 'slot-not-bookable', reason: full })).toMatchObject({
      kind: 'conflict',
      type: 'slot-full',
      extensions: { field: 'slotId' },
    });
    expect(errorOf({ kind: 'slot-not-bookable', reason: started })).toMatchObject({
      kind: 'unprocessable',
      type: 'slot-in-the-past',
    });
  });

  it('lists every line problem as errors, a conflict when stock ran out', () => {
    const problems = [{ field: 'lines[0].quantity', message: 'only 2 left' }];
    expect(errorOf({ kind: 'out-of-stock', centerName: '北京仓', skuIds: ['s-1'], problems })).toMatchObject({
      kind: 'conflict',
      type: 'out-of-stock',
      detail: 'not enough stock at 北京仓 for s-1',
      extensions: { errors: problems },
    });
  });
});
