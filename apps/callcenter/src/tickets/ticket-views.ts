import type { Ticket } from './entities/ticket.entity';
import { isOverdue } from './domain/ticket-rules';

export function ticketView(ticket: Ticket, now: Date = new Date()) {
  return {
    id: ticket.id,
    customerId: ticket.customerId,
    callId: ticket.callId,
    orderId: ticket.orderId,
    kind: ticket.kind,
    description: ticket.description,
    imageIds: ticket.imageIds,
    status: ticket.status,
    resolution: ticket.resolution,
    resolutionAmountFen: ticket.resolutionAmountFen,
    resolutionNote: ticket.resolutionNote,
    openedBy: ticket.openedBy,
    openedAt: ticket.openedAt.toISOString(),
    slaDueAt: ticket.slaDueAt.toISOString(),
    overdue: isOverdue(ticket, now),
    resolvedBy: ticket.resolvedBy,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
  };
}
export type TicketView = ReturnType<typeof ticketView>;
