import type { DataSource, QueryRunner } from 'typeorm';

/**
 * A writer connection taken out of the pool for session state that must end with the connection, such as
 * MySQL named locks (GET_LOCK): the server frees them when the connection closes, which is what makes them
 * safe against a crashed holder. It never goes back to the pool (a pooled connection still holding a lock
 * would keep it for whoever borrows it next); close it with destroyDedicatedConnection.
 */
export async function openDedicatedConnection(writer: DataSource): Promise<QueryRunner> {
  const runner = writer.createQueryRunner('master');
  try {
    await runner.connect();
    return runner;
  } catch (error) {
    await destroyDedicatedConnection(runner);
    throw error;
  }
}

export async function destroyDedicatedConnection(runner: QueryRunner): Promise<void> {
  // mysql2 removes a destroyed connection from its pool; release() afterwards only marks the runner released.
  const connection = (runner as unknown as { databaseConnection?: { destroy?: () => void } })
    .databaseConnection;
  connection?.destroy?.();
  await runner.release().catch(() => undefined);
}
