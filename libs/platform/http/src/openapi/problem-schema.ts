import { problemType } from '../problem/problem-details';

/** RFC 9457 problem details as every Harvest service answers them (problem-from-error.ts, send-problem.ts). */
export const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. `type` is `urn:harvest:problem:<slug>` or `about:blank` (then `title` is the ' +
    "status's reason phrase). Extension members (e.g. `field`, `header`) may stand beside the standard ones.",
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', examples: ['urn:harvest:problem:validation-failed'] },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path.' },
    requestId: { type: 'string', description: 'X-Request-Id of the request, for support.' },
    traceId: { type: 'string', description: 'W3C trace id of the request.' },
    errors: {
      type: 'array',
      description: 'One entry per refused input field.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', examples: ['lines[0].quantity'] },
          message: { type: 'string' },
        },
      },
    },
  },
  additionalProperties: true,
} as const;

export const PROBLEM_SCHEMA_NAME = 'Problem';

/** The Problem schema narrowed to one status and the `type` values a route answers with it. */
export function problemSchemaFor(status: number, slugs: readonly string[]): Record<string, unknown> {
  const types = slugs.map((slug) => (slug === 'about:blank' ? slug : problemType(slug)));
  return {
    allOf: [
      { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
      { type: 'object', properties: { type: { enum: types }, status: { const: status } } },
    ],
  };
}
