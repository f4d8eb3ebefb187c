import { DomainError } from './domain-error';

/** Recognises a foreign error (a driver's, a client library's) as a domain error, or returns undefined. */
export type DomainErrorTranslator = (error: unknown) => DomainError | undefined;

const translators = new Set<DomainErrorTranslator>();

/**
 * Lets a library declare what its low-level failures mean (the database: a lost writer is `unavailable`)
 * where a driver it does not control raises them, without knowing who answers them. Whoever turns errors
 * into responses asks `asDomainError`. Registering the same translator twice is harmless.
 */
export function registerDomainErrorTranslator(translator: DomainErrorTranslator): void {
  translators.add(translator);
}

/** The error itself when it is a DomainError, else what a registered translator makes of it, else undefined. */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  for (const translate of translators) {
    const translated = translate(error);
    if (translated) return translated;
  }
  return undefined;
}
