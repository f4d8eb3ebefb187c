export { httpConfigShape, serviceClientConfigShape, HTTP_CONFIG, type HttpConfig } from './http-config';
export {
  createHttpApp,
  startHttpService,
  describeHttpApp,
  type HttpApp,
  type HttpAppOptions,
} from './bootstrap/create-http-app';
export { PlatformHttpModule } from './platform-http.module';

export { ROLES, hasRole, principalName, type Role, type Principal } from './auth/principal';
export {
  ACTING_AGENT_HEADER,
  CALL_ID_HEADER,
  actingAgentHeaders,
  withActingAgent,
} from './auth/acting-agent';
export {
  ClientCredentials,
  ServiceTokenUnavailableError,
  type ClientCredentialsSettings,
} from './auth/client-credentials';
export { discoverIssuer, issuerUrlOf, type IssuerMetadata } from './auth/issuer-discovery';
export { claimsOf } from './auth/jwt-claims';
export { Public } from './auth/public.decorator';
export { Roles, REQUIRED_ROLES } from './auth/roles.decorator';
export { DirectGet, type DirectRouteParams } from './direct-routes/direct-get.decorator';
export { CurrentPrincipal, principalOfRequest } from './auth/current-principal.decorator';
export { AuthGuard } from './auth/auth.guard';
export { TokenVerifier, type TokenLimits, type TokenVerifierSettings } from './auth/token-verifier.service';
export {
  remoteJwks,
  issuerJwks,
  ISSUER_ALGORITHMS,
  type SigningKeys,
  type RemoteJwksOptions,
  type IssuerJwksOptions,
} from './auth/signing-keys';
export {
  TokenPolicy,
  TokenRefusedError,
  TOKEN_KINDS,
  DEFAULT_MAX_LIFETIME_SECONDS,
  DEFAULT_CLOCK_SKEW_SECONDS,
  tokenKindOf,
  type TokenKind,
  type TokenPolicySettings,
} from './auth/token-policy';

export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  problemType,
  type ProblemDetails,
  type FieldError,
} from './problem/problem-details';
export { ProblemException, type ProblemInput } from './problem/problem.exception';
export { ValidationFailedException } from './problem/validation-failed.exception';
export { ProblemDetailsFilter } from './problem/problem-details.filter';
export {
  domainErrorProblem,
  STATUS_BY_DOMAIN_ERROR_KIND,
  type DomainErrorProblem,
} from './problem/domain-error-problem';
export { createValidationPipe } from './validation/validation.pipe';
export {
  FitsColumn,
  IsCalendarDate,
  IsOmittable,
  MaxDecimals,
  NestedObject,
  NestedObjects,
  fitsColumn,
  hasAtMostDecimals,
  isCalendarDate,
} from './validation/field-validators';
export { REQUEST_ID_HEADER } from './request-id';
export { keepRawBody, rawBodyOf } from './raw-body/raw-body';

export { edgesConfigShape, type EdgesConfig } from './edges/edges.config';
export { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from './edges/cors';
export { RateLimit, bodyField, type RateLimitKey, type RateLimitOptions } from './edges/rate-limit.decorator';
export { RATE_LIMIT_POLICIES, type RateLimitPolicy } from './edges/rate-limit-policies';
export { bearerTokenExpiry } from './auth/token-expiry';
export { dtoSchema, type PropertySchema } from './validation/dto-schema';
export { ProblemResponses, type ProblemTypesByStatus } from './openapi/problem-responses.decorator';
export {
  buildOpenApiDocument,
  openApiDocumentOf,
  OPENAPI_JSON_PATH,
  OPENAPI_DOCS_PATH,
  DEFAULT_ISSUER_URL,
  type OpenApiSettings,
} from './openapi/openapi-document';
export { PROBLEM_SCHEMA, problemSchemaFor } from './openapi/problem-schema';
