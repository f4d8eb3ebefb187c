export { ensureKafkaTopics } from './kafka-topics';
export {
  serviceTestEnvironment,
  TEST_RATE_LIMITS,
  type ServiceTestEnvironment,
  type TestEnv,
} from './service-test-environment';
export { runHarness } from './harness';
export {
  exchangeOnOneConnection,
  type Outcome,
  type RawRequest,
  type RawResponse,
} from './keep-alive-exchange';
export { connectAsRoot, dropDatabase, uniqueDatabaseName } from './mysql-admin';
export { recordStatements, type RecordedStatements, type StatementRecorder } from './record-statements';
export { testDatabaseConfig } from './test-database-config';
export * from './fastdfs';
export {
  fuzzRoute,
  fuzzSettingsFromEnv,
  fuzzedRoutes,
  type FuzzSettings,
  type IdsFor,
  type SignFor,
  type StatusTally,
  type TokenFor,
} from './fuzz/fuzz-json-routes';
export { jsonWriteRoutes, type JsonWriteRoute } from './fuzz/json-write-routes';
export {
  audienceMapper,
  clientCredentialsGrant,
  clientCredentialsToken,
  rolesClaimMapper,
  issuerOf,
  KeycloakAdmin,
  keycloakSettingsFromEnv,
  passwordGrant,
  passwordToken,
  realmJwks,
  type KeycloakSettings,
  type TokenResponse,
} from './identity/keycloak-tokens';
export { ThrowawayRealm } from './identity/throwaway-realm';
export {
  groupMemberChange,
  ldapModify,
  ldapSettingsFromEnv,
  type LdapSettings,
} from './identity/ldap-directory';
export {
  SERVICE_AUDIENCES,
  TestIssuer,
  type TestClient,
  type TestTokenOptions,
} from './identity/test-issuer';
export { withResponseCheck } from './response-check';
