import { Logger, type INestApplicationContext } from '@nestjs/common';
import { DirectoryService } from '../directory/directory.service';

/** Fictional customers (the 138-0013-800x range is the usual placeholder for mainland mobiles). */
export const DEMO_CONTACTS = [
  { customerId: 'demo-customer-001', name: '王小明', phone: '+8613800138001' },
  { customerId: 'demo-customer-002', name: '李华', phone: '+8613800138002' },
  { customerId: 'demo-customer-003', name: '张伟', phone: '+8613800138003' },
  { customerId: 'demo-customer-004', name: '刘洋', phone: '+8613800138004' },
  { customerId: 'demo-customer-005', name: '陈静', phone: '+8613800138005' },
];

/** Demo data for `npm start`: the contact directory. Idempotent (upserts by customer id). */
export async function seedCallcenterDemoData(app: INestApplicationContext): Promise<void> {
  const directory = app.get(DirectoryService);
  for (const contact of DEMO_CONTACTS)
    await directory.upsert(contact.customerId, contact.name, contact.phone);
  new Logger('DemoData').log(`callcenter demo data: ${DEMO_CONTACTS.length} customer contacts`);
}
