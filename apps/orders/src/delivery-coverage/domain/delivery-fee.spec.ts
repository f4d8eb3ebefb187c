import fc from 'fast-check';
import { deliveryFeeFor, shortOfFreeDeliveryFen } from './delivery-fee';

describe('deliveryFeeFor', () => {
  const zone = { deliveryFeeFen: 800, freeDeliveryFromFen: 9900 };

  it('charges the zone fee below the threshold and nothing from it on', () => {
    expect(deliveryFeeFor(zone, 9899)).toBe(800);
    expect(deliveryFeeFor(zone, 9900)).toBe(0);
    expect(shortOfFreeDeliveryFen(zone, 9000)).toBe(900);
    expect(shortOfFreeDeliveryFen(zone, 12000)).toBe(0);
  });

  it('never waives a zone without a threshold', () => {
    expect(deliveryFeeFor({ deliveryFeeFen: 500, freeDeliveryFromFen: null }, 10_000_000)).toBe(500);
    expect(shortOfFreeDeliveryFen({ deliveryFeeFen: 500, freeDeliveryFromFen: null }, 1)).toBeNull();
  });

  it('is either the zone fee or zero, and never rises as the basket grows', () => {
    fc.assert(
      fc.property(
        fc.nat(5000),
        fc.option(fc.nat(50_000), { nil: null }),
        fc.nat(100_000),
        fc.nat(100_000),
        (fee, threshold, a, b) => {
          const z = { deliveryFeeFen: fee, freeDeliveryFromFen: threshold };
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect([0, fee]).toContain(deliveryFeeFor(z, low));
          expect(deliveryFeeFor(z, high)).toBeLessThanOrEqual(deliveryFeeFor(z, low));
        },
      ),
    );
  });
});
