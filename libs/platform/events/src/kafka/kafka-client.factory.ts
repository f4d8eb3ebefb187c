import {
  Admin,
  type BaseOptions,
  Consumer,
  type ConsumerOptions,
  Producer,
  type ProducerOptions,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import type { EventsConfig } from '../events.config';

/** Connection settings every client of one KafkaClient shares (brokers, client id, timeouts, retries). */
export type KafkaClientOptions = Pick<
  BaseOptions,
  'clientId' | 'bootstrapBrokers' | 'connectTimeout' | 'requestTimeout' | 'timeout' | 'retries' | 'retryDelay'
>;

/** Keys, values and headers as text: envelopes are JSON, keys and header values are ids and trace context. */
export type TextProducer = Producer<string, string, string, string>;
export type TextConsumer = Consumer<string, string, string, string>;
// Distributive: ConsumerOptions is a union (classic or KIP-848 group protocol).
type Own<T> = T extends unknown ? Omit<T, keyof KafkaClientOptions | 'serializers' | 'deserializers'> : never;

/**
 * Makes @platformatic/kafka's producers, consumers and admin clients from one set of connection settings, so
 * callers pass one object around (as they did with kafkajs's Kafka). @platformatic/kafka is the maintained
 * client the events port uses since issue 17: kafkajs is unmaintained (tulios/kafkajs#1303 among its open bugs).
 * Every client it makes must be closed by whoever made it.
 */
export class KafkaClient {
  constructor(readonly options: KafkaClientOptions) {}

  admin(): Admin {
    return new Admin({ ...this.options });
  }

  producer(options: Own<ProducerOptions<string, string, string, string>> = {}): TextProducer {
    return new Producer({ ...this.options, ...options, serializers: stringSerializers });
  }

  consumer(options: Own<ConsumerOptions<string, string, string, string>>): TextConsumer {
    return new Consumer({ ...this.options, ...options, deserializers: stringDeserializers });
  }
}

/**
 * Client settings shared by the relay's producer and the consumer server: short retries, the relay backs off
 * itself. @platformatic/kafka logs nothing itself; the relay logs each failed batch once and the consumer
 * server logs its stream's errors through Nest's logger, since nothing else reports a consumer crash.
 */
export function kafkaClientConfig(
  config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>,
): KafkaClientOptions {
  return {
    clientId: config.KAFKA_CLIENT_ID,
    bootstrapBrokers: config.KAFKA_BROKERS.map((b) => `${b.host}:${b.port}`),
    connectTimeout: 3000,
    requestTimeout: 10000,
    timeout: 10000,
    retries: 5,
    retryDelay: 300,
  };
}

export function createKafkaClient(
  config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>,
): KafkaClient {
  return new KafkaClient(kafkaClientConfig(config));
}
