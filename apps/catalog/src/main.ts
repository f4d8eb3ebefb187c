// Products, SKUs, prices, categories and search.
import { loadConfigOrExit } from '@harvest/platform/config';
import { runService } from '@harvest/platform/runtime';
import { catalogConfigShape } from './catalog.config';
import { catalogService } from './catalog.service-definition';

// The catalog's own settings are checked before anything connects, like the platform's (exit 78 naming the variable).
loadConfigOrExit(catalogConfigShape);
void runService(catalogService);
