import { MAX_LOT_PIECES } from '../../shared/domain/quantity-limits';
import { assertPutAway, receivedLotExpiry } from './lot-rules';
import { ExpiryBeforeReceiptError, LotTooLargeError } from './stock-errors';

describe('lot rules', () => {
  const spinach = { soldBy: 'piece' as const, shelfLifeDays: 7 };

  it('dates a lot by its printed expiry, or by receipt plus shelf life', () => {
    expect(
      receivedLotExpiry({ quantity: 10, receiptDate: '2026-03-01', expiryDate: '2026-03-05' }, spinach),
    ).toBe('2026-03-05');
    expect(receivedLotExpiry({ quantity: 10, receiptDate: '2026-03-30' }, spinach)).toBe('2026-04-06');
  });

  it('refuses an expiry before the receipt, and a piece lot larger than a truck brings (a weighed one may be)', () => {
    expect(() =>
      receivedLotExpiry({ quantity: 1, receiptDate: '2026-03-02', expiryDate: '2026-03-01' }, spinach),
    ).toThrow(ExpiryBeforeReceiptError);
    expect(() =>
      receivedLotExpiry({ quantity: MAX_LOT_PIECES + 1, receiptDate: '2026-03-01' }, spinach),
    ).toThrow(
      expect.objectContaining({
        type: 'lot-too-large',
        kind: 'unprocessable',
        extensions: { field: 'quantity' },
      }),
    );
    expect(() =>
      receivedLotExpiry({ quantity: MAX_LOT_PIECES, receiptDate: '2026-03-01' }, spinach),
    ).not.toThrow(LotTooLargeError);
    expect(
      receivedLotExpiry(
        { quantity: MAX_LOT_PIECES + 1, receiptDate: '2026-03-01' },
        { soldBy: 'weight', shelfLifeDays: 1 },
      ),
    ).toBe('2026-03-02');
  });

  it('puts away only into a room the SKU tolerates, and no more than is waiting', () => {
    const sku = { skuId: 'sku-1', name: 'Spinach', temperatureClass: 'chilled' as const };
    const chiller = { id: 'r-1', name: 'Chiller', temperatureClass: 'chilled' as const };
    const freezer = { id: 'r-2', name: 'Freezer', temperatureClass: 'frozen' as const };
    const lot = { barcode: 'LOT-1', unplacedQuantity: 5 };
    expect(() => assertPutAway(sku, chiller, lot, 5)).not.toThrow();
    expect(() => assertPutAway(sku, freezer, lot, 1)).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        type: 'wrong-temperature-zone',
        extensions: { skuTemperatureClass: 'chilled', roomTemperatureClass: 'frozen', roomId: 'r-2' },
      }),
    );
    expect(() => assertPutAway(sku, chiller, lot, 6)).toThrow(
      expect.objectContaining({
        type: 'more-than-received',
        extensions: { field: 'quantity', unplacedQuantity: 5 },
      }),
    );
  });
});
