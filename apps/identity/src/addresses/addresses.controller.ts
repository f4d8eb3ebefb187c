import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { AddressesService } from './addresses.service';
import { NotAnAddressReaderError } from './domain/address.errors';
import {
  AddAddressDto,
  AddressParams,
  ChooseDefaultAddressDto,
  CustomerAddressParams,
} from './dto/address.dto';
import { AddressBookView, AddressView, DeliveryAddressView } from './dto/address-views.dto';

/** A customer's own address book (only their own: the subject of their token), and orders' delivery read. */
@Controller('customers')
export class AddressesController {
  constructor(
    private readonly addresses: AddressesService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get('me/addresses')
  @Roles('customer')
  @ApiOkResponse({ type: AddressBookView })
  async list(@CurrentPrincipal() principal: Principal): Promise<AddressBookView> {
    return { addresses: await this.addresses.list(principal.subject) };
  }

  /** The district decides the zone (orders' coverage); where we do not deliver, 422 and nothing saved. */
  @Post('me/addresses')
  @Roles('customer')
  @Idempotent()
  @ApiCreatedResponse({ type: AddressView })
  @ProblemResponses({
    422: ['not-delivered', 'too-many-addresses'],
    503: ['delivery-coverage-unavailable'],
  })
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddAddressDto): Promise<AddressView> {
    return this.addresses.add(principal.subject, body);
  }

  /** Idempotent by itself (choosing the same default twice changes nothing), so no key is needed. */
  @Put('me/default-address')
  @Roles('customer')
  @ApiOkResponse({ type: AddressView })
  @ProblemResponses({ 404: ['address-not-found'] })
  chooseDefault(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChooseDefaultAddressDto,
  ): Promise<AddressView> {
    return this.addresses.makeDefault(principal.subject, body.addressId);
  }

  /** Removing the default makes the newest address left the default. */
  @Delete('me/addresses/:id')
  @Roles('customer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ProblemResponses({ 404: ['address-not-found'] })
  async remove(@CurrentPrincipal() principal: Principal, @Param() { id }: AddressParams): Promise<void> {
    await this.addresses.remove(principal.subject, id);
  }

  /** Internal: orders reads the address (with the account's phone) it delivers an order to. */
  @Get(':customerId/addresses/:id')
  @Roles('service')
  @ApiOkResponse({ type: DeliveryAddressView })
  @ProblemResponses({ 403: ['not-an-address-reader'], 404: ['address-not-found'] })
  forDelivery(
    @CurrentPrincipal() principal: Principal,
    @Param() { customerId, id }: CustomerAddressParams,
  ): Promise<DeliveryAddressView> {
    if (!principal.clientId || !this.config.IDENTITY_ADDRESS_READERS.includes(principal.clientId))
      throw new NotAnAddressReaderError();
    return this.addresses.forDelivery(customerId, id);
  }
}
