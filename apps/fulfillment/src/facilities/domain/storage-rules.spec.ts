import {
  assertClassSwitch,
  assertSetpointInRange,
  checkClassSwitch,
  isWithinRange,
  skuFitsRoom,
} from './storage-rules';
import { RoomClassSwitchRefusedError, SetpointOutOfRangeError } from './facility-errors';

describe('storage rules', () => {
  it('keeps each SKU in its own class, ambient goods also in a cool room', () => {
    expect(skuFitsRoom('frozen', 'frozen')).toBe(true);
    expect(skuFitsRoom('frozen', 'chilled')).toBe(false);
    expect(skuFitsRoom('chilled', 'frozen')).toBe(false);
    expect(skuFitsRoom('chilled', 'ambient')).toBe(false);
    expect(skuFitsRoom('cool', 'chilled')).toBe(false);
    expect(skuFitsRoom('ambient', 'cool')).toBe(true);
  });

  it('knows the range of each class, bounds included', () => {
    expect(isWithinRange('chilled', 4)).toBe(true);
    expect(isWithinRange('chilled', 4.1)).toBe(false);
    expect(isWithinRange('frozen', -18)).toBe(true);
    expect(isWithinRange('frozen', -17)).toBe(false);
  });

  const segmentedChilled = { segmented: true, temperatureClass: 'chilled' as const };

  it('switches an empty segmented room between chilled and frozen', () => {
    expect(
      checkClassSwitch(segmentedChilled, { temperatureClass: 'frozen', setpointCelsius: -20 }, []),
    ).toEqual({ allowed: true });
    expect(
      checkClassSwitch(
        { segmented: true, temperatureClass: 'frozen' },
        { temperatureClass: 'chilled', setpointCelsius: 2 },
        [],
      ),
    ).toEqual({ allowed: true });
  });

  it('refuses while stock that does not tolerate the new class is inside, naming the SKUs', () => {
    const contents = [
      { skuId: 'spinach', temperatureClass: 'chilled' as const },
      { skuId: 'spinach', temperatureClass: 'chilled' as const },
    ];
    expect(
      checkClassSwitch(segmentedChilled, { temperatureClass: 'frozen', setpointCelsius: -20 }, contents),
    ).toEqual({
      allowed: false,
      reason: 'incompatible_stock',
      skuIds: ['spinach'],
    });
  });

  it('refuses rooms that are not segmented, other classes, and a setpoint outside the new class', () => {
    expect(
      checkClassSwitch(
        { segmented: false, temperatureClass: 'chilled' },
        { temperatureClass: 'frozen', setpointCelsius: -20 },
        [],
      ),
    ).toMatchObject({ reason: 'not_segmented' });
    expect(
      checkClassSwitch(segmentedChilled, { temperatureClass: 'ambient', setpointCelsius: 18 }, []),
    ).toMatchObject({ reason: 'not_switchable' });
    expect(
      checkClassSwitch(segmentedChilled, { temperatureClass: 'frozen', setpointCelsius: 2 }, []),
    ).toMatchObject({ reason: 'setpoint_out_of_range' });
  });
});

describe('storage refusals', () => {
  it('refuses a new room whose setpoint is outside its class, naming the field', () => {
    expect(() => assertSetpointInRange('chilled', 2)).not.toThrow();
    expect(() => assertSetpointInRange('chilled', 9)).toThrow(SetpointOutOfRangeError);
    expect(() => assertSetpointInRange('frozen', -10)).toThrow(
      expect.objectContaining({
        kind: 'unprocessable',
        type: 'setpoint-out-of-range',
        detail: "A frozen room's setpoint must be within -30..-18 °C",
        extensions: { field: 'setpointCelsius' },
      }),
    );
  });

  it('refuses a class switch with its reason: a bad setpoint unprocessable, stock in the way a conflict naming the SKUs', () => {
    const room = { name: 'Chiller', segmented: true, temperatureClass: 'chilled' as const };
    expect(() =>
      assertClassSwitch(room, { temperatureClass: 'frozen', setpointCelsius: -20 }, []),
    ).not.toThrow();
    expect(() => assertClassSwitch(room, { temperatureClass: 'frozen', setpointCelsius: 2 }, [])).toThrow(
      expect.objectContaining({
        kind: 'unprocessable',
        type: 'room-class-switch-refused',
        detail: 'Setpoint 2 °C is outside the frozen range -30..-18 °C',
        extensions: { reason: 'setpoint_out_of_range', field: 'setpointCelsius' },
      }),
    );
    const spinach = [{ skuId: 'spinach', temperatureClass: 'chilled' as const }];
    expect(() =>
      assertClassSwitch(room, { temperatureClass: 'frozen', setpointCelsius: -20 }, spinach),
    ).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        extensions: { reason: 'incompatible_stock', skuIds: ['spinach'] },
      }),
    );
    expect(() =>
      assertClassSwitch(
        { ...room, segmented: false },
        { temperatureClass: 'frozen', setpointCelsius: -20 },
        [],
      ),
    ).toThrow(RoomClassSwitchRefusedError);
  });
});
