import { Database } from '@harvest/platform/database';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CallsService } from '../calls/calls.service';
import type { CallRecord } from '../calls/entities/call-record.entity';
import {
  auditDetail,
  handledCall,
  requireCallersCustomer,
  requireIdentifiedCaller,
} from './domain/agent-action-rules';
import { AgentAction, type AgentActionKind } from './entities/agent-action.entity';
import {
  ORDERS_CLIENT,
  OrdersRefusedError,
  type AgentContext,
  type OrdersAnswer,
  type OrdersClient,
} from './orders-client/orders-client.port';

interface ActionSpec {
  kind: AgentActionKind;
  agent: AgentContext;
  customerId: string | null;
  orderId: string | null;
  idempotencyKey: string;
}

/**
 * Agent actions go through orders in this service's name with the agent and the call in the token (orders
 * takes an agent's action from nowhere else), and are audited here once orders has done them. The audit row is unique per agent, action and Idempotency-Key, so a retried
 * action is recorded once.
 */
@Injectable()
export class AgentActionsService {
  constructor(
    private readonly db: Database,
    private readonly calls: CallsService,
    @Inject(ORDERS_CLIENT) private readonly orders: OrdersClient,
  ) {}

  /** The call an agent names, if it is one they handle: else 404 (no such call) or 403 (another agent's). */
  async requireOwnCall(agent: AgentContext): Promise<CallRecord> {
    return handledCall(await this.calls.getFresh(agent.callId), agent);
  }

  /**
   * An agent acts for the customer on the call only: the caller must be a known customer, and the order
   * placed for them, or the order cancelled or refunded, theirs. Orders unreachable, slow or failing is
   * OrdersUnavailableError (a 503 for the agent).
   */
  private async requireCallersCustomer(call: CallRecord, spec: ActionSpec): Promise<void> {
    requireIdentifiedCaller(call);
    const customerId = spec.orderId ? await this.orders.orderCustomer(spec.orderId) : spec.customerId;
    requireCallersCustomer(call, { customerId, orderId: spec.orderId });
  }

  async run(spec: ActionSpec, send: () => Promise<OrdersAnswer>): Promise<Record<string, unknown>> {
    const call = await this.requireOwnCall(spec.agent);
    await this.requireCallersCustomer(call, spec);
    const answer = await send();
    // Orders' own refusal (validation, stock, state) is the agent's answer, unchanged.
    if (answer.status >= 400) throw new OrdersRefusedError(answer.status, answer.body);
    const orderId = spec.orderId ?? (typeof answer.body.id === 'string' ? answer.body.id : null);
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(AgentAction)
        .orIgnore()
        .values({
          id: randomUUID(),
          agentId: spec.agent.agentId,
          callId: spec.agent.callId,
          action: spec.kind,
          customerId: spec.customerId ?? call.customerId,
          orderId,
          idempotencyKey: spec.idempotencyKey,
          detail: JSON.stringify(auditDetail(answer.body)),
          createdAt: new Date(),
        })
        .execute(),
    );
    return answer.body;
  }

  placeOrder(agent: AgentContext, customerId: string, key: string, checkout: Record<string, unknown>) {
    return this.run({ kind: 'place_order', agent, customerId, orderId: null, idempotencyKey: key }, () =>
      this.orders.placeOrder(agent, key, { ...checkout, customerId }),
    );
  }

  cancelOrder(agent: AgentContext, orderId: string, key: string, note: string | undefined) {
    return this.run({ kind: 'cancel_order', agent, customerId: null, orderId, idempotencyKey: key }, () =>
      this.orders.cancelOrder(agent, orderId, note),
    );
  }

  refundOrder(
    agent: AgentContext,
    orderId: string,
    key: string,
    refund: { amountFen: number; reason: string; note?: string },
  ) {
    return this.run({ kind: 'refund_order', agent, customerId: null, orderId, idempotencyKey: key }, () =>
      this.orders.refundOrder(agent, orderId, key, refund),
    );
  }

  list(filter: { callId?: string; agentId?: string; limit?: number }): Promise<AgentAction[]> {
    const where = {
      ...(filter.callId ? { callId: filter.callId } : {}),
      ...(filter.agentId ? { agentId: filter.agentId } : {}),
    };
    return this.db.read((em) =>
      em.find(AgentAction, { where, order: { createdAt: 'DESC' }, take: filter.limit ?? 50 }),
    );
  }
}
