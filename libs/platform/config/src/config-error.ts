/** Thrown when the environment does not satisfy a service's config schema. The message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      'Invalid configuration: ' +
        problems.map((p) => `${p.variable}: ${p.message}`).join('; ') +
        '. Fix these environment variables and start again.',
    );
    this.name = 'ConfigError';
  }
}
