import { breakingChanges as compare } from './breaking-changes';

/** The checker with the specs' plain objects (their literal types are narrower than a document's). */
const breakingChanges = (released: object, current: object) =>
  compare(released as Parameters<typeof compare>[0], current as Parameters<typeof compare>[1]);

const released = {
  paths: {
    '/orders': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } },
        },
      },
      post: {
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/NewOrder' } } },
        },
        responses: {},
      },
    },
    '/farms': { get: { responses: {} } },
  },
  components: {
    schemas: {
      Order: {
        type: 'object',
        properties: { id: { type: 'string' }, totalFen: { type: 'integer' }, note: { type: 'string' } },
      },
      NewOrder: {
        type: 'object',
        required: ['lines'],
        properties: { lines: { type: 'array', maxItems: 50 }, slot: { type: 'string', enum: ['am', 'pm'] } },
      },
    },
  },
};

describe('breaking changes against the released document', () => {
  it('finds none when nothing changed or something was only added', () => {
    expect(breakingChanges(released, released)).toEqual([]);
    const added = structuredClone(released) as typeof released & { paths: Record<string, unknown> };
    added.paths['/slots'] = { get: { responses: {} } };
    (added.components.schemas.Order.properties as Record<string, object>).status = { type: 'string' };
    expect(breakingChanges(released, added)).toEqual([]);
  });

  it('names a removed route, a removed field and narrowed types', () => {
    const current = structuredClone(released) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    delete current.paths['/farms'];
    delete current.components.schemas.Order.properties.note;
    current.components.schemas.Order.properties.totalFen = { type: 'string' };
    current.components.schemas.NewOrder.properties.lines.maxItems = 20;
    current.components.schemas.NewOrder.properties.slot.enum = ['am'];
    current.components.schemas.NewOrder.required = ['lines', 'slot'];
    expect(breakingChanges(released, current).sort()).toEqual(
      [
        'GET /farms: route removed',
        'GET /orders 200: field note removed',
        'GET /orders 200.totalFen: type integer became string',
        'POST /orders body.lines: maxItems narrowed to 20',
        'POST /orders body.slot: enum no longer accepts ["pm"]',
        'POST /orders body: field slot is now required',
      ].sort(),
    );
  });
});
