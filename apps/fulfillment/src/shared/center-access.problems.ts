import type { ProblemTypesByStatus } from '@harvest/platform/http';

/**
 * What a route that checks the caller's center answers (shared/domain/center-access.ts): a scanner token
 * bound to no center, or naming another center; another center's record reads as not found.
 */
export const CENTER_ACCESS: ProblemTypesByStatus = {
  403: ['scanner-not-bound', 'other-center'],
  404: ['not-found'],
};
