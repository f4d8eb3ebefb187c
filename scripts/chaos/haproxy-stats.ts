/** Asks the chaos HAProxy (its stats socket) which backend servers its health checks consider UP. */
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { CHAOS_RUN_DIR } from './chaos-settings';
import { waitFor } from './harness-cli';

const SOCKET = join(CHAOS_RUN_DIR, 'haproxy', 'admin.sock');

function showStat(): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = createConnection(SOCKET, () => socket.write('show stat\n'));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Requests HAProxy has open on one server right now (the stats' scur column). */
export async function openRequests(backend: string, server: string): Promise<number> {
  for (const line of (await showStat()).split('\n')) {
    const [pxname, svname, , , scur] = line.split(',');
    if (pxname === backend && svname === server) return Number(scur);
  }
  throw new Error(`HAProxy has no server ${backend}/${server}`);
}

/** "backend/server" → status (UP, DOWN, "UP 1/3"...), for the catalog and orders servers. */
export async function serverStates(): Promise<Map<string, string>> {
  const states = new Map<string, string>();
  for (const line of (await showStat()).split('\n')) {
    const [backend, server, ...rest] = line.split(',');
    if ((backend === 'catalog' || backend === 'orders') && server !== 'BACKEND' && server !== 'FRONTEND')
      states.set(`${backend}/${server}`, rest[15]);
  }
  return states;
}

/** Waits until every catalog and orders server is UP in HAProxy (rise 3 × inter 2 s after it answers ready). */
export async function waitForServersUp(maxMs = 60_000): Promise<number> {
  return waitFor(
    'HAProxy sees every catalog and orders instance UP',
    async () => {
      const states = await serverStates().catch(() => new Map<string, string>());
      return states.size > 0 && [...states.values()].every((s) => s === 'UP');
    },
    maxMs,
    500,
  );
}
