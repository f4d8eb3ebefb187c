import { IdentitySchema1765200000000 } from './1765200000000-identity-schema.migration';

/** The identity schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const identityMigrations: Array<new () => object> = [IdentitySchema1765200000000];
