import type { EntityManager } from 'typeorm';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`upsertIfNewer: not a plain column or table name: ${name}`);
  return `\`${name}\``;
}

export interface UpsertIfNewerOptions {
  /** The columns of the unique key the row is found by (not updated). */
  key: readonly string[];
  /** The version column; default `version`. */
  versionColumn?: string;
}

/**
 * Keeps a versioned snapshot of another service's data (a SKU as catalog last announced it): inserts the row,
 * or, when its key exists, replaces the other columns only if this version is newer than the stored one.
 * Events for one key may be redelivered or overtaken; an older or equal version changes nothing. One
 * statement, so two deliveries racing cannot interleave. `row` holds column names (as in the table) → values,
 * the key and the version included.
 */
export async function upsertIfNewer(
  em: EntityManager,
  table: string,
  row: Record<string, unknown>,
  options: UpsertIfNewerOptions,
): Promise<void> {
  const version = quoted(options.versionColumn ?? 'version');
  const columns = Object.keys(row);
  if (!columns.some((c) => quoted(c) === version))
    throw new Error(`upsertIfNewer: the row has no ${version} column`);
  const keys = new Set(options.key);
  const newer = `VALUES(${version}) > ${version}`;
  const updates = columns
    .filter((c) => !keys.has(c) && quoted(c) !== version)
    .map((c) => `${quoted(c)} = IF(${newer}, VALUES(${quoted(c)}), ${quoted(c)})`);
  // The version goes last: MySQL applies the assignments in order, so the IFs above still see the old version.
  updates.push(`${version} = GREATEST(${version}, VALUES(${version}))`);
  await em.query(
    `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON DUPLICATE KEY UPDATE ${updates.join(', ')}`,
    Object.values(row),
  );
}
