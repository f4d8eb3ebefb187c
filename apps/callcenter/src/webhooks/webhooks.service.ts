import { Database } from '@harvest/platform/database';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CallsService } from '../calls/calls.service';
import { factsOfEvent } from '../calls/domain/call-state';
import { CALL_CENTER_VENDOR, type CallCenterVendor } from '../calls/vendor/call-center-vendor.port';
import { maskPhone } from '../directory/domain/phone';
import { ScreenPopService } from '../screen-pop/screen-pop.service';
import { webhookRefusal } from './domain/webhook-refusal';
import { webhookOutcomes } from './webhooks.metrics';

export type WebhookOutcome =
  { applied: true; eventId: string } | { applied: false; duplicate: true; eventId: string };

@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly db: Database,
    private readonly calls: CallsService,
    private readonly screenPops: ScreenPopService,
    @Inject(CALL_CENTER_VENDOR) private readonly vendor: CallCenterVendor,
  ) {}

  /**
   * Verify, then record the event id and apply it in one transaction: a replay finds the id and changes
   * nothing; a forged or stale request is refused before anything is written (WebhookUnauthenticatedError, 401;
   * a signed body that is no known event, WebhookMalformedError, 400).
   */
  async receive(
    headers: Record<string, string | string[] | undefined>,
    rawBody: Buffer | undefined,
  ): Promise<WebhookOutcome> {
    const verdict = this.vendor.verifyWebhook(headers, rawBody ?? Buffer.alloc(0), new Date());
    if (!verdict.ok) {
      this.logger.warn(`webhook refused (${verdict.reason})`);
      webhookOutcomes.inc({ vendor: this.vendor.name, outcome: verdict.reason });
      throw webhookRefusal(verdict);
    }
    const { event } = verdict;
    const call = await this.db.transaction(async (em) => {
      const inserted = await em.query(
        'INSERT IGNORE INTO webhook_event (vendor, event_id, type, call_id) VALUES (?, ?, ?, ?)',
        [this.vendor.name, event.eventId, event.type, event.callId],
      );
      if (inserted.affectedRows === 0) return null;
      return this.calls.apply(em, this.vendor.name, factsOfEvent(event), 'webhook');
    });
    if (!call) {
      this.logger.log(`webhook ${event.eventId} is a duplicate, ignored`);
      webhookOutcomes.inc({ vendor: this.vendor.name, outcome: 'duplicate' });
      return { applied: false, duplicate: true, eventId: event.eventId };
    }
    webhookOutcomes.inc({ vendor: this.vendor.name, outcome: 'applied' });
    this.logger.log(
      `call ${call.callId} ${event.type} (caller ${maskPhone(call.customerNumber)}, agent ${call.agentId ?? '-'})`,
    );
    // The agent who picks up may not be the one it rang for first: pop for whoever the call is with now.
    // A ringing that arrives late, after the call ended, pops nothing: nobody is on that call any more.
    if ((event.type === 'ringing' || event.type === 'answered') && call.status !== 'ended') {
      await this.screenPops
        .popFor(call)
        .catch((error: Error) =>
          this.logger.error(`screen pop for call ${call.callId} failed: ${error.message}`),
        );
    }
    return { applied: true, eventId: event.eventId };
  }
}
