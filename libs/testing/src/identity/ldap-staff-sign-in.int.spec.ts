import { decodeJwt, jwtVerify } from 'jose';
import {
  issuerOf,
  KeycloakAdmin,
  keycloakSettingsFromEnv,
  passwordGrant,
  passwordToken,
  realmJwks,
} from './keycloak-tokens';
import { groupMemberChange, ldapModify, ldapSettingsFromEnv } from './ldap-directory';

// Real Keycloak federating the real slapd (bash infra/local/harness up keycloak brings both up). li.na exists
// only in infra/ldap/harvest.ldif, never in the realm file; cn=agents gives her the agent role.
const keycloak = keycloakSettingsFromEnv();
const ldap = ldapSettingsFromEnv();
const TEST_CLIENT = 'harvest-int-tests';
const LI_NA = {
  username: 'li.na',
  password: 'dev-only-li.na',
  dn: 'uid=li.na,ou=people,dc=harvest,dc=local',
};
const AGENTS = 'cn=agents,ou=groups,dc=harvest,dc=local';

const putBackIntoAgents = () => ldapModify(ldap, groupMemberChange('add', AGENTS, LI_NA.dn), true);

describe('Keycloak: staff from the LDAP directory sign in with roles from their groups (issue 18)', () => {
  const jwks = realmJwks(keycloak);
  let admin: KeycloakAdmin;

  const signInAsLiNa = async () => {
    const token = await passwordToken(keycloak, TEST_CLIENT, LI_NA.username, LI_NA.password);
    const { payload } = await jwtVerify(token, jwks, { issuer: issuerOf(keycloak), algorithms: ['RS256'] });
    return payload;
  };

  beforeAll(async () => {
    admin = await KeycloakAdmin.signIn(keycloak);
    // A password-grant client shaped like agent-console (roles agent and admin in scope), created through the
    // admin API so the realm file never carries one.
    await admin.ensurePasswordGrantClient(TEST_CLIENT, 'agent-console');
    putBackIntoAgents(); // a run killed half-way may have left her out
  });

  afterAll(() => putBackIntoAgents());

  it('signs li.na in from the directory with the agent role of cn=agents', async () => {
    const payload = await signInAsLiNa();
    expect(payload.preferred_username).toBe('li.na');
    expect(payload.roles).toEqual(['agent']);
    expect(payload.role).toBe('agent');
    expect(payload.aud).toEqual(expect.arrayContaining(['callcenter', 'orders']));
    // Her directory entry's departmentNumber, through the LDAP attribute mapper and the token mapper.
    expect(payload.fulfillment_center_id).toBe('fc-ams-1');

    // She is a federated user: Keycloak links her to the LDAP component instead of holding her password.
    const [user] = await admin.request<Array<{ federationLink?: string; username: string }>>(
      'GET',
      '/users?username=li.na&exact=true',
    );
    const [directory] = await admin.request<Array<{ id: string }>>(
      'GET',
      '/components?type=org.keycloak.storage.UserStorageProvider&name=harvest-directory',
    );
    expect(user?.federationLink).toBe(directory?.id);
  });

  it('refuses her wrong password (checked by a bind against the directory)', async () => {
    const res = await passwordGrant(keycloak, TEST_CLIENT, LI_NA.username, 'not-her-password');
    // RFC 6749 5.2: a wrong resource-owner password is 400 invalid_grant.
    expect(res.status).toBe(400);
    expect(res.error).toBe('invalid_grant');
    expect(res.accessToken).toBeUndefined();
  });

  it('takes the agent role away at her next sign-in once the directory takes her out of cn=agents', async () => {
    expect((await signInAsLiNa()).roles).toEqual(['agent']);

    ldapModify(ldap, groupMemberChange('delete', AGENTS, LI_NA.dn));
    const outside = await signInAsLiNa();
    expect(outside.roles).toBeUndefined();
    expect(outside.role).toBeUndefined();

    putBackIntoAgents();
    expect((await signInAsLiNa()).roles).toEqual(['agent']);
  });

  it('gives a supervisor the agent role and an administrator the admin role', async () => {
    const supervisor = decodeJwt(await passwordToken(keycloak, TEST_CLIENT, 'wang.wei', 'dev-only-wang.wei'));
    expect(supervisor.roles).toEqual(['agent']);
    const administrator = decodeJwt(
      await passwordToken(keycloak, TEST_CLIENT, 'chen.jie', 'dev-only-chen.jie'),
    );
    expect(administrator.roles).toEqual(['admin']);
    expect(administrator.role).toBe('admin');
  });
});
