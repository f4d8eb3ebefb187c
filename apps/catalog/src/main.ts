// Products, SKUs, prices, categories and search.
import { runService } from '@harvest/platform/runtime';
import { catalogService } from './catalog.service-definition';

void runService(catalogService);
