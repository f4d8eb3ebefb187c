import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LessThan } from 'typeorm';
import { AgentActionsService } from '../agent-actions/agent-actions.service';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter.config';
import {
  refundReasonOf,
  requireOpen,
  requireValidResolution,
  slaDueAt,
  type TicketStatus,
} from './domain/ticket-rules';
import type { OpenTicketDto, ResolveTicketDto } from './dto/ticket.dto';
import { Ticket } from './entities/ticket.entity';

@Injectable()
export class TicketsService {
  constructor(
    private readonly db: Database,
    @Inject(CALLCENTER_CONFIG) private readonly config: CallcenterConfig,
    private readonly agentActions: AgentActionsService,
  ) {}

  async open(agentId: string, dto: OpenTicketDto): Promise<Ticket> {
    // A ticket may come without a call, but the call it names is one the agent handles (the audit trail's).
    if (dto.callId !== undefined) await this.agentActions.requireOwnCall({ agentId, callId: dto.callId });
    const openedAt = new Date();
    const ticket = Object.assign(new Ticket(), {
      id: randomUUID(),
      customerId: dto.customerId,
      callId: dto.callId ?? null,
      orderId: dto.orderId ?? null,
      kind: dto.kind,
      description: dto.description,
      imageIds: dto.imageIds ?? [],
      status: 'open' as const,
      resolution: null,
      resolutionAmountFen: null,
      resolutionNote: null,
      openedBy: agentId,
      openedAt,
      slaDueAt: slaDueAt(dto.kind, openedAt, {
        qualityComplaintSeconds: this.config.CALLCENTER_SLA_SECONDS_QUALITY_COMPLAINT,
        otherSeconds: this.config.CALLCENTER_SLA_SECONDS_OTHER,
      }),
      resolvedBy: null,
      resolvedAt: null,
    });
    await this.db.transaction((em) => em.insert(Ticket, ticket));
    return ticket;
  }

  /**
   * Resolving twice is refused (409) rather than overwriting the first resolution. A refund is paid through
   * orders first (an audited agent action under the same Idempotency-Key, so a retry pays once), then the
   * ticket is closed.
   */
  async resolve(agentId: string, id: string, dto: ResolveTicketDto, idempotencyKey: string): Promise<Ticket> {
    if (dto.callId !== undefined) await this.agentActions.requireOwnCall({ agentId, callId: dto.callId });
    const current = await this.db.transaction((em) => em.findOne(Ticket, { where: { id } }));
    if (!current) throw new NotFoundError(`ticket ${id}`);
    requireOpen(current);
    requireValidResolution(dto, current);
    if (dto.resolution === 'refund') {
      await this.agentActions.refundOrder(
        { agentId, callId: dto.callId! },
        current.orderId!,
        idempotencyKey,
        {
          amountFen: dto.amountFen!,
          reason: refundReasonOf(current.kind),
          note: dto.note ?? `ticket ${id}`,
        },
      );
    }
    return this.db.transaction(async (em) => {
      const ticket = await em.findOne(Ticket, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!ticket) throw new NotFoundError(`ticket ${id}`);
      requireOpen(ticket);
      Object.assign(ticket, {
        status: 'resolved',
        resolution: dto.resolution,
        resolutionAmountFen: dto.amountFen ?? null,
        resolutionNote: dto.note ?? null,
        resolvedBy: agentId,
        resolvedAt: new Date(),
      });
      await em.save(ticket);
      return ticket;
    });
  }

  get(id: string): Promise<Ticket | null> {
    return this.db.read((em) => em.findOne(Ticket, { where: { id } }));
  }

  list(filter: { customerId?: string; status?: TicketStatus; limit?: number }): Promise<Ticket[]> {
    const where = {
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    return this.db.read((em) =>
      em.find(Ticket, { where, order: { openedAt: 'DESC' }, take: filter.limit ?? 20 }),
    );
  }

  openFor(customerId: string): Promise<Ticket[]> {
    return this.list({ customerId, status: 'open', limit: 10 });
  }

  /** Open tickets past their SLA, the most overdue first. */
  overdue(now: Date, limit: number): Promise<Ticket[]> {
    return this.db.read((em) =>
      em.find(Ticket, {
        where: { status: 'open', slaDueAt: LessThan(now) },
        order: { slaDueAt: 'ASC' },
        take: limit,
      }),
    );
  }
}
