import { summarizePicking, type FinishedTask } from './pick-summary';

const task = (over: Partial<FinishedTask>): FinishedTask => ({
  skuId: 'a',
  lotId: 'lot-1',
  status: 'picked',
  pickedQuantity: 1,
  shortReason: null,
  ...over,
});

describe('pick summary', () => {
  it('reports complete lines with the ordered figure and their lots in task order', () => {
    const result = summarizePicking(
      [
        { skuId: 'a', orderedQuantity: 3 },
        { skuId: 'w', orderedQuantity: 1000 },
      ],
      [
        task({ lotId: 'lot-1', pickedQuantity: 1 }),
        task({ lotId: 'lot-2', pickedQuantity: 2 }),
        task({ skuId: 'w', lotId: 'lot-9', pickedQuantity: 1080 }),
      ],
    );
    expect(result).toEqual({
      short: false,
      lines: [
        { skuId: 'a', orderedQuantity: 3, pickedQuantity: 3, reason: null, lotIds: ['lot-1', 'lot-2'] },
        { skuId: 'w', orderedQuantity: 1000, pickedQuantity: 1000, reason: null, lotIds: ['lot-9'] },
      ],
    });
  });

  it('marks a line short with its reason, leaving out lots nothing was taken from', () => {
    const result = summarizePicking(
      [{ skuId: 'a', orderedQuantity: 3 }],
      [
        task({ lotId: 'lot-1', pickedQuantity: 1 }),
        task({ lotId: 'lot-2', status: 'short', pickedQuantity: 0, shortReason: 'damaged' }),
      ],
    );
    expect(result).toEqual({
      short: true,
      lines: [{ skuId: 'a', orderedQuantity: 3, pickedQuantity: 1, reason: 'damaged', lotIds: ['lot-1'] }],
    });
  });

  it('keeps a short line below the ordered figure even when another pick of it came in heavy', () => {
    const result = summarizePicking(
      [{ skuId: 'w', orderedQuantity: 1000 }],
      [
        task({ skuId: 'w', pickedQuantity: 1100 }),
        task({ skuId: 'w', lotId: null, status: 'short', pickedQuantity: 0, shortReason: 'not_found' }),
      ],
    );
    expect(result.lines[0]).toMatchObject({ pickedQuantity: 999, reason: 'not_found' });
  });

  it('reports a line with no stock at all as picked 0', () => {
    const result = summarizePicking(
      [{ skuId: 'a', orderedQuantity: 2 }],
      [task({ lotId: null, status: 'short', pickedQuantity: 0, shortReason: 'not_found' })],
    );
    expect(result.lines[0]).toEqual({
      skuId: 'a',
      orderedQuantity: 2,
      pickedQuantity: 0,
      reason: 'not_found',
      lotIds: [],
    });
  });
});
