import { Roles } from '@harvest/platform/http';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { toE164 } from '../privacy/phone';
import { callcenterProblem, notFound } from '../problems';
import { maskedContactView } from './contact-views';
import { DirectoryService } from './directory.service';
import { ListContactsQueryDto, LookupContactQueryDto, PutCustomerContactDto } from './dto/customer-contact.dto';

const CUSTOMER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Admins manage the contact directory; reads are masked for everyone (see README, "Who sees phone numbers"). */
@Controller('customer-contacts')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Put(':customerId')
  @Roles('admin')
  async put(@Param('customerId') customerId: string, @Body() body: PutCustomerContactDto) {
    if (!CUSTOMER_ID.test(customerId)) throw callcenterProblem(400, 'invalid-customer-id', 'customerId must be 1-64 letters, digits or ._:-', { field: 'customerId' });
    const phone = toE164(body.phone);
    if (!phone) throw callcenterProblem(400, 'invalid-phone', 'phone must be a phone number (E.164, or an 11-digit mainland mobile)', { field: 'phone' });
    const result = await this.directory.upsert(customerId, body.name, phone);
    if (result.outcome === 'phone-taken') throw callcenterProblem(409, 'phone-taken', 'this phone number belongs to another customer', { field: 'phone', customerId: result.heldBy });
    return maskedContactView(result.contact);
  }

  @Delete(':customerId')
  @HttpCode(204)
  @Roles('admin')
  async remove(@Param('customerId') customerId: string): Promise<void> {
    if (!(await this.directory.remove(customerId))) throw notFound(`customer ${customerId}`);
  }

  @Get()
  @Roles('admin', 'agent')
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
  async lookup(@Query() query: LookupContactQueryDto) {
    const phone = toE164(query.phone);
    if (!phone) throw callcenterProblem(400, 'invalid-phone', 'phone must be a phone number (E.164, or an 11-digit mainland mobile)', { field: 'phone' });
    const contact = await this.directory.byPhone(phone);
    if (!contact) throw notFound('customer with this phone number');
    return maskedContactView(contact);
  }

  @Get(':customerId')
  @Roles('admin', 'agent')
  async get(@Param('customerId') customerId: string) {
    const contact = await this.directory.byId(customerId);
    if (!contact) throw notFound(`customer ${customerId}`);
    return maskedContactView(contact);
  }
}
