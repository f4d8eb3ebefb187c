/** The callcenter schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const callcenterMigrations: Array<new () => object> = [];
