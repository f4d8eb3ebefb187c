// Cold-storage fulfillment: rooms, lots, FEFO picking, scanners, packing, telemetry.
import { runService } from '@harvest/platform/runtime';
import { fulfillmentService } from './fulfillment.service-definition';

void runService(fulfillmentService);
