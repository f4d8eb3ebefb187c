import type { INestApplicationContext } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { randomUUID } from 'node:crypto';
import { CustomerAddress } from '../addresses/entities/customer-address.entity';
import { CustomersService } from '../customers/customers.service';

/** The demo customer's phone and (dev-only) password, for `npm start`: sign in with either. */
export const DEMO_CUSTOMER = { phone: '+8613800138000', password: 'dev-only-customer' } as const;

/**
 * The demo customer's home, in Shanghai's Xuhui district (310104), which orders' demo data delivers to as zone
 * `sh-xuhui`: seeded with that zone directly, since orders may not be up when identity seeds.
 */
export const DEMO_ADDRESS = {
  recipient: '王芳',
  areaCode: '310104',
  city: '上海市',
  street: '徐汇区漕溪北路 88 号 3 楼',
  zoneId: 'sh-xuhui',
} as const;

/** Idempotent: the demo customer exists with its password and, unless it has addresses already, its home. */
export async function seedDemoCustomers(app: INestApplicationContext): Promise<void> {
  const customers = app.get(CustomersService);
  const subject = await app
    .get(Database)
    .transaction((em) => customers.subjectForPhone(em, DEMO_CUSTOMER.phone));
  await customers.setPassword(subject, DEMO_CUSTOMER.password);
  await app.get(Database).transaction(async (em) => {
    const [held] = await em.query('SELECT COUNT(*) AS n FROM customer_address WHERE customer_id = ?', [
      subject,
    ]);
    if (Number(held.n) > 0) return;
    await em.insert(CustomerAddress, {
      id: randomUUID(),
      customerId: subject,
      ...DEMO_ADDRESS,
      isDefault: true,
      createdAt: new Date(),
    });
  });
}
