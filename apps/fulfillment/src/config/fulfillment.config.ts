import { ConfigError, env, loadConfig, z, type Env } from '@harvest/platform/config';
import { deviceClientsConfigShape, loadDeviceClientsConfig } from '@harvest/platform/device-clients';

/** The fulfillment service's own settings, validated at start next to the platform's. */
export const fulfillmentConfigShape = {
  /** A room out of range for longer than this is an excursion (domain notes: e.g. 30 min); a shorter run is a spike. */
  FULFILLMENT_EXCURSION_SECONDS: env.int(30 * 60, 1),
  /** Hours from dispatch to the customer, when the packer does not say; decides the coolant ratio. */
  FULFILLMENT_TRANSIT_HOURS: env.int(12, 1),
  /** Coolant as a percentage of product weight for the shortest and the longest transit (domain notes: 15-40 %). */
  FULFILLMENT_COOLANT_MIN_PERCENT: env.int(15, 0),
  FULFILLMENT_COOLANT_MAX_PERCENT: env.int(40, 0),
  /** Transit at or beyond this gets the maximum coolant ratio. */
  FULFILLMENT_COOLANT_MAX_TRANSIT_HOURS: env.int(48, 1),
  /** Extra coolant percentage points in the hot months (June to September). */
  FULFILLMENT_COOLANT_SUMMER_EXTRA_PERCENT: env.int(10, 0),
  FULFILLMENT_INSULATED_BOX_GRAMS: env.int(600, 0),
  FULFILLMENT_CARTON_GRAMS: env.int(200, 0),
  /** How often the expiry job looks for stock that expired since its SKU's last count; 0 = off. */
  FULFILLMENT_EXPIRY_SWEEP_MS: env.int(60_000, 0),
  /** A cycle count whose variance is above this percentage of what the bin should hold waits for a supervisor. */
  FULFILLMENT_COUNT_APPROVAL_PERCENT: env.int(5, 0),
  /** How often the gauges read from the database (open excursions, open QA cases, waste) are refreshed; 0 = off. */
  FULFILLMENT_GAUGES_MS: env.int(30_000, 0),
  /** Same switch the runtime reads: demo stock is also laid down for demo SKUs that arrive after start. */
  SEED_DEMO_DATA: env.bool(false),
  /** How scanner devices' clients are made at the issuer (DEVICE_ENROLLMENT and what it needs). */
  ...deviceClientsConfigShape,
};

export type FulfillmentConfig = z.infer<z.ZodObject<typeof fulfillmentConfigShape>>;

export const FULFILLMENT_CONFIG = Symbol('FULFILLMENT_CONFIG');

export function loadFulfillmentConfig(environment: Env): FulfillmentConfig {
  const config = loadConfig(fulfillmentConfigShape, environment);
  loadDeviceClientsConfig(environment);
  if (config.FULFILLMENT_COOLANT_MAX_PERCENT < config.FULFILLMENT_COOLANT_MIN_PERCENT) {
    throw new ConfigError([
      {
        variable: 'FULFILLMENT_COOLANT_MAX_PERCENT',
        message: 'must not be below FULFILLMENT_COOLANT_MIN_PERCENT',
      },
    ]);
  }
  return config;
}
