import { headerProblems, parseProductCsv, productFromRow } from './product-csv';

const HEADER =
  'name,category_id,farm_id,organic,organic_certificate_no,sku_name,sold_by,price_fen,temperature_class,shelf_life_days';

describe('product CSV rows', () => {
  it('turns a good row into a product with one SKU', () => {
    const { header, rows } = parseProductCsv(
      `${HEADER}\n红富士苹果,fruit,farm-hebei,是,ORG-1,500g,weight,1290,cool,30\n`,
    );
    expect(headerProblems(header)).toEqual([]);
    const parsed = productFromRow(1, rows[0]!);
    expect(parsed).toMatchObject({
      row: 1,
      product: {
        name: '红富士苹果',
        organic: true,
        skus: [{ soldBy: 'weight', priceFen: 1290, temperatureClass: 'cool', shelfLifeDays: 30 }],
      },
    });
  });

  it('names the column of each bad cell: fractional or negative price, negative shelf life, unknown class', () => {
    const { rows } = parseProductCsv(`${HEADER}\n菠菜,greens,farm-beijing,maybe,,把,piece,12.5,warm,-1\n`);
    const parsed = productFromRow(1, rows[0]!);
    expect('errors' in parsed && parsed.errors.map((e) => e.field).sort()).toEqual(
      ['organic', 'price_fen', 'shelf_life_days', 'temperature_class'].sort(),
    );
  });

  it('refuses a file with missing or unknown columns', () => {
    expect(headerProblems(['name', 'colour'])).toEqual(
      expect.arrayContaining(['missing column price_fen', 'unknown column colour']),
    );
  });
});
