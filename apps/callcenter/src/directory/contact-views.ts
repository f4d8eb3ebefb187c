import { maskPhone } from './domain/phone';
import type { CustomerContact } from './entities/customer-contact.entity';

/** Directory reads never show a full number: only the agent handling a call sees it, in that call's views. */
export function maskedContactView(contact: CustomerContact) {
  return { customerId: contact.customerId, name: contact.name, phone: maskPhone(contact.phoneE164) };
}

/** The full contact, for the agent handling that customer's call only. */
export function contactOf(contact: CustomerContact) {
  return { customerId: contact.customerId, name: contact.name, phone: contact.phoneE164 };
}
