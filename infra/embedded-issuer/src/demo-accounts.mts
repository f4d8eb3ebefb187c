/**
 * The demo people of `npm start` (dev-only passwords `dev-only-<username>`, like the directory's seed in
 * infra/ldap/harvest.ldif). The customer is the callcenter demo directory's first contact (王小明, same
 * subject and phone); staff are bound to the demo floor's Beijing center (apps/fulfillment/src/demo).
 */
import type { Role } from './clients.mts';

export interface DemoAccount {
  username: string;
  subject: string;
  roles: readonly Role[];
  fulfillmentCenterId?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo-customer', subject: 'demo-customer-001', roles: ['customer'] },
  { username: 'demo-agent', subject: 'demo-agent', roles: ['agent'], fulfillmentCenterId: 'fc-beijing-1' },
  // The realm maps the directory's supervisors to agent too (docs/identity.md).
  {
    username: 'demo-supervisor',
    subject: 'demo-supervisor',
    roles: ['agent'],
    fulfillmentCenterId: 'fc-beijing-1',
  },
  { username: 'demo-admin', subject: 'demo-admin', roles: ['admin'] },
];

export const demoPassword = (username: string): string => `dev-only-${username}`;

/** The account a username and password sign in as, or undefined. */
export function signIn(username: string, password: string): DemoAccount | undefined {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  return account && password === demoPassword(account.username) ? account : undefined;
}

/**
 * Customers who signed in with phone + SMS code during this run: their subject comes from the identity
 * service, which owns customers; the issuer only remembers that they are customers (in memory).
 */
const phoneCustomers = new Map<string, DemoAccount>();

export function rememberPhoneCustomer(subject: string): DemoAccount {
  const account: DemoAccount = { username: subject, subject, roles: ['customer'] };
  phoneCustomers.set(subject, account);
  return account;
}

/** The account a token's subject names: a demo account or a customer signed in by phone. */
export function accountOf(subject: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.subject === subject) ?? phoneCustomers.get(subject);
}
