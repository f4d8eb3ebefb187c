import type { ValueTransformer } from 'typeorm';

/** mysql2 returns DECIMAL as a string (exact); temperatures fit a JS number, so entities see numbers. */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
