const HOUR_MS = 3_600_000;

/** How long personal data serves the call (CALLCENTER_SCREEN_POP_RETENTION_HOURS, CALLCENTER_CALL_NUMBER_RETENTION_DAYS). */
export interface RetentionPolicy {
  screenPopHours: number;
  callNumberDays: number;
}

/** What a sweep at `now` handles: pops created before `popsBefore` are deleted, numbers of calls started before `numbersBefore` masked. */
export interface RetentionCutoffs {
  popsBefore: Date;
  numbersBefore: Date;
}

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  return {
    popsBefore: new Date(now.getTime() - policy.screenPopHours * HOUR_MS),
    numbersBefore: new Date(now.getTime() - policy.callNumberDays * 24 * HOUR_MS),
  };
}
