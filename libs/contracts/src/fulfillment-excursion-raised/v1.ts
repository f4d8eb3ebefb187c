import { z } from 'zod';
import { defineEvent } from '../define-event';
import { temperatureClassSchema } from '../produce';

export const excursionRaisedV1Schema = z.object({
  excursionId: z.string().min(1),
  roomId: z.string().min(1),
  fulfillmentCenterId: z.string().min(1),
  temperatureClass: temperatureClassSchema,
  /** First reading out of range of this run of readings. */
  outOfRangeSince: z.string().datetime(),
  /** The reading that made the run longer than the configured duration. */
  detectedAt: z.string().datetime(),
  lastCelsius: z.number(),
  /** Lots put on QA hold because they were in the room. */
  heldLotIds: z.array(z.string().min(1)),
});

/**
 * A cold room was out of its temperature range for longer than the configured duration (one alert per
 * excursion; a single spike raises none). Its lots are on QA hold and no longer allocated. Produced by
 * fulfillment, for alerting and QA. Keyed by roomId.
 */
export const excursionRaisedV1 = defineEvent({
  topic: 'fulfillment.excursion-raised',
  type: 'fulfillment.excursion-raised',
  version: 1,
  schema: excursionRaisedV1Schema,
});

export type ExcursionRaisedV1 = z.infer<typeof excursionRaisedV1Schema>;
