import { Database } from '@harvest/platform/database';
import { ProblemException } from '@harvest/platform/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CallsService } from '../calls/calls.service';
import type { CallRecord } from '../calls/entities/call-record.entity';
import {
  ORDERS_CLIENT,
  OrdersUnavailableError,
  type AgentContext,
  type OrdersAnswer,
  type OrdersClient,
} from '../orders-client/orders-client.port';
import { callcenterProblem, notFound } from '../problems';
import { AgentAction, type AgentActionKind } from './entities/agent-action.entity';

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
    const call = await this.calls.getFresh(agent.callId);
    if (!call) throw notFound(`call ${agent.callId}`);
    if (call.agentId !== agent.agentId)
      throw callcenterProblem(403, 'not-your-call', 'agents act only within a call they are handling', {
        field: 'callId',
      });
    return call;
  }

  /**
   * An agent acts for the customer on the call only: the caller must be a known customer, and the order
   * placed for them, or the order cancelled or refunded, theirs.
   */
  private async requireCallersCustomer(call: CallRecord, spec: ActionSpec): Promise<void> {
    if (!call.customerId)
      throw callcenterProblem(
        403,
        'caller-not-identified',
        `the caller of call ${call.callId} is not a known customer (their number is not in the directory), so no order action is taken on the call`,
        { field: 'callId' },
      );
    const [customerId, field] = spec.orderId
      ? [await ordersAnswer(() => this.orders.orderCustomer(spec.orderId!)), 'orderId']
      : [spec.customerId, 'customerId'];
    if (spec.orderId && customerId === null) throw notFound(`order ${spec.orderId}`);
    if (customerId !== call.customerId)
      throw callcenterProblem(
        403,
        'not-the-callers-customer',
        `agents act only for the customer on the call (call ${call.callId})`,
        { field },
      );
  }

  async run(spec: ActionSpec, send: () => Promise<OrdersAnswer>): Promise<Record<string, unknown>> {
    const call = await this.requireOwnCall(spec.agent);
    await this.requireCallersCustomer(call, spec);
    const answer = await ordersAnswer(send);
    // Orders' own refusal (validation, stock, state) is the agent's answer, unchanged.
    if (answer.status >= 400)
      throw new ProblemException(answer.status, answer.body as Record<string, unknown>);
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

/** What the trail keeps of orders' answer: status and money, not the delivery address. */
function auditDetail(body: Record<string, unknown>) {
  const pick = (key: string) => (body[key] === undefined ? {} : { [key]: body[key] });
  return { ...pick('status'), ...pick('totalFen'), ...pick('amountFen'), ...pick('reason') };
}

/** Orders' answer; orders unreachable, slow or failing is a 503 problem for the agent. */
async function ordersAnswer<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if (error instanceof OrdersUnavailableError)
      throw callcenterProblem(503, 'orders-unavailable', error.message);
    throw error;
  }
}
