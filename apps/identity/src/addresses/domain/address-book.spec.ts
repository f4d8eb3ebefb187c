import { AREA_CODE_PATTERN, defaultAfter, type BookEntry } from './address-book';

const at = (iso: string) => new Date(iso);
const entry = (id: string, isDefault: boolean, createdAt: string): BookEntry => ({
  id,
  isDefault,
  createdAt: at(createdAt),
});

describe('defaultAfter', () => {
  it('has no default for an empty book', () => {
    expect(defaultAfter([], 'a')).toBeNull();
  });

  it('makes the first address the default', () => {
    expect(defaultAfter([entry('a', false, '2026-01-01T00:00:00Z')], null)).toBe('a');
  });

  it('keeps the current default unless another one is asked for', () => {
    const book = [entry('a', true, '2026-01-01T00:00:00Z'), entry('b', false, '2026-01-02T00:00:00Z')];
    expect(defaultAfter(book, null)).toBe('a');
    expect(defaultAfter(book, 'b')).toBe('b');
  });

  it('ignores a requested id that is not in the book', () => {
    expect(defaultAfter([entry('a', true, '2026-01-01T00:00:00Z')], 'zz')).toBe('a');
  });

  it('promotes the newest address when the default is gone', () => {
    const book = [entry('a', false, '2026-01-01T00:00:00Z'), entry('b', false, '2026-01-03T00:00:00Z')];
    expect(defaultAfter(book, null)).toBe('b');
  });
});

describe('AREA_CODE_PATTERN', () => {
  it.each(['310104', '110105', '440305'])('accepts district code %s', (code) => {
    expect(AREA_CODE_PATTERN.test(code)).toBe(true);
  });

  it.each(['31010', '3101044', '010104', 'abcdef', '310 04'])('refuses %s', (code) => {
    expect(AREA_CODE_PATTERN.test(code)).toBe(false);
  });
});
