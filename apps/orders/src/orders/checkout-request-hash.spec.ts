import { hashRequest } from './checkout.service';
import type { CheckoutDto } from './dto/checkout.dto';

describe('checkout request hash (same key + same body = same order)', () => {
  const body = {
    address: { zoneId: 'bj-chaoyang', recipient: '王', phone: '13800000000', city: '北京', street: '建国路' },
    slotId: 'slot-1',
    lines: [{ skuId: 'a', quantity: 2 }],
  } as CheckoutDto;

  it('ignores field order and absent optional fields', () => {
    const reordered = {
      lines: [{ quantity: 2, skuId: 'a' }],
      slotId: 'slot-1',
      address: { ...body.address },
      customerId: undefined,
    } as CheckoutDto;
    expect(hashRequest('c-1', reordered)).toBe(hashRequest('c-1', body));
  });

  it('differs for another amount, another line order, or another customer', () => {
    expect(hashRequest('c-1', { ...body, lines: [{ skuId: 'a', quantity: 3 }] })).not.toBe(
      hashRequest('c-1', body),
    );
    const two = {
      ...body,
      lines: [
        { skuId: 'a', quantity: 1 },
        { skuId: 'b', quantity: 1 },
      ],
    };
    expect(hashRequest('c-1', { ...two, lines: [...two.lines].reverse() })).not.toBe(hashRequest('c-1', two));
    expect(hashRequest('c-2', body)).not.toBe(hashRequest('c-1', body));
  });
});
