export {
  DomainError,
  NotFoundError,
  ValidationFailedError,
  type InvalidField,
  DOMAIN_ERROR_KINDS,
  type DomainErrorKind,
  type DomainErrorOptions,
} from './domain-error';
export {
  asDomainError,
  registerDomainErrorTranslator,
  type DomainErrorTranslator,
} from './domain-error-translators';
