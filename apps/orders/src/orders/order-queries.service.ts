import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ListOrdersQueryDto } from './dto/order-actions.dto';
import { OrderLine } from './entities/order-line.entity';
import { OrderRefund } from './entities/order-refund.entity';
import { OrderTransition } from './entities/order-transition.entity';
import { Order } from './entities/order.entity';
import type { OrderDetails } from './order-views';

/** Reads of orders for the API. */
@Injectable()
export class OrderQueriesService {
  constructor(private readonly db: Database) {}

  async details(em: EntityManager, orderId: string): Promise<OrderDetails | null> {
    const order = await em.getRepository(Order).findOneBy({ id: orderId });
    if (!order) return null;
    const [lines, refunds, transitions] = await Promise.all([
      em.getRepository(OrderLine).find({ where: { orderId }, order: { lineNo: 'ASC' } }),
      em.getRepository(OrderRefund).find({ where: { orderId }, order: { createdAt: 'ASC' } }),
      em.getRepository(OrderTransition).find({ where: { orderId }, order: { id: 'ASC' } }),
    ]);
    return { order, lines, refunds, transitions };
  }

  /** Fresh from the writer: right after a write the caller must see it (read-your-writes). */
  detailsFromWriter(orderId: string): Promise<OrderDetails | null> {
    return this.db.transaction((em) => this.details(em, orderId));
  }

  async list(filter: ListOrdersQueryDto): Promise<{ orders: Order[]; total: number }> {
    return this.db.read(async (em) => {
      const query = em.getRepository(Order).createQueryBuilder('o');
      if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
      if (filter.customerId) query.andWhere('o.customer_id = :customerId', { customerId: filter.customerId });
      if (filter.fulfillmentCenterId)
        query.andWhere('o.fulfillment_center_id = :fc', { fc: filter.fulfillmentCenterId });
      if (filter.createdFrom) query.andWhere('o.created_at >= :from', { from: new Date(filter.createdFrom) });
      if (filter.createdTo) query.andWhere('o.created_at < :to', { to: new Date(filter.createdTo) });
      const [orders, total] = await query
        .orderBy('o.created_at', 'DESC')
        .addOrderBy('o.id', 'ASC')
        .take(filter.limit ?? 20)
        .skip(filter.offset ?? 0)
        .getManyAndCount();
      return { orders, total };
    });
  }
}
