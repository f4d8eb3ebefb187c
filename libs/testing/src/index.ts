export { ensureKafkaTopics } from './kafka-topics';
export {
  serviceTestEnvironment,
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
  clientCredentialsGrant,
  clientCredentialsToken,
  issuerOf,
  KeycloakAdmin,
  keycloakSettingsFromEnv,
  passwordGrant,
  passwordToken,
  realmJwks,
  type KeycloakSettings,
  type TokenResponse,
} from './identity/keycloak-tokens';
export {
  groupMemberChange,
  ldapModify,
  ldapSettingsFromEnv,
  type LdapSettings,
} from './identity/ldap-directory';
export { withResponseCheck } from './response-check';
