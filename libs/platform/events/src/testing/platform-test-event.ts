import { z } from 'zod';
import { defineEvent } from '@harvest/contracts';

export const platformTestV1Schema = z.object({
  /** Position of this event within its key, so tests can check per-key order. */
  seq: z.number().int().min(0),
  note: z.string().optional(),
  /** Tests set it to make the handler fail (dead-letter tests). */
  fail: z.boolean().optional(),
});

/**
 * Used only by the events library's own tests (it was published beside the real contracts in libs/contracts
 * until issue 16); they move it to a per-run topic with withTopic().
 */
export const platformTestV1 = defineEvent({
  topic: 'platform.test',
  type: 'platform.test',
  version: 1,
  schema: platformTestV1Schema,
});

export type PlatformTestV1 = z.infer<typeof platformTestV1Schema>;
