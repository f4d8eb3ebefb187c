/** The fulfillment schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const fulfillmentMigrations: Array<new () => object> = [];
