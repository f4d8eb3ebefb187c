import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CallsService } from './calls.service';
import { DirectoryService } from '../directory/directory.service';
import type { CallFacts } from './domain/call-state';
import type { CallRecord } from './entities/call-record.entity';
import { CALL_CENTER_VENDOR, type CallCenterVendor } from './vendor/call-center-vendor.port';

/**
 * The vendor's request id for an agent's click: stable for the same Idempotency-Key, so a retried click
 * (ours or the agent's) is the same call at the vendor, and opaque, so the key itself is not sent out.
 */
export function clickToCallRequestId(agentId: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${agentId}\n${idempotencyKey}`).digest('hex').slice(0, 32);
}

@Injectable()
export class ClickToCallService {
  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
    private readonly calls: CallsService,
    @Inject(CALL_CENTER_VENDOR) private readonly vendor: CallCenterVendor,
  ) {}

  async call(agentId: string, customerId: string, idempotencyKey: string): Promise<CallRecord> {
    const contact = await this.directory.byId(customerId);
    if (!contact) throw new NotFoundError(`customer ${customerId}`);
    const { callId } = await this.vendor.clickToCall({
      requestId: clickToCallRequestId(agentId, idempotencyKey),
      agentId,
      customerNumber: contact.phoneE164,
    });
    const facts: CallFacts = {
      callId,
      direction: 'outbound',
      status: 'ringing',
      customerNumber: contact.phoneE164,
      agentId,
      startedAt: new Date(),
      answeredAt: null,
      endedAt: null,
      durationSeconds: null,
      hasRecording: false,
    };
    return this.db.transaction((em) => this.calls.apply(em, this.vendor.name, facts, 'click_to_call'));
  }
}
