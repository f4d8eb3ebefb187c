import { requestHash } from '@harvest/platform/idempotency';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import type { Actor } from '../orders/actor';
import { CheckoutService, type PlacedOrder } from '../orders/checkout.service';
import type { CheckoutDto } from '../orders/dto/checkout.dto';
import { BasketService } from './basket.service';
import {
  AddressRequiredError,
  BasketChangedError,
  BasketEmptyError,
  DeliveryPhoneMissingError,
  UnknownAddressError,
} from './domain/basket.errors';
import type { BasketCheckoutDto } from './dto/basket.dto';
import type { BasketLine } from './entities/basket-line.entity';
import { CUSTOMER_ADDRESSES, type CustomerAddresses } from './identity-client/customer-addresses.port';

export interface BasketCheckoutRequest {
  customerId: string;
  idempotencyKey: string;
  body: BasketCheckoutDto;
  actor: Actor;
}

/**
 * Orders the basket through the one checkout (same rules, reservations, slot and order.placed), with the
 * address from identity, the zone's fee and each line's substitution choice, and empties the basket in the
 * same transaction. The Idempotency-Key contract is checkout's: the key names this request (slot, address),
 * so a retry from any device gets the first order back even though the basket is empty by then, and the
 * key with another request is 422.
 */
@Injectable()
export class BasketCheckoutService {
  constructor(
    private readonly db: Database,
    private readonly baskets: BasketService,
    private readonly checkout: CheckoutService,
    @Inject(CUSTOMER_ADDRESSES) private readonly addresses: CustomerAddresses,
  ) {}

  async place(request: BasketCheckoutRequest): Promise<PlacedOrder> {
    const { customerId, idempotencyKey, body } = request;
    const hash = requestHash(`basket-checkout:${customerId}`, body);
    const replay = await this.checkout.replayOf(customerId, idempotencyKey, hash);
    if (replay) return replay;

    const { basket, lines } = await this.db.read(async (em) => ({
      basket: await this.baskets.basket(em, customerId),
      lines: await this.baskets.lines(em, customerId),
    }));
    if (lines.length === 0) throw new BasketEmptyError();
    const addressId = body.addressId ?? basket?.addressId;
    if (!addressId) throw new AddressRequiredError();
    const address = await this.addresses.deliveryAddress(customerId, addressId);
    if (!address) throw new UnknownAddressError();
    if (!address.phone) throw new DeliveryPhoneMissingError();

    const checkoutBody: CheckoutDto = {
      address: {
        zoneId: address.zoneId,
        recipient: address.recipient,
        phone: address.phone,
        city: address.city,
        street: address.street,
      },
      slotId: body.slotId,
      lines: lines.map((l) =>
        l.quantity !== null
          ? { skuId: l.skuId, quantity: l.quantity }
          : { skuId: l.skuId, estimatedWeightGrams: l.estimatedWeightGrams ?? undefined },
      ),
    };
    return this.checkout.checkout({
      customerId,
      idempotencyKey,
      body: checkoutBody,
      actor: request.actor,
      agentId: null,
      basket: {
        requestHash: hash,
        intent: { addressId, substitutions: new Map(lines.map((l) => [l.skuId, l.substitution])) },
        // The lines ordered leave the basket with the order. If the basket changed since it was read (another
        // device ordered or edited it), this checkout rolls back instead of ordering what is no longer there.
        inTransaction: async (em: EntityManager) => {
          // A locking read: it sees what another checkout committed meanwhile, not this transaction's snapshot.
          const current: Array<
            Pick<BasketLine, 'skuId' | 'quantity' | 'estimatedWeightGrams' | 'substitution'>
          > = await em.query(
            `SELECT sku_id AS skuId, quantity, estimated_weight_grams AS estimatedWeightGrams, substitution
             FROM basket_line WHERE customer_id = ? FOR UPDATE`,
            [customerId],
          );
          if (contentOf(current) !== contentOf(lines)) throw new BasketChangedError();
          await em.query('DELETE FROM basket_line WHERE customer_id = ?', [customerId]);
        },
      },
    });
  }
}

/** What an order is made of, to tell whether the basket is still the one read. */
function contentOf(
  lines: ReadonlyArray<Pick<BasketLine, 'skuId' | 'quantity' | 'estimatedWeightGrams' | 'substitution'>>,
): string {
  return JSON.stringify(
    [...lines]
      .sort((a, b) => (a.skuId < b.skuId ? -1 : 1))
      .map((l) => [l.skuId, numberOrNull(l.quantity), numberOrNull(l.estimatedWeightGrams), l.substitution]),
  );
}

const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));
