/** An address book holds a handful of addresses (home, work, parents'): more is a script, not a person. */
export const MAX_ADDRESSES = 20;

export interface BookEntry {
  id: string;
  isDefault: boolean;
  createdAt: Date;
}

/**
 * Which address is the default after a change: the one asked for, else the one that already is, else the
 * newest (the first address of a book is its default; removing the default promotes the newest left).
 * Exactly one default whenever the book is not empty.
 */
export function defaultAfter(entries: readonly BookEntry[], requested: string | null): string | null {
  if (entries.length === 0) return null;
  if (requested && entries.some((e) => e.id === requested)) return requested;
  const current = entries.find((e) => e.isDefault);
  if (current) return current.id;
  return [...entries].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
  )[0]!.id;
}

/** Six digits, the district's administrative division code (310104 is Shanghai's Xuhui district). */
export const AREA_CODE_PATTERN = /^[1-8]\d{5}$/;
