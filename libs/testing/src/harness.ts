import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const HARNESS = resolve(__dirname, '../../../infra/local/harness');

/**
 * Runs the local infrastructure harness (infra/local/harness) from a test, e.g. to stop and start a broker.
 * Its one-line error becomes the test failure.
 */
export function runHarness(...args: string[]): string {
  try {
    return execFileSync('bash', [HARNESS, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`harness ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
  }
}
