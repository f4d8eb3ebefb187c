import type { INestApplicationContext } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { CustomersService } from '../customers/customers.service';

/** The demo customer's phone and (dev-only) password, for `npm start`: sign in with either. */
export const DEMO_CUSTOMER = { phone: '+8613800138000', password: 'dev-only-customer' } as const;

/** Idempotent: the demo customer exists with its password. */
export async function seedDemoCustomers(app: INestApplicationContext): Promise<void> {
  const customers = app.get(CustomersService);
  const subject = await app
    .get(Database)
    .transaction((em) => customers.subjectForPhone(em, DEMO_CUSTOMER.phone));
  await customers.setPassword(subject, DEMO_CUSTOMER.password);
}
