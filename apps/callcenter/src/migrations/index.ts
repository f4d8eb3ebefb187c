import { CallcenterSchema1764100000000 } from './1764100000000-callcenter-schema.migration';
import { CallRetention1764300000000 } from './1764300000000-call-retention.migration';

/** The callcenter schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const callcenterMigrations: Array<new () => object> = [
  CallcenterSchema1764100000000,
  CallRetention1764300000000,
];
