import { NotFoundError } from '@harvest/platform/errors';
import { ProblemResponses, Roles } from '@harvest/platform/http';
import { ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { maskedContactView } from './contact-views';
import { ContactListView, MaskedContactView } from './dto/contact-views.dto';
import { DirectoryService } from './directory.service';
import { parseCustomerId, parsePhone } from './domain/contact-rules';
import {
  ListContactsQueryDto,
  LookupContactQueryDto,
  PutCustomerContactDto,
} from './dto/customer-contact.dto';

/** Admins manage the contact directory; reads are masked for everyone (see README, "Who sees phone numbers"). */
@Controller('customer-contacts')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Put(':customerId')
  @Roles('admin')
  @ApiOkResponse({ type: MaskedContactView })
  @ProblemResponses({ 400: ['invalid-customer-id', 'invalid-phone'], 409: ['phone-taken'] })
  async put(@Param('customerId') customerId: string, @Body() body: PutCustomerContactDto) {
    const id = parseCustomerId(customerId);
    const phone = parsePhone(body.phone);
    return maskedContactView(await this.directory.put(id, body.name, phone));
  }

  @Delete(':customerId')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'Removed.' })
  @ProblemResponses({ 404: ['not-found'] })
  async remove(@Param('customerId') customerId: string): Promise<void> {
    if (!(await this.directory.remove(customerId))) throw new NotFoundError(`customer ${customerId}`);
  }

  @Get()
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: ContactListView })
  async list(@Query() query: ListContactsQueryDto) {
    const [contacts, total] = await this.directory.list(query.limit ?? 20, query.offset ?? 0);
    return { total, contacts: contacts.map(maskedContactView) };
  }

  /**
   * An agent types the number a customer gives them. The number travels in the query string, which the
   * access log never records (routes are logged by pattern); the answer is masked like every directory read.
   */
  @Get('lookup')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: MaskedContactView })
  @ProblemResponses({ 400: ['invalid-phone'], 404: ['not-found'] })
  async lookup(@Query() query: LookupContactQueryDto) {
    const contact = await this.directory.byPhone(parsePhone(query.phone));
    if (!contact) throw new NotFoundError('customer with this phone number');
    return maskedContactView(contact);
  }

  @Get(':customerId')
  @Roles('admin', 'agent')
  @ApiOkResponse({ type: MaskedContactView })
  @ProblemResponses({ 404: ['not-found'] })
  async get(@Param('customerId') customerId: string) {
    const contact = await this.directory.byId(customerId);
    if (!contact) throw new NotFoundError(`customer ${customerId}`);
    return maskedContactView(contact);
  }
}
