import { z } from 'zod';

/** Skyline's wire format (snake_case, as the vendor sends it); documented in apps/callcenter/README.md. */
export const SKYLINE_EVENT_TYPES = [
  'call.ringing',
  'call.answered',
  'call.ended',
  'recording.ready',
] as const;

const direction = z.enum(['in', 'out']);
/**
 * A call lasts at most a day: a longer duration is a vendor bug, refused as malformed (the column is INT UNSIGNED
 * and 2^32, 2^63 or 1e308 are integers to zod too).
 */
export const MAX_CALL_SECONDS = 24 * 60 * 60;
const duration = z.number().int().nonnegative().max(MAX_CALL_SECONDS);
/** Unix seconds up to 9999-12-31: anything later is no time a Date (or DATETIME) holds. */
const unixSeconds = z.number().int().nonnegative().max(253_402_300_799);

export const skylineWebhookSchema = z.object({
  id: z.string().min(1).max(128),
  event: z.enum(SKYLINE_EVENT_TYPES),
  occurred_at: z.string().datetime({ offset: true }),
  data: z.object({
    call_id: z.string().min(1).max(128),
    direction,
    caller: z.string().max(32).nullable(),
    callee: z.string().max(32).nullable(),
    agent_id: z.string().max(64).nullable().optional(),
    duration: duration.nullable().optional(),
  }),
});
export type SkylineWebhook = z.infer<typeof skylineWebhookSchema>;

export const skylineCallRecordSchema = z.object({
  call_id: z.string().min(1).max(128),
  direction,
  caller: z.string().max(32).nullable(),
  callee: z.string().max(32).nullable(),
  agent_id: z.string().max(64).nullable(),
  start_time: unixSeconds,
  answer_time: unixSeconds.nullable(),
  end_time: unixSeconds.nullable(),
  duration: duration.nullable(),
  recording: z.boolean(),
});
export type SkylineCallRecord = z.infer<typeof skylineCallRecordSchema>;

export const skylineCallRecordPageSchema = z.object({
  records: z.array(skylineCallRecordSchema),
  next_cursor: z.string().nullable(),
});

export const skylineClickToCallAnswerSchema = z.object({ call_id: z.string().min(1).max(128) });

export const skylineRecordingSchema = z.object({ url: z.string().url(), expires_at: unixSeconds });
