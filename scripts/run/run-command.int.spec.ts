import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { connectAsRoot } from '@harvest/testing';
import { randomBytes } from 'node:crypto';
import { SERVICES } from './service-catalog';

// Acceptance for the main job: the run command starts the embedded issuer and every service that exists on
// the embedded default, and each one answers its readiness endpoint. Runs on throwaway databases so it never touches dev data.
describe('npm start (run-services --check)', () => {
  const prefix = `harvest_t_run_${randomBytes(3).toString('hex')}_`;

  afterAll(async () => {
    const root = await connectAsRoot();
    const [rows] = await root.query('SHOW DATABASES LIKE ?', [`${prefix}%`]);
    for (const row of rows as Array<Record<string, string>>)
      await root.query(`DROP DATABASE \`${Object.values(row)[0]}\``);
    await root.end();
  });

  it('starts each service on this Node, and each answers /health/ready', async () => {
    const output: string[] = [];
    const exitCode = await new Promise<number | null>((done) => {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', 'scripts/run/run-services.ts', '--check'],
        {
          cwd: resolve(__dirname, '../..'),
          // info, for each service's "listening" line, which names the Node it runs on.
          env: { ...process.env, HARVEST_DB_PREFIX: prefix, LOG_LEVEL: 'info' },
        },
      );
      child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
      child.on('exit', done);
    });
    const text = output.join('');
    expect({ exitCode, tail: text.slice(-2000) }).toEqual({ exitCode: 0, tail: expect.any(String) });
    expect(text).toContain(`all ${SERVICES.length} services ready`);
    // The embedded issuer started first and answered discovery (infra/embedded-issuer).
    expect(text).toContain('issuer       http://127.0.0.1:3010');
    for (const service of SERVICES) expect(text).toContain(`http://127.0.0.1:${service.port}`);
    // Every service runs on the Node this spec runs on (the pinned one: scripts/node-runtime.spec.ts).
    const listening = SERVICES.map(
      (s) => text.match(new RegExp(`"node":"([^"]+)"[^\\n]*"msg":"${s.name} listening"`))?.[1],
    );
    expect(listening).toEqual(SERVICES.map(() => process.version));
  }, 180_000);
});
