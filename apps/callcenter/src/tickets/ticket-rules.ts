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

/** Money resolutions name an amount in fen; reshipment and no action do not. */
export function checkResolution(resolution: TicketResolution, amountFen: number | undefined): ResolutionProblem {
  const needsAmount = resolution === 'refund' || resolution === 'store_credit';
  if (needsAmount && amountFen === undefined) return { field: 'amountFen', detail: `a ${resolution} resolution needs amountFen` };
  if (!needsAmount && amountFen !== undefined) return { field: 'amountFen', detail: `a ${resolution} resolution has no amount` };
  return null;
}
