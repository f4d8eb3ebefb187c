import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Repository `insert` and `findBy` for hot paths (orders' checkout) without TypeORM's query builder and entity
 * transformer, which a CPU profile of the order placement bench put among orders' largest costs: the same
 * table and columns from the entity's metadata, values converted by the driver exactly as the repository
 * converts them (column transformers, dates), one plain parameterised statement each.
 */

interface EntitySql {
  metadata: EntityMetadata;
  table: string;
  /** Every column the repository would insert (a generated id is left to the database). */
  insertable: ColumnMetadata[];
  insertColumns: string;
  selectList: string;
}

const cache = new WeakMap<EntityMetadata, EntitySql>();
const quote = (name: string) => `\`${name}\``;

function sqlOf(em: EntityManager, target: EntityTarget<ObjectLiteral>): EntitySql {
  const metadata = em.connection.getMetadata(target);
  let sql = cache.get(metadata);
  if (!sql) {
    const insertable = metadata.columns.filter((c) => !c.isGenerated);
    sql = {
      metadata,
      table: quote(metadata.tableName),
      insertable,
      insertColumns: insertable.map((c) => quote(c.databaseName)).join(', '),
      selectList: metadata.columns.map((c) => quote(c.databaseName)).join(', '),
    };
    cache.set(metadata, sql);
  }
  return sql;
}

/** What MySQL answers an INSERT: the first generated id, if the table has one. */
export interface InsertResult {
  insertId: number;
  affectedRows: number;
}

/** Inserts the rows in one statement; a property left undefined takes the column's DEFAULT, as with insert(). */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<InsertResult> {
  const { table, insertable, insertColumns } = sqlOf(em, target);
  const driver = em.connection.driver;
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const marks = insertable.map((column) => {
      const value: unknown = column.getEntityValue(row);
      if (value === undefined) return 'DEFAULT';
      values.push(driver.preparePersistentValue(value, column));
      return '?';
    });
    return `(${marks.join(', ')})`;
  });
  return em.query(`INSERT INTO ${table} (${insertColumns}) VALUES ${tuples.join(', ')}`, values);
}

/**
 * Entities whose row matches `where`, a condition on database column names with `?` placeholders (it may
 * end with ORDER BY or LIMIT), hydrated as the repository hydrates them.
 */
export async function selectRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  where: string,
  parameters: unknown[],
): Promise<T[]> {
  const { metadata, table, selectList } = sqlOf(em, target);
  const driver = em.connection.driver;
  const raw: Array<Record<string, unknown>> = await em.query(
    `SELECT ${selectList} FROM ${table} WHERE ${where}`,
    parameters,
  );
  return raw.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}
