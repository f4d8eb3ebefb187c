import { z } from 'zod';
import { defineEvent } from '../define-event';

export const temperatureReadingV1Schema = z.object({
  roomId: z.string().min(1),
  /** The probe in the room; one room may have several. */
  sensorId: z.string().min(1),
  celsius: z.number().min(-60).max(60),
  /** When the sensor measured it (not when it arrived). */
  recordedAt: z.string().datetime(),
});

/**
 * One temperature reading of a cold room, sent by the room's sensor gateway. Consumed by fulfillment, which
 * stores the time series and raises excursions. Keyed by roomId, so one room's readings stay in order.
 */
export const temperatureReadingV1 = defineEvent({
  topic: 'fulfillment.temperature-reading',
  type: 'fulfillment.temperature-reading',
  version: 1,
  schema: temperatureReadingV1Schema,
});

export type TemperatureReadingV1 = z.infer<typeof temperatureReadingV1Schema>;
