import { applyScan, ScanRejectedError, type StepOutcome, type TaskView } from './scan-steps';

const task = (over: Partial<TaskView> = {}): TaskView => ({
  status: 'open',
  expectedLocationBarcode: 'BIN-A1',
  expectedLotBarcode: 'LOT-1',
  quantity: 3,
  pickedQuantity: null,
  shortReason: null,
  weighed: false,
  ...over,
});

describe('scanner state machine', () => {
  it('walks location → lot → confirm', () => {
    expect(applyScan(task(), { kind: 'scan_location', barcode: 'BIN-A1' })).toEqual({
      kind: 'advance',
      status: 'at_location',
    });
    expect(applyScan(task({ status: 'at_location' }), { kind: 'scan_lot', barcode: 'LOT-1' })).toEqual({
      kind: 'advance',
      status: 'lot_scanned',
    });
    expect(applyScan(task({ status: 'lot_scanned' }), { kind: 'confirm', quantity: 3 })).toEqual({
      kind: 'advance',
      status: 'picked',
      pickedQuantity: 3,
    });
  });

  it('answers a wrong location or lot with what was expected', () => {
    expect(applyScan(task(), { kind: 'scan_location', barcode: 'BIN-Z9' })).toMatchObject({
      kind: 'reject',
      type: 'wrong-location',
      expected: 'BIN-A1',
    });
    expect(applyScan(task({ status: 'at_location' }), { kind: 'scan_lot', barcode: 'LOT-9' })).toMatchObject({
      kind: 'reject',
      type: 'wrong-lot',
      expected: 'LOT-1',
    });
    expect(applyScan(task(), { kind: 'scan_lot', barcode: 'LOT-1' })).toMatchObject({
      kind: 'reject',
      type: 'location-not-scanned',
      expected: 'BIN-A1',
    });
  });

  it('treats a repeat of a step already done as success', () => {
    expect(applyScan(task({ status: 'at_location' }), { kind: 'scan_location', barcode: 'BIN-A1' })).toEqual({
      kind: 'repeat',
    });
    expect(applyScan(task({ status: 'lot_scanned' }), { kind: 'scan_location', barcode: 'BIN-A1' })).toEqual({
      kind: 'repeat',
    });
    expect(applyScan(task({ status: 'lot_scanned' }), { kind: 'scan_lot', barcode: 'LOT-1' })).toEqual({
      kind: 'repeat',
    });
    expect(
      applyScan(task({ status: 'picked', pickedQuantity: 3 }), { kind: 'confirm', quantity: 3 }),
    ).toEqual({ kind: 'repeat' });
    expect(
      applyScan(task({ status: 'short', pickedQuantity: 0, shortReason: 'damaged' }), {
        kind: 'short',
        reason: 'damaged',
        pickedQuantity: 0,
      }),
    ).toEqual({ kind: 'repeat' });
  });

  it('refuses a different answer to a finished task', () => {
    expect(
      applyScan(task({ status: 'picked', pickedQuantity: 3 }), { kind: 'confirm', quantity: 2 }),
    ).toMatchObject({ kind: 'reject', type: 'task-finished' });
    expect(
      applyScan(task({ status: 'picked', pickedQuantity: 3 }), {
        kind: 'short',
        reason: 'damaged',
        pickedQuantity: 0,
      }),
    ).toMatchObject({ kind: 'reject', type: 'task-finished' });
    expect(
      applyScan(task({ status: 'withdrawn' }), { kind: 'scan_location', barcode: 'BIN-A1' }),
    ).toMatchObject({ kind: 'reject', type: 'task-withdrawn' });
  });

  it('needs the exact piece count, and a weight within tolerance', () => {
    expect(applyScan(task({ status: 'lot_scanned' }), { kind: 'confirm', quantity: 2 })).toMatchObject({
      kind: 'reject',
      status: 422,
      expected: '3',
    });
    const weighed = task({ status: 'lot_scanned', weighed: true, quantity: 1000 });
    expect(applyScan(weighed, { kind: 'confirm', quantity: 1150 })).toEqual({
      kind: 'advance',
      status: 'picked',
      pickedQuantity: 1150,
    });
    expect(applyScan(weighed, { kind: 'confirm', quantity: 700 })).toMatchObject({
      kind: 'reject',
      type: 'quantity-mismatch',
    });
  });

  it('records a short pick from any unfinished step, with fewer than ordered', () => {
    expect(applyScan(task(), { kind: 'short', reason: 'not_found', pickedQuantity: 0 })).toEqual({
      kind: 'advance',
      status: 'short',
      pickedQuantity: 0,
      shortReason: 'not_found',
    });
    expect(
      applyScan(task({ status: 'lot_scanned' }), { kind: 'short', reason: 'damaged', pickedQuantity: 3 }),
    ).toMatchObject({ kind: 'reject', type: 'not-short' });
  });

  it('turns a rejection into a domain error: a wrong scan a conflict, a wrong quantity unprocessable, with what was expected', () => {
    const wrongLot = applyScan(task({ status: 'at_location' }), {
      kind: 'scan_lot',
      barcode: 'LOT-9',
    }) as Extract<StepOutcome, { kind: 'reject' }>;
    expect(new ScanRejectedError(wrongLot)).toMatchObject({
      kind: 'conflict',
      type: 'wrong-lot',
      detail: 'Wrong lot: scanned LOT-9, expected LOT-1',
      extensions: { expected: 'LOT-1' },
    });
    const mismatch = applyScan(task({ status: 'lot_scanned' }), { kind: 'confirm', quantity: 2 }) as Extract<
      StepOutcome,
      { kind: 'reject' }
    >;
    expect(new ScanRejectedError(mismatch)).toMatchObject({
      kind: 'unprocessable',
      type: 'quantity-mismatch',
      extensions: { expected: '3' },
    });
    const finished = applyScan(task({ status: 'picked', pickedQuantity: 3 }), {
      kind: 'confirm',
      quantity: 2,
    }) as Extract<StepOutcome, { kind: 'reject' }>;
    expect(new ScanRejectedError(finished).extensions).toEqual({});
  });
});
