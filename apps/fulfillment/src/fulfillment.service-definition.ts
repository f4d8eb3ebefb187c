import type { ServiceDefinition } from '@harvest/platform/runtime';
import { FULFILLMENT_CONFIG, loadFulfillmentConfig } from './config/fulfillment.config';
import { seedDemoData } from './demo/seed-demo-data';
import { DevicesModule } from './devices/devices.module';
import { ScannerDevice } from './devices/entities/scanner-device.entity';
import { Facility } from './facilities/entities/facility.entity';
import { Location } from './facilities/entities/location.entity';
import { Room } from './facilities/entities/room.entity';
import { FacilitiesModule } from './facilities/facilities.module';
import { fulfillmentMigrations } from './migrations';
import { FulfillmentOrderLine } from './fulfillment-orders/entities/fulfillment-order-line.entity';
import { FulfillmentOrder } from './fulfillment-orders/entities/fulfillment-order.entity';
import { FulfillmentOrdersModule } from './fulfillment-orders/fulfillment-orders.module';
import { Parcel } from './packing/entities/parcel.entity';
import { PackingModule } from './packing/packing.module';
import { PickTask } from './picking/entities/pick-task.entity';
import { Wave } from './picking/entities/wave.entity';
import { PickingModule } from './picking/picking.module';
import { ExpectedDeliveryLine } from './receiving/entities/expected-delivery-line.entity';
import { ExpectedDelivery } from './receiving/entities/expected-delivery.entity';
import { ReceivingModule } from './receiving/receiving.module';
import { CycleCountLine } from './cycle-counts/entities/cycle-count-line.entity';
import { CycleCount } from './cycle-counts/entities/cycle-count.entity';
import { CycleCountsModule } from './cycle-counts/cycle-counts.module';
import { StockAdjustment } from './stock-adjustments/entities/stock-adjustment.entity';
import { StockMove } from './stock-adjustments/entities/stock-move.entity';
import { StockAdjustmentsModule } from './stock-adjustments/stock-adjustments.module';
import { QaCaseLot } from './qa/entities/qa-case-lot.entity';
import { QaCase } from './qa/entities/qa-case.entity';
import { QaModule } from './qa/qa.module';
import { WasteModule } from './waste/waste.module';
import { SkuSnapshot } from './skus/entities/sku-snapshot.entity';
import { SkusModule } from './skus/skus.module';
import { LotStock } from './stock/entities/lot-stock.entity';
import { Lot } from './stock/entities/lot.entity';
import { StockModule } from './stock/stock.module';
import { Excursion } from './telemetry/entities/excursion.entity';
import { TemperatureReading } from './telemetry/entities/temperature-reading.entity';
import { TelemetryModule } from './telemetry/telemetry.module';

export const fulfillmentEntities = [
  Facility,
  Room,
  Location,
  SkuSnapshot,
  Lot,
  LotStock,
  FulfillmentOrder,
  FulfillmentOrderLine,
  Wave,
  PickTask,
  Parcel,
  TemperatureReading,
  Excursion,
  ScannerDevice,
  ExpectedDelivery,
  ExpectedDeliveryLine,
  StockAdjustment,
  StockMove,
  CycleCount,
  CycleCountLine,
  QaCase,
  QaCaseLot,
];

/**
 * The fulfillment service as the runtime starts it: cold rooms and bins, lots and put-away, FEFO allocation
 * of paid orders into waves, the scanner API and its enrolled devices, packing and dispatch, and room telemetry. Its own settings
 * are read from the same environment and validated at start.
 */
export const fulfillmentService: ServiceDefinition = {
  name: 'fulfillment',
  port: 3003,
  schema: { entities: fulfillmentEntities, migrations: fulfillmentMigrations },
  config: { token: FULFILLMENT_CONFIG, load: loadFulfillmentConfig },
  imports: [
    SkusModule,
    FacilitiesModule,
    StockModule,
    FulfillmentOrdersModule,
    PickingModule,
    PackingModule,
    TelemetryModule,
    DevicesModule,
    ReceivingModule,
    StockAdjustmentsModule,
    CycleCountsModule,
    QaModule,
    WasteModule,
  ],
  seedDemoData,
};
