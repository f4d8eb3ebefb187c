import { ProblemResponses, Public } from '@harvest/platform/http';
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { BasketService, guestBasketKey } from './basket.service';
import { GuestBasketLineParams, GuestBasketParams, PutBasketLineDto } from './dto/basket.dto';
import { BasketView } from './dto/basket-views.dto';

/**
 * A basket before sign-in: public, under a random id the app makes (a version-4 UUID, 122 random bits: the id is
 * the only key, so it is not guessable), rate-limited like every public write. No address, so its quote has
 * prices only; `POST /basket/merge` moves it into the customer's basket at sign-in.
 */
@Controller('guest-baskets/:guestBasketId')
@Public()
export class GuestBasketController {
  constructor(private readonly baskets: BasketService) {}

  @Get()
  @ApiOkResponse({ type: BasketView })
  view(@Param() { guestBasketId }: GuestBasketParams): Promise<BasketView> {
    return this.baskets.view(guestBasketKey(guestBasketId));
  }

  @Put('lines/:skuId')
  @ApiOkResponse({ type: BasketView })
  @ProblemResponses({ 422: ['invalid-basket-line', 'too-many-lines'] })
  putLine(
    @Param() { guestBasketId, skuId }: GuestBasketLineParams,
    @Body() body: PutBasketLineDto,
  ): Promise<BasketView> {
    return this.baskets.putLine(guestBasketKey(guestBasketId), skuId, body);
  }

  @Delete('lines/:skuId')
  @ApiOkResponse({ type: BasketView })
  removeLine(@Param() { guestBasketId, skuId }: GuestBasketLineParams): Promise<BasketView> {
    return this.baskets.removeLine(guestBasketKey(guestBasketId), skuId);
  }
}
