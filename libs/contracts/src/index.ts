export {
  type EventEnvelope,
  type EventHeaders,
  eventEnvelopeSchema,
  isEventEnvelope,
} from './event-envelope';
export {
  defineEvent,
  EventContractError,
  type EventContract,
  type EventDefinition,
  type PayloadOf,
} from './define-event';
