import { z } from 'zod';

/**
 * Storage temperature classes (domain notes): frozen -18 °C and below, chilled 0-4 °C, cool about 10 °C,
 * ambient. A SKU's class decides which cold rooms may hold it and how it is packed.
 */
export const TEMPERATURE_CLASSES = ['frozen', 'chilled', 'cool', 'ambient'] as const;
export const temperatureClassSchema = z.enum(TEMPERATURE_CLASSES);
export type TemperatureClass = z.infer<typeof temperatureClassSchema>;

/** By piece, or by weight with the price per 500 g (the custom); a weighed line settles after packing. */
export const SOLD_BY = ['piece', 'weight'] as const;
export const soldBySchema = z.enum(SOLD_BY);
export type SoldBy = z.infer<typeof soldBySchema>;

/** Grams a weighed SKU's price refers to. */
export const PRICE_UNIT_GRAMS = 500;

/** Money is integer minor units (fen), never floats. */
export const fenSchema = z.number().int().min(0);

/**
 * What the customer allows when the warehouse runs short of a line: a similar item, or nothing (the line is
 * short-picked and refunded).
 */
export const SUBSTITUTIONS = ['similar-ok', 'none'] as const;
export const substitutionSchema = z.enum(SUBSTITUTIONS);
export type Substitution = z.infer<typeof substitutionSchema>;
