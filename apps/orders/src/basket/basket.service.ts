import { Database } from '@harvest/platform/database';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SkuSnapshotsService } from '../catalog-skus/sku-snapshots.service';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { findZoneWithCenter } from '../inventory/zone-with-center.query';
import { priceLines } from '../orders/domain/pricing';
import { quoteBasket, type QuoteFacts } from './domain/basket-quote';
import { BasketFullError, BasketLineRefusedError, UnknownAddressError } from './domain/basket.errors';
import type { PutBasketLineDto } from './dto/basket.dto';
import type { BasketView } from './dto/basket-views.dto';
import { BasketLine } from './entities/basket-line.entity';
import { Basket } from './entities/basket.entity';
import { CUSTOMER_ADDRESSES, type CustomerAddresses } from './identity-client/customer-addresses.port';

/**
 * A server-side basket and its live quote. A customer's is keyed by their token's subject; a guest's (before
 * sign-in) by `guestBasketKey` of the random id the guest's app made, and merged into the customer's at sign-in.
 */
/** Where a guest basket is kept: never a subject, which our issuers make as UUIDs without a prefix. */
export const guestBasketKey = (guestBasketId: string) => `guest:${guestBasketId}`;

@Injectable()
export class BasketService {
  constructor(
    private readonly db: Database,
    private readonly skus: SkuSnapshotsService,
    @Inject(CUSTOMER_ADDRESSES) private readonly addresses: CustomerAddresses,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  view(customerId: string): Promise<BasketView> {
    return this.db.read((em) => this.quote(em, customerId));
  }

  /** Sets the line's amount and substitution choice at today's price (the price the customer now sees). */
  async putLine(customerId: string, skuId: string, input: PutBasketLineDto): Promise<BasketView> {
    return this.db.transaction(async (em) => {
      await this.lockBasket(em, customerId);
      const skus = await this.skus.findMany(em, [skuId]);
      const requested = { skuId, quantity: input.quantity, estimatedWeightGrams: input.estimatedWeightGrams };
      const { lines, problems } = priceLines([requested], skus);
      const [problem] = problems;
      if (problem)
        throw new BasketLineRefusedError(problem.field.replace(/^lines\[0\]\./, ''), problem.message);
      const existing = await em.findOne(BasketLine, { where: { customerId, skuId } });
      if (
        !existing &&
        (await em.count(BasketLine, { where: { customerId } })) >= this.config.ORDERS_MAX_LINES
      )
        throw new BasketFullError(this.config.ORDERS_MAX_LINES);
      const priced = lines[0]!;
      await em.query(
        `INSERT INTO basket_line (customer_id, sku_id, quantity, estimated_weight_grams, substitution, price_when_added_fen, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), estimated_weight_grams = VALUES(estimated_weight_grams),
           substitution = VALUES(substitution), price_when_added_fen = VALUES(price_when_added_fen)`,
        [
          customerId,
          skuId,
          priced.quantity,
          priced.estimatedWeightGrams,
          input.substitution ?? existing?.substitution ?? 'none',
          priced.unitPriceFen,
          new Date(),
        ],
      );
      return this.quote(em, customerId);
    });
  }

  /**
   * Moves a guest basket (kept before sign-in, under `guestKey`) into the customer's: a SKU in both keeps the
   * larger amount (the same items added on two devices are not doubled) and the guest line's substitution
   * choice, the newer one. The guest basket is gone afterwards, so merging it again changes nothing. All or
   * nothing: past the line limit, 422 and no line moved.
   */
  async merge(customerId: string, guestKey: string): Promise<BasketView> {
    return this.db.transaction(async (em) => {
      await this.lockBasket(em, customerId);
      const guest = await this.lines(em, guestKey);
      if (guest.length > 0) {
        const own = new Map((await this.lines(em, customerId)).map((l) => [l.skuId, l]));
        const added = guest.filter((l) => !own.has(l.skuId)).length;
        if (own.size + added > this.config.ORDERS_MAX_LINES)
          throw new BasketFullError(this.config.ORDERS_MAX_LINES);
        for (const line of guest) {
          const mine = own.get(line.skuId);
          const larger = !mine || amountOf(line) >= amountOf(mine) ? line : mine;
          await em.query(
            `INSERT INTO basket_line (customer_id, sku_id, quantity, estimated_weight_grams, substitution, price_when_added_fen, added_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), estimated_weight_grams = VALUES(estimated_weight_grams),
               substitution = VALUES(substitution), price_when_added_fen = VALUES(price_when_added_fen)`,
            [
              customerId,
              line.skuId,
              larger.quantity,
              larger.estimatedWeightGrams,
              line.substitution,
              larger.priceWhenAddedFen,
              mine?.addedAt ?? line.addedAt,
            ],
          );
        }
      }
      await em.query('DELETE FROM basket WHERE customer_id = ?', [guestKey]);
      return this.quote(em, customerId);
    });
  }

  async removeLine(customerId: string, skuId: string): Promise<BasketView> {
    return this.db.transaction(async (em) => {
      await em.delete(BasketLine, { customerId, skuId });
      return this.quote(em, customerId);
    });
  }

  /** The address must be in the customer's book (identity, asked before the transaction); its zone is kept. */
  async chooseAddress(customerId: string, addressId: string): Promise<BasketView> {
    const address = await this.addresses.deliveryAddress(customerId, addressId);
    if (!address) throw new UnknownAddressError();
    return this.db.transaction(async (em) => {
      await this.lockBasket(em, customerId);
      await em.update(Basket, { customerId }, { addressId, zoneId: address.zoneId, updatedAt: new Date() });
      return this.quote(em, customerId);
    });
  }

  lines(em: EntityManager, customerId: string): Promise<BasketLine[]> {
    return em.find(BasketLine, { where: { customerId }, order: { addedAt: 'ASC', skuId: 'ASC' } });
  }

  basket(em: EntityManager, customerId: string): Promise<Basket | null> {
    return em.findOne(Basket, { where: { customerId } });
  }

  /** Makes the basket row on first use and locks it: one customer's writes from two devices take turns. */
  private async lockBasket(em: EntityManager, customerId: string): Promise<void> {
    await em.query('INSERT IGNORE INTO basket (customer_id, updated_at) VALUES (?, ?)', [
      customerId,
      new Date(),
    ]);
    await em.query('SELECT customer_id FROM basket WHERE customer_id = ? FOR UPDATE', [customerId]);
  }

  private async quote(em: EntityManager, customerId: string): Promise<BasketView> {
    const basket = await this.basket(em, customerId);
    const lines = await this.lines(em, customerId);
    const skuIds = lines.map((l) => l.skuId);
    const skus = await this.skus.findMany(em, skuIds);
    const zone = basket?.zoneId ? await findZoneWithCenter(em, basket.zoneId) : null;
    let served: QuoteFacts['served'] = null;
    if (zone) {
      served = {
        zoneId: zone.zone.id,
        fee: { deliveryFeeFen: zone.zone.deliveryFeeFen, freeDeliveryFromFen: zone.zone.freeDeliveryFromFen },
        center: zone.center,
        available: await availableAt(em, zone.center.id, skuIds),
      };
    }
    const quote = quoteBasket(lines, { skus, served });
    return {
      addressId: zone ? (basket?.addressId ?? null) : null,
      zoneId: zone?.zone.id ?? null,
      fulfillmentCenterId: zone?.center.id ?? null,
      ...quote,
    };
  }
}

/** Units available (sellable - reserved, never below 0) per SKU at one center. */
async function availableAt(
  em: EntityManager,
  centerId: string,
  skuIds: string[],
): Promise<Map<string, number>> {
  if (skuIds.length === 0) return new Map();
  const rows: Array<{ skuId: string; available: string | number }> = await em.query(
    `SELECT sku_id AS skuId, GREATEST(CAST(sellable AS SIGNED) - CAST(reserved AS SIGNED), 0) AS available
     FROM stock_level WHERE fulfillment_center_id = ? AND sku_id IN (?)`,
    [centerId, skuIds],
  );
  return new Map(rows.map((r) => [r.skuId, Number(r.available)]));
}

/** Pieces or grams: a line's amount, comparable between two lines of one SKU. */
function amountOf(line: Pick<BasketLine, 'quantity' | 'estimatedWeightGrams'>): number {
  return line.quantity ?? line.estimatedWeightGrams ?? 0;
}
