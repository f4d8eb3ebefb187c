import { keepRawBody } from '@harvest/platform/http';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { AgentActionsModule } from './agent-actions/agent-actions.module';
import { AgentAction } from './agent-actions/entities/agent-action.entity';
import { CallRecord } from './calls/entities/call-record.entity';
import { WebhookEvent } from './calls/entities/webhook-event.entity';
import { CallsModule } from './calls/calls.module';
import { CALLCENTER_CONFIG, loadCallcenterConfig } from './config/callcenter.config';
import { seedCallcenterDemoData } from './demo/seed-demo-data';
import { DirectoryModule } from './directory/directory.module';
import { CustomerContact } from './directory/entities/customer-contact.entity';
import { callcenterMigrations } from './migrations';
import { RetentionModule } from './retention/retention.module';
import { ScreenPop } from './screen-pop/entities/screen-pop.entity';
import { ScreenPopModule } from './screen-pop/screen-pop.module';
import { Ticket } from './tickets/entities/ticket.entity';
import { TicketsModule } from './tickets/tickets.module';
import { WEBHOOK_PATH } from './webhooks/webhooks.controller';
import { WebhooksModule } from './webhooks/webhooks.module';

/** Vendor events are small; anything bigger is not a webhook. */
const WEBHOOK_LIMIT_BYTES = 64 * 1024;

/** The callcenter service as the runtime starts it: its schema, its settings, its feature modules and its demo data. */
export const callcenterService: ServiceDefinition = {
  name: 'callcenter',
  port: 3004,
  schema: {
    entities: [CustomerContact, CallRecord, WebhookEvent, ScreenPop, Ticket, AgentAction],
    migrations: callcenterMigrations,
  },
  // Screen-pop stream tickets (any instance redeems one another issued) and shared rate limits, in Redis.
  uses: ['cache'],
  config: { token: CALLCENTER_CONFIG, load: loadCallcenterConfig },
  imports: [
    DirectoryModule,
    CallsModule,
    WebhooksModule,
    ScreenPopModule,
    TicketsModule,
    AgentActionsModule,
    RetentionModule,
  ],
  seedDemoData: seedCallcenterDemoData,
  configureServer: (server) => keepRawBody(server, [WEBHOOK_PATH], WEBHOOK_LIMIT_BYTES),
};
