// Prints a bearer token for local development and the demo seed, signed with the JWT_* settings of the env:
//   node -r @swc-node/register libs/platform/http/src/issue-token.cli.ts --role admin --sub ops-1 [--fc fc-ams-1]
//     [--scopes orders:read,orders:refund] [--expires 15m]
// The default lifetime is the longest the services accept for the role (customer/agent/admin 1 h, scanner
// 5 min, service 10 min); a longer --expires mints a token they refuse.
import { parseArgs } from 'node:util';
import { loadConfigOrExit, z } from '@harvest/platform/config';
import { issueToken } from './auth/issue-token';
import { ROLES, type Role } from './auth/principal';
import { httpConfigShape } from './http-config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string' },
      fc: { type: 'string' },
      scopes: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  if (!values.sub || !ROLES.includes(values.role as Role)) {
    console.error(
      `usage: issue-token --sub <subject> --role <${ROLES.join('|')}> [--fc <id>] [--scopes a,b] [--expires 15m]`,
    );
    process.exit(64); // EX_USAGE
  }
  const { JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE } = loadConfigOrExit({
    // The CLI signs, so here the legacy key is required (services may verify through AUTH_JWKS_URL instead).
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)'),
    JWT_ISSUER: httpConfigShape.JWT_ISSUER,
    JWT_AUDIENCE: httpConfigShape.JWT_AUDIENCE,
  });
  const token = await issueToken(
    {
      subject: values.sub,
      role: values.role as Role,
      ...(values.fc ? { fulfillmentCenterId: values.fc } : {}),
      ...(values.scopes ? { scopes: values.scopes.split(',').filter(Boolean) } : {}),
    },
    { secret: JWT_SECRET, issuer: JWT_ISSUER, audience: JWT_AUDIENCE },
    values.expires ? { expiresIn: values.expires } : {},
  );
  process.stdout.write(`${token}\n`);
}

void main();
