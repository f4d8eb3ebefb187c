import {
  assertHarvestBeforeDelivery,
  dockTemperatureVerdict,
  harvestedLotExpiry,
  lineStatus,
  suggestPutAway,
  type CandidateBin,
} from './receipt-rules';

describe('receipt rules', () => {
  it('holds a crate measured outside its class range at the dock, naming the range', () => {
    expect(dockTemperatureVerdict('chilled', 3.5)).toEqual({ inRange: true });
    expect(dockTemperatureVerdict('chilled', 5)).toEqual({ inRange: true });
    expect(dockTemperatureVerdict('chilled', 9.2)).toEqual({
      inRange: false,
      holdReason: 'dock temperature 9.2 °C outside chilled range 0..5 °C',
    });
    expect(dockTemperatureVerdict('chilled', -1).inRange).toBe(false); // frost-bitten greens
    expect(dockTemperatureVerdict('frozen', -12).inRange).toBe(false);
    expect(dockTemperatureVerdict('frozen', -18).inRange).toBe(true);
  });

  it('dates a lot from its harvest: the notice line first, the crate for an unexpected SKU', () => {
    expect(
      harvestedLotExpiry(
        { lineHarvestDate: '2026-03-01', crateHarvestDate: '2026-02-01', skuId: 's' },
        7,
        '2026-03-02',
      ),
    ).toEqual({ harvestDate: '2026-03-01', expiryDate: '2026-03-08' });
    expect(
      harvestedLotExpiry(
        { lineHarvestDate: null, crateHarvestDate: '2026-02-27', skuId: 's' },
        5,
        '2026-03-01',
      ),
    ).toEqual({ harvestDate: '2026-02-27', expiryDate: '2026-03-04' });
    expect(() => harvestedLotExpiry({ lineHarvestDate: null, skuId: 's' }, 5, '2026-03-01')).toThrow(
      expect.objectContaining({ type: 'harvest-date-required', field: 'harvestDate' }),
    );
  });

  it('refuses a harvest after the receipt and produce already expired at the dock', () => {
    expect(() => harvestedLotExpiry({ lineHarvestDate: '2026-03-03', skuId: 's' }, 5, '2026-03-01')).toThrow(
      expect.objectContaining({ type: 'harvest-after-delivery', field: 'harvestDate' }),
    );
    expect(() => harvestedLotExpiry({ lineHarvestDate: '2026-02-20', skuId: 's' }, 5, '2026-03-01')).toThrow(
      expect.objectContaining({
        type: 'expired-at-receipt',
        extensions: { field: 'harvestDate', expiryDate: '2026-02-25' },
      }),
    );
    // Sellable on its expiry day, as allocation counts it.
    expect(
      harvestedLotExpiry({ lineHarvestDate: '2026-02-24', skuId: 's' }, 5, '2026-03-01').expiryDate,
    ).toBe('2026-03-01');
  });

  it('refuses a notice line harvested after the expected delivery, naming the line', () => {
    expect(() =>
      assertHarvestBeforeDelivery('2026-03-01', [
        { harvestDate: '2026-03-01' },
        { harvestDate: '2026-03-02' },
      ]),
    ).toThrow(expect.objectContaining({ field: 'lines[1].harvestDate' }));
  });

  it('calls a line pending while open and short once closed; over, complete and unexpected by what came', () => {
    expect(lineStatus(10, 6, false)).toBe('pending');
    expect(lineStatus(10, 6, true)).toBe('short');
    expect(lineStatus(10, 10, true)).toBe('complete');
    expect(lineStatus(10, 12, false)).toBe('over');
    expect(lineStatus(0, 4, false)).toBe('unexpected');
  });

  it('suggests bins of the SKU class: bins holding it, then empty ones; a tolerated room only after', () => {
    const bin = (
      barcode: string,
      roomClass: CandidateBin['roomClass'],
      skuOnHand: number,
      onHand: number,
    ) => ({
      barcode,
      roomId: `r-${roomClass}`,
      roomName: roomClass,
      roomClass,
      skuOnHand,
      onHand,
    });
    const bins = [
      bin('AMB-02', 'ambient', 0, 5),
      bin('COL-01', 'cool', 0, 0),
      bin('AMB-03', 'ambient', 0, 0),
      bin('AMB-09', 'ambient', 4, 9),
      bin('FRZ-01', 'frozen', 0, 0),
    ];
    expect(suggestPutAway('ambient', bins, 5).map((b) => b.barcode)).toEqual([
      'AMB-09',
      'AMB-03',
      'AMB-02',
      'COL-01',
    ]);
    expect(suggestPutAway('chilled', bins)).toEqual([]);
    expect(suggestPutAway('frozen', bins).map((b) => b.barcode)).toEqual(['FRZ-01']);
  });
});
