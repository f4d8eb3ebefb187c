import { coolantPercent, planParcels, type PackingRules } from './packing-plan';

const rules: PackingRules = {
  coolantMinPercent: 15,
  coolantMaxPercent: 40,
  coolantMaxTransitHours: 48,
  summerExtraPercent: 10,
  insulatedBoxGrams: 600,
  cartonGrams: 200,
};
const winter = new Date('2026-11-23T10:00:00Z');
const summer = new Date('2026-07-15T10:00:00Z');

describe('packing plan', () => {
  it('scales coolant with transit time, more in summer, within 15-40 %', () => {
    expect(coolantPercent(rules, 0, winter)).toBe(15);
    expect(coolantPercent(rules, 24, winter)).toBe(27.5);
    expect(coolantPercent(rules, 48, winter)).toBe(40);
    expect(coolantPercent(rules, 96, winter)).toBe(40);
    expect(coolantPercent(rules, 24, summer)).toBe(37.5);
    expect(coolantPercent(rules, 48, summer)).toBe(40);
  });

  it('packs frozen with dry ice and chilled with gel packs in insulated boxes, the rest in a carton', () => {
    const parcels = planParcels(
      [
        { skuId: 'dumplings', temperatureClass: 'frozen', grams: 1000 },
        { skuId: 'spinach', temperatureClass: 'chilled', grams: 500 },
        { skuId: 'apples', temperatureClass: 'cool', grams: 2000 },
        { skuId: 'rice', temperatureClass: 'ambient', grams: 5000 },
      ],
      rules,
      0,
      winter,
    );
    expect(parcels).toEqual([
      {
        zone: 'frozen',
        packaging: 'insulated_box',
        coolant: 'dry_ice',
        coolantGrams: 150,
        productGrams: 1000,
        grossWeightGrams: 1750,
        skuIds: ['dumplings'],
      },
      {
        zone: 'chilled',
        packaging: 'insulated_box',
        coolant: 'gel_pack',
        coolantGrams: 75,
        productGrams: 500,
        grossWeightGrams: 1175,
        skuIds: ['spinach'],
      },
      {
        zone: 'dry',
        packaging: 'carton',
        coolant: 'none',
        coolantGrams: 0,
        productGrams: 7000,
        grossWeightGrams: 7200,
        skuIds: ['apples', 'rice'],
      },
    ]);
  });

  it('makes no parcel for a zone without goods', () => {
    expect(
      planParcels([{ skuId: 'rice', temperatureClass: 'ambient', grams: 1 }], rules, 12, winter).map(
        (p) => p.zone,
      ),
    ).toEqual(['dry']);
  });
});
