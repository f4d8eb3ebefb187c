import { execFileSync } from 'node:child_process';

/** The test tier's slapd (infra/local/lib/ldap.sh; `harness env` exports these). Dev-only bind, 127.0.0.1 only. */
export interface LdapSettings {
  url: string;
  bindDn: string;
  bindPassword: string;
}

export function ldapSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LdapSettings {
  return {
    url: env.LDAP_URL ?? 'ldap://127.0.0.1:3890',
    bindDn: env.LDAP_BIND_DN ?? 'cn=admin,dc=harvest,dc=local',
    bindPassword: env.LDAP_BIND_PASSWORD ?? 'local-ldap-password',
  };
}

/**
 * Applies an LDIF change with OpenLDAP's ldapmodify (installed by `harness up ldap`), as a directory
 * administrator would. `continueOnError` (-c) skips "already there" / "not there" for idempotent set-up.
 */
export function ldapModify(settings: LdapSettings, ldif: string, continueOnError = false): void {
  try {
    execFileSync(
      'ldapmodify',
      [
        ...(continueOnError ? ['-c'] : []),
        '-x',
        '-H',
        settings.url,
        '-D',
        settings.bindDn,
        '-w',
        settings.bindPassword,
      ],
      { input: ldif, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const e = error as { stderr?: string; message: string; status?: number };
    // ldapmodify -c still exits with the last error's code (20 exists, 16 no such attribute): expected then.
    if (continueOnError && (e.status === 20 || e.status === 16)) return;
    throw new Error(
      `ldapmodify on ${settings.url} failed: ${e.stderr || e.message}; start the directory with: bash infra/local/harness up ldap`,
    );
  }
}

/** LDIF that adds or removes one member of a groupOfNames. */
export function groupMemberChange(change: 'add' | 'delete', groupDn: string, memberDn: string): string {
  return `dn: ${groupDn}\nchangetype: modify\n${change}: member\nmember: ${memberDn}\n`;
}
