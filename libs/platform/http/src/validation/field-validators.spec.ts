import { plainToInstance } from 'class-transformer';
import { IsInt, validateSync } from 'class-validator';
import { fieldErrorsOf } from './validation-error-paths';
import {
  FitsColumn,
  IsCalendarDate,
  IsOmittable,
  MaxDecimals,
  NestedObject,
  NestedObjects,
} from './field-validators';

class Line {
  @IsOmittable() @IsInt() quantity?: number;
}

class Order {
  @NestedObject(() => Line) first!: Line;
  @NestedObjects(() => Line) lines!: Line[];
  @IsCalendarDate() date!: string;
  @MaxDecimals(2) celsius!: number;
  @FitsColumn(4, (text) => text.toLowerCase(), { each: true }) codes!: string[];
}

const valid = { first: {}, lines: [{ quantity: 2 }], date: '2028-02-29', celsius: -18.25, codes: ['ab'] };
const failingFields = (over: object) =>
  fieldErrorsOf(validateSync(plainToInstance(Order, { ...valid, ...over }))).map((e) => e.field);

describe('shared field validators', () => {
  it('accepts a valid body', () => {
    expect(failingFields({})).toEqual([]);
  });

  it.each([
    ['a missing nested object', { first: undefined }, 'first'],
    ['an array as the nested object', { first: [] }, 'first'],
    ['an array as an element', { lines: [[]] }, 'lines'],
    ['null as an element', { lines: [null] }, 'lines'],
    ['null for an omittable field', { lines: [{ quantity: null }] }, 'lines[0].quantity'],
    ['a day that does not exist', { date: '2026-02-30' }, 'date'],
    ['a 13th month', { date: '2026-13-01' }, 'date'],
    ['a year before MariaDB DATE', { date: '0999-01-01' }, 'date'],
    ['1e-7 (printed without decimals)', { celsius: 1e-7 }, 'celsius'],
    ['three decimals', { celsius: 1.234 }, 'celsius'],
    ['Infinity', { celsius: Infinity }, 'celsius'],
    ['a string that lengthens when normalised', { codes: ['İİİ'] }, 'codes'],
    ['astral characters counted as one each, over the limit', { codes: ['😀😀😀😀😀'] }, 'codes'],
  ])('refuses %s, naming the field', (_name, over, field) => {
    expect(failingFields(over)).toContain(field);
  });

  it('counts code points as the column does: four astral characters fit four', () => {
    expect(failingFields({ codes: ['😀😀😀😀'] })).toEqual([]);
  });

  it('leaves an omittable field out when it is absent', () => {
    expect(failingFields({ lines: [{}] })).toEqual([]);
  });
});
