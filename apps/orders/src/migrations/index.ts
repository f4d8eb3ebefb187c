/** The orders schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const ordersMigrations: Array<new () => object> = [];
