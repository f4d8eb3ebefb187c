// Checkout, delivery slots, inventory reservation and the order lifecycle.
import { runService } from '@harvest/platform/runtime';
import { ordersService } from './orders.service-definition';

void runService(ordersService);
