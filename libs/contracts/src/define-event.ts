import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type EventEnvelope, type EventHeaders, eventEnvelopeSchema } from './event-envelope';

export interface EventDefinition<S extends z.ZodTypeAny> {
  /** Kafka topic (and embedded event_log topic). Several versions of one event share a topic. */
  topic: string;
  /** Stable event name, e.g. "catalog.product-changed". */
  type: string;
  /** Payload version; bump it (in a new vN.ts file) for a change old consumers cannot read. */
  version: number;
  schema: S;
}

export class EventContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventContractError';
  }
}

/** One typed, versioned event: producers build envelopes with it, consumers parse them with it. */
export interface EventContract<S extends z.ZodTypeAny = z.ZodTypeAny> extends EventDefinition<S> {
  /** Validates the payload and builds a complete envelope (new eventId, occurredAt now). */
  create(input: { key: string; payload: z.input<S>; headers?: EventHeaders }): EventEnvelope<z.output<S>>;
  /** True when the envelope is this contract's type and version (use it to pick a version on a shared topic). */
  matches(envelope: Pick<EventEnvelope, 'type' | 'version'>): boolean;
  /** Checks an incoming message is an envelope of this type and version and validates its payload. */
  parse(message: unknown): EventEnvelope<z.output<S>>;
  /** The same contract on another topic, e.g. a per-run topic in tests. */
  withTopic(topic: string): EventContract<S>;
}

export type PayloadOf<C> = C extends EventContract<infer S> ? z.output<S> : never;

export function defineEvent<S extends z.ZodTypeAny>(definition: EventDefinition<S>): EventContract<S> {
  const describe = `${definition.type} v${definition.version}`;
  const contract: EventContract<S> = {
    ...definition,
    create({ key, payload, headers = {} }) {
      if (!key) throw new EventContractError(`${describe}: key must not be empty`);
      const parsed = definition.schema.safeParse(payload);
      if (!parsed.success)
        throw new EventContractError(`${describe}: invalid payload: ${parsed.error.message}`);
      return {
        eventId: randomUUID(),
        type: definition.type,
        version: definition.version,
        topic: definition.topic,
        key,
        occurredAt: new Date().toISOString(),
        payload: parsed.data,
        headers: { ...headers },
      };
    },
    matches: (envelope) => envelope.type === definition.type && envelope.version === definition.version,
    parse(message) {
      const envelope = eventEnvelopeSchema.safeParse(message);
      if (!envelope.success)
        throw new EventContractError(`${describe}: not an event envelope: ${envelope.error.message}`);
      if (!contract.matches(envelope.data)) {
        throw new EventContractError(`${describe}: got ${envelope.data.type} v${envelope.data.version}`);
      }
      const payload = definition.schema.safeParse(envelope.data.payload);
      if (!payload.success)
        throw new EventContractError(`${describe}: invalid payload: ${payload.error.message}`);
      return { ...envelope.data, payload: payload.data };
    },
    withTopic: (topic) => defineEvent({ ...definition, topic }),
  };
  return contract;
}
