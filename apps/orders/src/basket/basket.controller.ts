import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { IDEMPOTENCY_KEY_PATTERN } from '@harvest/platform/idempotency';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../orders/actor';
import { IdempotencyKeyRequiredError } from '../orders/domain/order.errors';
import { CustomerOrderView } from '../orders/dto/order-views.dto';
import { customerOrderView } from '../orders/order-views';
import { BasketCheckoutService } from './basket-checkout.service';
import { BasketService, guestBasketKey } from './basket.service';
import {
  BasketCheckoutDto,
  BasketLineParams,
  ChooseBasketAddressDto,
  MergeGuestBasketDto,
  PutBasketLineDto,
} from './dto/basket.dto';
import { BasketView } from './dto/basket-views.dto';

/**
 * The signed-in customer's own basket (the token's subject: nobody reads or writes another's), with its
 * live quote on every answer. Line and address writes are PUTs and DELETEs that set state, so a retry
 * changes nothing and they take no Idempotency-Key; ordering the basket does.
 */
@Controller('basket')
@Roles('customer')
export class BasketController {
  constructor(
    private readonly baskets: BasketService,
    private readonly checkout: BasketCheckoutService,
  ) {}

  @Get()
  @ApiOkResponse({ type: BasketView })
  view(@CurrentPrincipal() principal: Principal): Promise<BasketView> {
    return this.baskets.view(principal.subject);
  }

  @Put('lines/:skuId')
  @ApiOkResponse({ type: BasketView })
  @ProblemResponses({ 422: ['invalid-basket-line', 'too-many-lines'] })
  putLine(
    @CurrentPrincipal() principal: Principal,
    @Param() { skuId }: BasketLineParams,
    @Body() body: PutBasketLineDto,
  ): Promise<BasketView> {
    return this.baskets.putLine(principal.subject, skuId, body);
  }

  @Delete('lines/:skuId')
  @ApiOkResponse({ type: BasketView })
  removeLine(
    @CurrentPrincipal() principal: Principal,
    @Param() { skuId }: BasketLineParams,
  ): Promise<BasketView> {
    return this.baskets.removeLine(principal.subject, skuId);
  }

  /**
   * At sign-in: the guest basket joins the customer's (a SKU in both keeps the larger amount); the guest basket
   * is then gone, so a retry changes nothing and needs no Idempotency-Key.
   */
  @Post('merge')
  @HttpCode(200)
  @ApiOkResponse({ type: BasketView })
  @ProblemResponses({ 422: ['too-many-lines'] })
  merge(@CurrentPrincipal() principal: Principal, @Body() body: MergeGuestBasketDto): Promise<BasketView> {
    return this.baskets.merge(principal.subject, guestBasketKey(body.guestBasketId));
  }

  /** An address of the customer's own book (identity); the quote then judges stock and fee for its zone. */
  @Put('address')
  @ApiOkResponse({ type: BasketView })
  @ProblemResponses({ 422: ['unknown-address'], 503: ['identity-unavailable'] })
  chooseAddress(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChooseBasketAddressDto,
  ): Promise<BasketView> {
    return this.baskets.chooseAddress(principal.subject, body.addressId);
  }

  /**
   * Orders the basket (checkout's rules and answers) and empties it. Idempotent like checkout: a retry
   * with the same key and body, from any device, gets the first order with Idempotent-Replayed.
   */
  @Post('checkout')
  @ApiCreatedResponse({ type: CustomerOrderView })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
  })
  @ProblemResponses({
    400: ['idempotency-key-required'],
    409: ['out-of-stock', 'slot-full', 'basket-changed'],
    422: [
      'idempotency-key-reused',
      'basket-empty',
      'address-required',
      'unknown-address',
      'delivery-phone-missing',
      'too-many-lines',
      'unknown-zone',
      'invalid-order-lines',
      'temperature-class-not-served',
      'unknown-slot',
      'slot-in-the-past',
      'slot-past-cutoff',
      'slot-wrong-zone',
    ],
    503: ['identity-unavailable'],
  })
  async checkoutBasket(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BasketCheckoutDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!idempotencyKey || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      throw new IdempotencyKeyRequiredError();
    const { details, created } = await this.checkout.place({
      customerId: principal.subject,
      idempotencyKey,
      body,
      actor: actorOf(principal),
    });
    if (!created) void reply.header('idempotent-replayed', 'true');
    return customerOrderView(details);
  }
}
