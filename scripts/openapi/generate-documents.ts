// Writes (or, with --check, compares) each service's OpenAPI document under libs/contracts/openapi/, built
// from its service definition in Nest's preview mode: nothing connects, so no infrastructure is needed.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ISSUER_URL } from '@harvest/platform/http';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { describeService } from '@harvest/platform/runtime';
import { SERVICES } from '../run/service-catalog';

export const DOCUMENTS_DIR = join(__dirname, '../../libs/contracts/openapi');

/**
 * Only what config validation demands: no value here reaches a server (preview mode creates no provider).
 * The issuer is npm start's, so the committed documents name the same one on every machine.
 */
const PREVIEW_ENV: Record<string, string> = {
  AUTH_ISSUER_URL: DEFAULT_ISSUER_URL,
  PAYMENT_CALLBACK_SECRET: 'openapi-preview-only-not-a-secret-0123456789',
  IMAGES_SIGNING_SECRET: 'openapi-preview-only-not-a-secret-0123456789',
  IDENTITY_HASH_SECRET: 'openapi-preview-only-not-a-secret-0123456789',
  SMS_DRIVER: 'outbox',
  LOG_LEVEL: 'silent',
};

export function documentPath(service: string): string {
  return join(DOCUMENTS_DIR, `${service}.openapi.json`);
}

export async function serviceDocumentText(name: string): Promise<string> {
  const module = (await import(`../../apps/${name}/src/${name}.service-definition`)) as Record<
    string,
    unknown
  >;
  const definition = module[`${name}Service`] as ServiceDefinition;
  const document = await describeService(definition, { ...PREVIEW_ENV });
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { name } of SERVICES) {
    const text = await serviceDocumentText(name);
    const path = documentPath(name);
    if (!check) {
      await writeFile(path, text);
      console.log(`wrote ${path}`);
      continue;
    }
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== text) stale.push(path);
  }
  if (stale.length > 0) {
    console.error(
      `OpenAPI documents differ from the code (run npm run openapi and commit the result):\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  if (check) console.log(`OpenAPI documents match the code (${SERVICES.length} services)`);
}

if (require.main === module)
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
