import { randomUUID } from 'node:crypto';
import {
  Column,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { Database } from './database.service';
import { insertRows, selectRows } from './entity-sql';

interface Label {
  title: string;
  note: string;
}
const json = {
  to: (value: unknown) => JSON.stringify(value),
  from: (stored: string) => JSON.parse(stored) as unknown,
};

/** The column kinds the plain statements must convert as the repository does. */
@Entity('shipment')
class Shipment {
  @PrimaryColumn({ type: 'char' }) id!: string;
  @Column({ name: 'customer_id', type: 'varchar' }) customerId!: string;
  @Column({ type: 'text', transformer: json }) label!: Label;
  @Column({ name: 'weight_grams', type: 'int', nullable: true }) weightGrams!: number | null;
  @Column({ name: 'ship_date', type: 'date' }) shipDate!: string;
  @Column({ name: 'due_at', type: 'datetime', precision: 3 }) dueAt!: Date;
  @Column({ type: 'varchar', default: 'new' }) status?: string;
}

@Entity('shipment_event')
class ShipmentEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'shipment_id', type: 'char' }) shipmentId!: string;
  @Column({ type: 'varchar', nullable: true }) reason!: string | null;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
}

class CreateShipments1700000000000 implements MigrationInterface {
  name = 'CreateShipments1700000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE shipment (id CHAR(36) PRIMARY KEY, customer_id VARCHAR(64) NOT NULL, label TEXT NOT NULL,
      weight_grams INT NULL, ship_date DATE NOT NULL, due_at DATETIME(3) NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'new',
      KEY (customer_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await q.query(`CREATE TABLE shipment_event (id BIGINT AUTO_INCREMENT PRIMARY KEY, shipment_id CHAR(36) NOT NULL,
      reason VARCHAR(64) NULL, at DATETIME(3) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE shipment_event');
    await q.query('DROP TABLE shipment');
  }
}

/** The plain statements must store and read exactly what the repository stores and reads. */
describe('insertRows and selectRows against the repository (real MariaDB)', () => {
  const name = uniqueDatabaseName('entitysql');
  let database: Database;
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => database.transaction(work);
  const rawRows = (table: string, where: string, parameters: unknown[]) =>
    tx((em) => em.query(`SELECT * FROM ${table} WHERE ${where}`, parameters)) as Promise<
      Array<Record<string, unknown>>
    >;

  beforeAll(async () => {
    database = await Database.connect(testDatabaseConfig({ DB_NAME: name }), {
      entities: [Shipment, ShipmentEvent],
      migrations: [CreateShipments1700000000000],
    });
  });
  afterAll(async () => {
    await database?.close();
    await dropDatabase(name);
  });

  const shipment = (id: string, customerId: string, weightGrams: number | null): Shipment => ({
    id,
    customerId,
    label: { title: '有机菠菜', note: '朝阳区 "引号" \\ 1 号' },
    weightGrams,
    shipDate: '2026-11-24',
    dueAt: new Date('2026-11-24T01:02:03.456Z'),
  });

  it('inserts rows with the same stored values as repository.insert (an undefined property takes the DEFAULT)', async () => {
    const [viaRepository, viaSql] = [randomUUID(), randomUUID()];
    await tx((em) =>
      em
        .getRepository(Shipment)
        .insert([shipment(viaRepository, 'c-repo', 750), shipment(randomUUID(), 'c-repo', null)]),
    );
    await tx((em) =>
      insertRows(em, Shipment, [shipment(viaSql, 'c-sql', 750), shipment(randomUUID(), 'c-sql', null)]),
    );
    const stored = async (customerId: string) =>
      (await rawRows('shipment', 'customer_id = ? ORDER BY weight_grams IS NULL', [customerId])).map(
        ({ id: _id, customer_id: _customer, ...rest }) => rest,
      );
    const [repository, sql] = [await stored('c-repo'), await stored('c-sql')];
    expect(sql).toHaveLength(2);
    expect(sql).toEqual(repository);
    expect(sql[0]).toMatchObject({ status: 'new', weight_grams: 750 });
  });

  it('leaves a generated id to the database and answers it', async () => {
    const event: Omit<ShipmentEvent, 'id'> = {
      shipmentId: randomUUID(),
      reason: null,
      at: new Date('2026-11-24T00:00:01.250Z'),
    };
    const { insertId } = await tx((em) => insertRows(em, ShipmentEvent, [event as ShipmentEvent]));
    const stored = await tx((em) =>
      em.getRepository(ShipmentEvent).findOneByOrFail({ shipmentId: event.shipmentId }),
    );
    expect(insertId).toBeGreaterThan(0);
    // mysql2 hands a BIGINT back as a number; callers take String(id).
    expect({ ...stored, id: String(stored.id) }).toEqual({ id: String(insertId), ...event });
  });

  it('reads entities exactly as findBy does (dates, date strings, transformers, nulls)', async () => {
    const ids = [randomUUID(), randomUUID()];
    await tx((em) =>
      insertRows(em, Shipment, [shipment(ids[0]!, 'c-read', 500), shipment(ids[1]!, 'c-read', null)]),
    );
    await tx(async (em) => {
      const plain = await selectRows(em, Shipment, 'customer_id = ?', ['c-read']);
      const repository = await em.getRepository(Shipment).findBy({ customerId: 'c-read' });
      expect(plain).toHaveLength(2);
      expect(plain).toEqual(expect.arrayContaining(repository));
      expect(repository).toHaveLength(2);
      for (const e of plain) expect(e).toBeInstanceOf(Shipment);
      const [one] = await selectRows(em, Shipment, 'id IN (?) ORDER BY weight_grams LIMIT 1', [ids]);
      expect(one).toEqual({ ...shipment(ids[1]!, 'c-read', null), status: 'new' });
    });
  });
});
