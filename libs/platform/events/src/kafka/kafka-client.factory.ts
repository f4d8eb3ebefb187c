import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { EventsConfig } from '../events.config';

/** Client settings shared by the relay's producer and the consumer server: short retries, the relay backs off itself. */
export function kafkaClientConfig(config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>): KafkaConfig {
  return {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS.map((b) => `${b.host}:${b.port}`),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 5 },
    logLevel: logLevel.NOTHING,
  };
}

export function createKafkaClient(config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>): Kafka {
  return new Kafka(kafkaClientConfig(config));
}
