import { DomainError } from '@harvest/platform/errors';

export const TICKET_KINDS = ['quality_complaint', 'delivery', 'other'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_STATUSES = ['open', 'resolved'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_RESOLUTIONS = ['refund', 'reshipment', 'store_credit', 'no_action'] as const;
export type TicketResolution = (typeof TICKET_RESOLUTIONS)[number];

export interface SlaPolicy {
  qualityComplaintSeconds: number;
  otherSeconds: number;
}

/** Quality complaints (wilted greens, a thawed box) are perishable problems: they get the short SLA. */
export function slaDueAt(kind: TicketKind, openedAt: Date, policy: SlaPolicy): Date {
  const seconds = kind === 'quality_complaint' ? policy.qualityComplaintSeconds : policy.otherSeconds;
  return new Date(openedAt.getTime() + seconds * 1000);
}

export function isOverdue(ticket: { status: TicketStatus; slaDueAt: Date }, now: Date): boolean {
  return ticket.status === 'open' && ticket.slaDueAt.getTime() < now.getTime();
}

export type ResolutionProblem = { field: string; detail: string } | null;

export interface ResolutionRequest {
  resolution: TicketResolution;
  amountFen?: number;
  callId?: string;
}

/**
 * Money resolutions name an amount in fen; reshipment and no action do not. A refund is paid back on the
 * ticket's order through orders, by an agent within a call, so it needs both.
 */
export function checkResolution(
  request: ResolutionRequest,
  ticket: { orderId: string | null },
): ResolutionProblem {
  const { resolution, amountFen } = request;
  const needsAmount = resolution === 'refund' || resolution === 'store_credit';
  if (needsAmount && amountFen === undefined)
    return { field: 'amountFen', detail: `a ${resolution} resolution needs amountFen` };
  if (!needsAmount && amountFen !== undefined)
    return { field: 'amountFen', detail: `a ${resolution} resolution has no amount` };
  if (resolution === 'refund' && !ticket.orderId)
    return { field: 'resolution', detail: 'a refund needs a ticket about an order (orderId)' };
  if (resolution === 'refund' && !request.callId)
    return { field: 'callId', detail: 'a refund is made within a call: send the callId' };
  return null;
}

/** Orders' refund reason for a ticket: a quality complaint is damage, anything else goodwill. */
export function refundReasonOf(kind: TicketKind): 'damaged_on_delivery' | 'goodwill' {
  return kind === 'quality_complaint' ? 'damaged_on_delivery' : 'goodwill';
}

export class TicketResolvedError extends DomainError {
  constructor(id: string) {
    super('conflict', 'ticket-resolved', `ticket ${id} is already resolved`);
  }
}

export class InvalidResolutionError extends DomainError {
  constructor(problem: { field: string; detail: string }) {
    super('invalid', 'invalid-resolution', problem.detail, { extensions: { field: problem.field } });
  }
}

/** Resolving twice is refused (TicketResolvedError, 409) rather than overwriting the first resolution. */
export function requireOpen(ticket: { id: string; status: TicketStatus }): void {
  if (ticket.status !== 'open') throw new TicketResolvedError(ticket.id);
}

/** The resolution as checkResolution wants it, or InvalidResolutionError naming the field. */
export function requireValidResolution(request: ResolutionRequest, ticket: { orderId: string | null }): void {
  const problem = checkResolution(request, ticket);
  if (problem) throw new InvalidResolutionError(problem);
}
