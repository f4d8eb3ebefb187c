import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { connectAsRoot, runHarness, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { Database } from './database.service';
import type { DatabaseNode } from './primary-locator';

// The real topology of `harness up mha`: a primary and two semi-sync replicas on 3331-3333 under the real
// MHA manager, whose master_ip_failover hook (infra/mysql/mha) moves read_only=OFF to the node it promotes.
// The test only kills the primary; promotion, fencing and the writer's move are MHA's and the library's.
const MANAGER_LOG = resolve(__dirname, '../../../../.cache/run/mha/manager/harvest.log');
const TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS ha_write (id VARCHAR(20) PRIMARY KEY, ackedBy VARCHAR(30) NOT NULL) ENGINE=InnoDB';

@Entity('ha_write')
class HaWrite {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id!: string;
  @Column({ type: 'varchar', length: 30 }) ackedBy!: string;
}

class CreateHaWrite1700000000002 implements MigrationInterface {
  name = 'CreateHaWrite1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(TABLE_SQL);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ha_write');
  }
}

/** HA_DB_HOSTS, HA_DB_USER, HA_DB_PASSWORD as `harness env` prints them. */
function haEnvironment(): { hosts: DatabaseNode[]; user: string; password: string } {
  const values = new Map<string, string>();
  for (const line of runHarness('env').split('\n')) {
    for (const pair of line.replace(/^export /, '').split(/\s+/)) {
      const at = pair.indexOf('=');
      if (at > 0) values.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  const hosts = (values.get('HA_DB_HOSTS') ?? '').split(',').filter(Boolean);
  if (hosts.length !== 3) throw new Error('harness env prints no HA_DB_HOSTS with three nodes');
  return {
    hosts: hosts.map((h) => ({ host: h.split(':')[0]!, port: Number(h.split(':')[1]) })),
    user: values.get('HA_DB_USER') ?? 'root',
    password: values.get('HA_DB_PASSWORD') ?? '',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readOnly(node: Connection): Promise<number> {
  const [rows] = await node.query('SELECT @@global.read_only AS ro');
  return Number((rows as Array<{ ro: number }>)[0]!.ro);
}

async function idsOn(port: number, database: string): Promise<Set<string>> {
  const node = await connectAsRoot(port);
  try {
    const [rows] = await node.query(`SELECT id FROM \`${database}\`.ha_write`);
    return new Set((rows as Array<{ id: string }>).map((r) => r.id));
  } finally {
    await node.end();
  }
}

/** The primary's semi-sync counters: status ON/OFF, connected replicas, commits a replica acknowledged. */
async function semiSync(port: number): Promise<{ status: string; clients: number; ackedCommits: number }> {
  const node = await connectAsRoot(port);
  try {
    const [rows] = await node.query("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_%'");
    const value = new Map(
      (rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, r.Value]),
    );
    return {
      status: value.get('Rpl_semi_sync_master_status') ?? 'missing',
      clients: Number(value.get('Rpl_semi_sync_master_clients')),
      ackedCommits: Number(value.get('Rpl_semi_sync_master_yes_tx')),
    };
  } finally {
    await node.end();
  }
}

async function writablePort(ports: number[]): Promise<number> {
  for (const port of ports) {
    const node = await connectAsRoot(port).catch(() => null);
    if (!node) continue;
    try {
      if ((await readOnly(node)) === 0) return port;
    } finally {
      await node.end();
    }
  }
  throw new Error(
    `no node of ${ports.join(', ')} answers read_only=OFF; run: bash infra/local/harness up mha`,
  );
}

describe('MySQL failover by the real MHA manager, with the database library writing throughout', () => {
  const name = uniqueDatabaseName('mha');
  let env: ReturnType<typeof haEnvironment>;
  let ports: number[];
  let database: Database | undefined;

  beforeAll(async () => {
    runHarness('up', 'mha');
    env = haEnvironment();
    ports = env.hosts.map((h) => h.port);
    database = await Database.connect(
      testDatabaseConfig({
        DB_NAME: name,
        DB_HOSTS: env.hosts,
        DB_USER: env.user,
        DB_PASSWORD: env.password,
        DB_CONNECT_TIMEOUT_MS: 1000,
        // Longer than any failover: a unit of work keeps retrying until MHA has promoted a replica.
        DB_FAILOVER_TIMEOUT_MS: 90_000,
        DB_PRIMARY_CHECK_MS: 1000,
      }),
      { entities: [HaWrite], migrations: [CreateHaWrite1700000000002] },
    );
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    // Leaves the topology formed for the next run (and the chaos tests): the dead node rejoins as a replica.
    runHarness('up', 'mha');
    const primary = await connectAsRoot(await writablePort(ports));
    try {
      await primary.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await primary.end();
    }
  }, 180_000);

  it('promotes a replica when the primary is killed; writes resume there and no acknowledged write is lost', async () => {
    const db = database!;
    const oldPrimary = await writablePort(ports);
    expect(db.primary).toBe(`127.0.0.1:${oldPrimary}`);
    const logBefore = readFileSync(MANAGER_LOG, 'utf8').length;
    const semiSyncBefore = await semiSync(oldPrimary);
    expect(semiSyncBefore).toMatchObject({ status: 'ON', clients: 2 });

    // One writer, one transaction at a time, as a service handling requests would: each acknowledged id
    // is a commit the library reported as done.
    const acked: Array<{ id: string; at: number; primary: string }> = [];
    const failed: string[] = [];
    let stop = false;
    let seq = 0;
    const writer = (async () => {
      while (!stop) {
        const id = `w${String(++seq).padStart(6, '0')}`;
        try {
          const primary = await db.transaction(async (em) => {
            await em.insert(HaWrite, { id, ackedBy: db.primary });
            return db.primary;
          });
          acked.push({ id, at: Date.now(), primary });
        } catch (error) {
          failed.push(`${id}: ${(error as Error).message}`);
        }
        await sleep(10);
      }
    })();

    try {
      const until = async (what: string, condition: () => boolean, seconds: number) => {
        const deadline = Date.now() + seconds * 1000;
        while (!condition()) {
          if (Date.now() > deadline)
            throw new Error(`${what} within ${seconds}s (acked ${acked.length}, failed ${failed.length})`);
          await sleep(100);
        }
      };
      await until('20 writes before the kill', () => acked.length >= 20, 30);
      // Semi-synchronous: the primary's commits waited for a replica's acknowledgement.
      expect((await semiSync(oldPrimary)).ackedCommits - semiSyncBefore.ackedCommits).toBeGreaterThanOrEqual(
        20,
      );
      const killed = runHarness('stop', 'mha-primary');
      const killedAt = Date.now();
      expect(killed).toContain(`127.0.0.1:${oldPrimary}`);
      const ackedBeforeKill = acked.length;

      const movedAway = () => acked.filter((a) => a.at > killedAt && a.primary !== `127.0.0.1:${oldPrimary}`);
      await until('20 writes on a new primary', () => movedAway().length >= 20, 120);
      stop = true;
      await writer;

      const newPrimary = Number(db.primary.split(':')[1]);
      const firstOnNew = movedAway()[0]!;
      const gaps = acked.slice(1).map((a, i) => a.at - acked[i]!.at);
      console.log(
        `mha failover: first committed write on 127.0.0.1:${newPrimary} ${((firstOnNew.at - killedAt) / 1000).toFixed(1)} s ` +
          `after the kill of 127.0.0.1:${oldPrimary}; longest time without writes ${(Math.max(...gaps) / 1000).toFixed(1)} s; ` +
          `${acked.length} writes acknowledged (${ackedBeforeKill} before the kill), ${failed.length} failed`,
      );

      expect(newPrimary).not.toBe(oldPrimary);
      expect(ports).toContain(newPrimary);
      const node = await connectAsRoot(newPrimary);
      try {
        expect(await readOnly(node)).toBe(0);
      } finally {
        await node.end();
      }
      // At most the one transaction whose COMMIT was cut by the kill fails (outcome unknown, not retried).
      expect(failed.length).toBeLessThanOrEqual(1);
      const onNew = await idsOn(newPrimary, name);
      expect(acked.filter((a) => !onNew.has(a.id)).map((a) => a.id)).toEqual([]);

      // Re-formed (`up mha` first waits for the manager to finish the failover and exit): the old primary
      // is back read-only, a replica of the new one, and has every write.
      runHarness('up', 'mha');
      // The real manager did it (its log, from before the kill), and its hook made the new primary writable.
      const managerLog = readFileSync(MANAGER_LOG, 'utf8').slice(logBefore);
      expect(managerLog).toContain(
        `Master failover to 127.0.0.1(127.0.0.1:${newPrimary}) completed successfully`,
      );
      expect(managerLog).toContain(`new primary 127.0.0.1:${newPrimary} is writable (read_only=OFF)`);

      expect(runHarness('status')).toMatch(
        new RegExp(`primary=127\\.0\\.0\\.1:${newPrimary} replicas=2/2 manager=running`),
      );
      const old = await connectAsRoot(oldPrimary);
      try {
        expect(await readOnly(old)).toBe(1);
        const deadline = Date.now() + 30_000;
        let onOld = await idsOn(oldPrimary, name);
        while (acked.some((a) => !onOld.has(a.id)) && Date.now() < deadline) {
          await sleep(200);
          onOld = await idsOn(oldPrimary, name);
        }
        expect(acked.filter((a) => !onOld.has(a.id)).map((a) => a.id)).toEqual([]);
      } finally {
        await old.end();
      }
      // Fenced: the service's account cannot write to it (read_only holds for accounts without SUPER).
      await expect(
        db.writer.query(`INSERT INTO ha_write (id, ackedBy) VALUES ('after', 'x')`).then(() => 'written'),
      ).resolves.toBe('written');
      const fenced = await createConnection({
        host: '127.0.0.1',
        port: oldPrimary,
        user: env.user,
        password: env.password,
        database: name,
      });
      try {
        await expect(
          fenced.query(`INSERT INTO ha_write (id, ackedBy) VALUES ('fenced', 'x')`),
        ).rejects.toThrow(/read-only/);
      } finally {
        await fenced.end();
      }
    } finally {
      stop = true;
      await writer;
    }
  }, 300_000);
});
