import { DuplicateLineError, NotPickedError, weighPickedLines } from './pack-lines';

describe('weighing picked lines at the packing bench', () => {
  const picked = new Set(['beef', 'spinach']);

  it('takes one weight per picked SKU', () => {
    const weights = weighPickedLines(
      'o-1',
      [
        { skuId: 'beef', actualWeightGrams: 1040 },
        { skuId: 'spinach', actualWeightGrams: 520 },
      ],
      picked,
    );
    expect([...weights]).toEqual([
      ['beef', 1040],
      ['spinach', 520],
    ]);
  });

  it('refuses a line not picked and a line weighed twice, naming the line', () => {
    expect(() => weighPickedLines('o-1', [{ skuId: 'kale', actualWeightGrams: 1 }], picked)).toThrow(
      NotPickedError,
    );
    expect(() =>
      weighPickedLines(
        'o-1',
        [
          { skuId: 'beef', actualWeightGrams: 1 },
          { skuId: 'beef', actualWeightGrams: 2 },
        ],
        picked,
      ),
    ).toThrow(expect.objectContaining({ type: 'duplicate-line', extensions: { field: 'lines[1].skuId' } }));
    expect(() =>
      weighPickedLines(
        'o-1',
        [
          { skuId: 'beef', actualWeightGrams: 1 },
          { skuId: 'beef', actualWeightGrams: 2 },
        ],
        picked,
      ),
    ).toThrow(DuplicateLineError);
  });

  it('refuses a pack that leaves a picked SKU unweighed, naming the missing ones', () => {
    expect(() => weighPickedLines('o-1', [{ skuId: 'spinach', actualWeightGrams: 500 }], picked)).toThrow(
      expect.objectContaining({
        kind: 'unprocessable',
        type: 'unweighed-lines',
        detail: 'Weigh every picked line; missing beef',
        extensions: { field: 'lines', missing: ['beef'] },
      }),
    );
  });
});
