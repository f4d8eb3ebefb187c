import { classifyDatabaseFailure, isDuplicateKeyError, retryDelayMs } from './database-failure';

describe('classifyDatabaseFailure', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'lost-writer'],
    [{ code: 'PROTOCOL_CONNECTION_LOST' }, 'lost-writer'],
    [{ driverError: { errno: 1290, code: 'ER_OPTION_PREVENTS_STATEMENT' } }, 'lost-writer'],
    [{ message: "Can't add new command when connection is in closed state" }, 'lost-writer'],
    [{ driverError: { errno: 1213, code: 'ER_LOCK_DEADLOCK' } }, 'rolled-back'],
    [{ errno: 1205 }, 'rolled-back'],
    [{ driverError: { errno: 1062, code: 'ER_DUP_ENTRY' } }, 'fatal'],
    [new Error('You have an error in your SQL syntax'), 'fatal'],
    ['not even an error', 'fatal'],
  ])('%j is %s', (error, kind) => {
    expect(classifyDatabaseFailure(error)).toBe(kind);
  });
});

describe('isDuplicateKeyError', () => {
  it.each([
    [{ errno: 1062, code: 'ER_DUP_ENTRY' }, true],
    [{ driverError: { errno: 1062 } }, true],
    [{ driverError: { code: 'ER_DUP_ENTRY' } }, true],
    [{ driverError: { errno: 1213, code: 'ER_LOCK_DEADLOCK' } }, false],
    [new Error('Duplicate entry'), false],
    [undefined, false],
  ])('%j: %s', (error, duplicate) => {
    expect(isDuplicateKeyError(error)).toBe(duplicate);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 50 ms and caps at 1 s, with jitter in the upper half', () => {
    expect(retryDelayMs(0, () => 0)).toBe(25);
    expect(retryDelayMs(0, () => 1)).toBe(50);
    expect(retryDelayMs(3, () => 1)).toBe(400);
    expect(retryDelayMs(10, () => 1)).toBe(1000);
    expect(retryDelayMs(10, () => 0)).toBe(500);
  });
});
