// Checkout, delivery slots, inventory reservation and the order lifecycle.
import { loadConfigOrExit } from '@harvest/platform/config';
import { runService } from '@harvest/platform/runtime';
import { ordersConfigShape } from './config/orders-config';
import { ordersServiceDefinition } from './orders.service-definition';

// The service's own settings are checked before anything starts (exit 78 naming the variable), like the platform's.
loadConfigOrExit(ordersConfigShape);
void runService(ordersServiceDefinition(process.env));
