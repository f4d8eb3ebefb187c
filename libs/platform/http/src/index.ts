export { httpConfigShape, HTTP_CONFIG, type HttpConfig } from './http-config';
export {
  createHttpApp,
  startHttpService,
  type HttpApp,
  type HttpAppOptions,
} from './bootstrap/create-http-app';
export { PlatformHttpModule } from './platform-http.module';

export { ROLES, type Role, type Principal, type JwtSettings } from './auth/principal';
export { Public } from './auth/public.decorator';
export { Roles, REQUIRED_ROLES } from './auth/roles.decorator';
export { DirectGet, type DirectRouteParams } from './direct-routes/direct-get.decorator';
export { CurrentPrincipal, principalOfRequest } from './auth/current-principal.decorator';
export { AuthGuard } from './auth/auth.guard';
export { TokenVerifier } from './auth/token-verifier.service';
export { issueToken, type IssueTokenOptions } from './auth/issue-token';

export {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type ProblemDetails,
  type FieldError,
} from './problem/problem-details';
export { ProblemException, type ProblemInput } from './problem/problem.exception';
export { ValidationFailedException } from './problem/validation-failed.exception';
export { ProblemDetailsFilter } from './problem/problem-details.filter';
export {
  registerErrorProblemMapper,
  type ErrorProblemMapper,
  type KnownErrorProblem,
} from './problem/error-problem-mappers';
export { createValidationPipe } from './validation/validation.pipe';
export { REQUEST_ID_HEADER } from './request-id';
export { keepRawBody, rawBodyOf } from './raw-body/raw-body';
