import { Database } from '@harvest/platform/database';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MoreThan } from 'typeorm';
import type { CallRecord } from '../calls/entities/call-record.entity';
import { contactOf } from '../directory/contact-views';
import { DirectoryService } from '../directory/directory.service';
import {
  ORDERS_CLIENT,
  type OrderSummary,
  type OrdersClient,
} from '../agent-actions/orders-client/orders-client.port';
import { maskPhone } from '../directory/domain/phone';
import { ticketView, type TicketView } from '../tickets/ticket-views';
import { TicketsService } from '../tickets/tickets.service';
import { ScreenPop } from './entities/screen-pop.entity';
import { ScreenPopHub } from './screen-pop-hub';

const RECENT_ORDERS = 5;

/** Sent only to the agent the call rings for, so the caller's number is in full (they may need to call back). */
export interface ScreenPopPayload {
  popId: string;
  callId: string;
  agentId: string;
  callerNumber: string | null;
  customer: { customerId: string; name: string; phone: string } | null;
  recentOrders: OrderSummary[] | null;
  /** Set when orders could not be asked in time: the pop goes out anyway, without orders. */
  ordersUnavailable: boolean;
  openTickets: TicketView[];
  createdAt: string;
}

@Injectable()
export class ScreenPopService {
  private readonly logger = new Logger('ScreenPop');

  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
    private readonly tickets: TicketsService,
    private readonly hub: ScreenPopHub,
    @Inject(ORDERS_CLIENT) private readonly orders: OrdersClient,
  ) {}

  /** Builds and stores the pop for the call's agent once (unique per call and agent), then wakes their streams. */
  async popFor(call: CallRecord): Promise<void> {
    if (!call.agentId) return;
    const agentId = call.agentId;
    const already = await this.db.transaction((em) =>
      em.findOne(ScreenPop, { where: { callId: call.callId, agentId } }),
    );
    if (already) return;
    const contact = call.customerId
      ? await this.directory.byId(call.customerId)
      : call.customerNumber
        ? await this.directory.byPhone(call.customerNumber)
        : null;
    let recentOrders: OrderSummary[] | null = null;
    let ordersUnavailable = false;
    if (contact) {
      try {
        recentOrders = await this.orders.recentOrders(contact.customerId, RECENT_ORDERS);
      } catch (error) {
        ordersUnavailable = true;
        this.logger.warn(`screen pop for call ${call.callId} without orders: ${(error as Error).message}`);
      }
    }
    const openTickets = contact
      ? (await this.tickets.openFor(contact.customerId)).map((t) => ticketView(t))
      : [];
    const body: Omit<ScreenPopPayload, 'popId'> = {
      callId: call.callId,
      agentId,
      callerNumber: call.customerNumber,
      customer: contact ? contactOf(contact) : null,
      recentOrders,
      ordersUnavailable,
      openTickets,
      createdAt: new Date().toISOString(),
    };
    await this.db.transaction((em) =>
      em.query('INSERT IGNORE INTO screen_pop (agent_id, call_id, payload) VALUES (?, ?, ?)', [
        agentId,
        call.callId,
        JSON.stringify(body),
      ]),
    );
    this.logger.log(
      `screen pop for call ${call.callId} (caller ${maskPhone(call.customerNumber)}) to agent ${agentId}`,
    );
    this.hub.notify(agentId);
  }

  /** The agent's pops after the cursor, oldest first. From the writer, so a fresh pop is never missed. */
  async after(agentId: string, afterId: string, limit = 20): Promise<ScreenPopPayload[]> {
    const rows = await this.db.transaction((em) =>
      em.find(ScreenPop, { where: { agentId, id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit }),
    );
    return rows.map(toPayload);
  }

  /** The agent's latest pops, oldest first: what a console shows when it starts polling. */
  async latest(agentId: string, limit = 20): Promise<ScreenPopPayload[]> {
    const rows = await this.db.read((em) =>
      em.find(ScreenPop, { where: { agentId }, order: { id: 'DESC' }, take: limit }),
    );
    return rows.reverse().map(toPayload);
  }

  /** The newest pop id of the agent ("0" when none): a fresh subscription starts after it. */
  async latestId(agentId: string): Promise<string> {
    const row = await this.db.transaction((em) =>
      em.findOne(ScreenPop, { where: { agentId }, order: { id: 'DESC' } }),
    );
    return row ? String(row.id) : '0';
  }
}

function toPayload(row: ScreenPop): ScreenPopPayload {
  return { popId: String(row.id), ...(JSON.parse(row.payload) as Omit<ScreenPopPayload, 'popId'>) };
}
