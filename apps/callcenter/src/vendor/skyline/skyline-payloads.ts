import { z } from 'zod';

/** Skyline's wire format (snake_case, as the vendor sends it); documented in apps/callcenter/README.md. */
export const SKYLINE_EVENT_TYPES = ['call.ringing', 'call.answered', 'call.ended', 'recording.ready'] as const;

const direction = z.enum(['in', 'out']);

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
    duration: z.number().int().nonnegative().nullable().optional(),
  }),
});
export type SkylineWebhook = z.infer<typeof skylineWebhookSchema>;

export const skylineCallRecordSchema = z.object({
  call_id: z.string().min(1).max(128),
  direction,
  caller: z.string().max(32).nullable(),
  callee: z.string().max(32).nullable(),
  agent_id: z.string().max(64).nullable(),
  start_time: z.number().int(),
  answer_time: z.number().int().nullable(),
  end_time: z.number().int().nullable(),
  duration: z.number().int().nonnegative().nullable(),
  recording: z.boolean(),
});
export type SkylineCallRecord = z.infer<typeof skylineCallRecordSchema>;

export const skylineCallRecordPageSchema = z.object({
  records: z.array(skylineCallRecordSchema),
  next_cursor: z.string().nullable(),
});

export const skylineClickToCallAnswerSchema = z.object({ call_id: z.string().min(1).max(128) });

export const skylineRecordingSchema = z.object({ url: z.string().url(), expires_at: z.number().int() });
