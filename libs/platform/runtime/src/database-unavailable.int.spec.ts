// Here, where the runtime composes the database and the http libraries: the database declares a lost writer
// as DatabaseUnavailableError, the http library answers it; neither imports the other.
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { Database, DatabaseModule } from '@harvest/platform/database';
import { createHttpApp, Public, type HttpApp } from '@harvest/platform/http';
import { dropDatabase, testDatabaseConfig, uniqueDatabaseName } from '@harvest/testing';
import { createConnection } from 'mysql2/promise';

@Controller('probe')
class ProbeController {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** A real driver error from a node that refuses connections, as a dead primary does. */
  @Get('dead-node')
  @Public()
  async deadNode(): Promise<unknown> {
    const connection = await createConnection({
      host: '127.0.0.1',
      port: 9,
      user: 'root',
      connectTimeout: 2000,
    });
    return connection.query('SELECT 1');
  }

  /** A real server error that is the code's fault, not an outage. */
  @Get('bad-sql')
  @Public()
  async badSql(): Promise<unknown> {
    return this.database.writer.query('SELECT no_such_column FROM no_such_table');
  }
}

describe('a request that lost the database', () => {
  const name = uniqueDatabaseName('dbdown');
  let http: HttpApp;

  @Module({
    imports: [
      DatabaseModule.forRoot(testDatabaseConfig({ DB_NAME: name }), { entities: [], migrations: [] }),
    ],
    controllers: [ProbeController],
  })
  class TestModule {}

  beforeAll(async () => {
    http = await createHttpApp(TestModule, {
      serviceName: 'database-unavailable-test',
      // The probe routes are public: the issuer is never asked.
      env: {
        AUTH_ISSUER_URL: 'http://127.0.0.1:9/realms/none',
        AUTH_AUDIENCE: 'probe',
        LOG_LEVEL: 'silent',
      },
    });
  });
  afterAll(async () => {
    await http?.app.close();
    await dropDatabase(name);
  });

  it('answers 503 problem+json with Retry-After when the node refuses connections', async () => {
    const response = await http.app.inject({ method: 'GET', url: '/probe/dead-node' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json().detail).toMatch(/retry/i);
  });

  it('still answers 500 for an error that is not an outage', async () => {
    const response = await http.app.inject({ method: 'GET', url: '/probe/bad-sql' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['retry-after']).toBeUndefined();
  });
});
