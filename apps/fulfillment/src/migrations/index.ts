import { FulfillmentSchema1764200000000 } from './1764200000000-fulfillment-schema.migration';
import { StockCountVersion1764200000001 } from './1764200000001-stock-count-version.migration';
import { StockCountDate1764200000002 } from './1764200000002-stock-count-date.migration';
import { ScannerDevices1764200000003 } from './1764200000003-scanner-devices.migration';
import { Receiving1764200000004 } from './1764200000004-receiving.migration';
import { CountsAndAdjustments1764200000005 } from './1764200000005-counts-and-adjustments.migration';
import { QaCases1764200000006 } from './1764200000006-qa-cases.migration';

/** The fulfillment schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const fulfillmentMigrations: Array<new () => object> = [
  FulfillmentSchema1764200000000,
  StockCountVersion1764200000001,
  StockCountDate1764200000002,
  ScannerDevices1764200000003,
  Receiving1764200000004,
  CountsAndAdjustments1764200000005,
  QaCases1764200000006,
];
