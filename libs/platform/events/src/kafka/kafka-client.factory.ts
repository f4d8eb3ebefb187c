import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import type { EventsConfig } from '../events.config';

/**
 * Client settings shared by the relay's producer and the consumer server: short retries, the relay backs off
 * itself. The publisher's client is silent (the relay logs each failed batch once); the consumer server logs
 * kafkajs errors through Nest's logger, since nothing else reports a consumer crash.
 */
export function kafkaClientConfig(
  config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>,
  level: logLevel = logLevel.NOTHING,
): KafkaConfig {
  return {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS.map((b) => `${b.host}:${b.port}`),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 300, maxRetryTime: 3000, retries: 5 },
    logLevel: level,
  };
}

export function createKafkaClient(config: Pick<EventsConfig, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID'>): Kafka {
  return new Kafka(kafkaClientConfig(config));
}
