import { Logger } from '@nestjs/common';
import {
  type Message,
  type MessagesStream,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
} from '@platformatic/kafka';
import { backoffDelayMs, InterruptibleSleep } from '../backoff';
import { describeError } from '../dispatch/dead-letter';
import type { KafkaClient, TextConsumer } from './kafka-client.factory';

export type KafkaTextMessage = Message<string, string, string, string>;

export interface KafkaGroupConsumerOptions {
  groupId: string;
  topics: string[];
  sessionTimeoutMs: number;
}

/**
 * A member of a consumer group that hands its messages to `handle` one at a time and commits a message's offset
 * only once `handle` resolved, so a partition (hence every later event of a key) waits for the event in hand.
 * The client heartbeats on its own timer, so a long handler does not cost the partition.
 * A new group starts at the oldest retained message; an existing one at its committed offsets. When the stream
 * fails (a broker gone for longer than the client's retries) or `handle` rejects, the consumer is closed and a
 * new one rejoins from the committed offsets after a backoff: the message in hand is delivered again, never
 * skipped.
 */
export class KafkaGroupConsumer {
  private readonly logger = new Logger(KafkaGroupConsumer.name);
  private readonly sleeper = new InterruptibleSleep();
  private consumer: TextConsumer | undefined;
  private stream: MessagesStream<string, string, string, string> | undefined;
  private loop: Promise<void> | undefined;
  private inHand: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly options: KafkaGroupConsumerOptions,
    private readonly handle: (message: KafkaTextMessage) => Promise<void>,
  ) {}

  /** Joins the group (rejects if that fails), then consumes in the background until stop(). */
  async start(): Promise<void> {
    this.stopping = false;
    try {
      await this.open();
    } catch (error) {
      await this.shut();
      throw error;
    }
    this.loop = this.run();
  }

  /** Stops taking messages and lets the one in hand finish (and commit); idempotent. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.interrupt();
    await this.inHand?.catch(() => undefined);
    await this.shut();
    await this.loop;
    this.loop = undefined;
  }

  private async open(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      autocommit: false,
      autocreateTopics: true,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.floor(this.options.sessionTimeoutMs / 10),
    });
    this.stream = await this.consumer.consume({
      topics: this.options.topics,
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
    });
  }

  private async shut(): Promise<void> {
    const { stream, consumer } = this;
    this.stream = undefined;
    this.consumer = undefined;
    await stream?.close().catch(() => undefined);
    await consumer?.close(true).catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (!this.stream) await this.open();
        for await (const message of this.stream!) {
          if (this.stopping) break;
          this.inHand = this.handleAndCommit(message as KafkaTextMessage);
          await this.inHand;
          this.inHand = undefined;
          failures = 0;
        }
      } catch (error) {
        this.inHand = undefined;
        if (this.stopping) break;
        failures++;
        const delay = backoffDelayMs(failures, 500, 10_000);
        this.logger.warn(
          `Kafka consumer of group ${this.options.groupId} failed (attempt ${failures}), rejoining in ${delay} ms: ${describeError(error)}`,
        );
        await this.shut();
        await this.sleeper.sleep(delay);
        continue;
      }
      // The stream ended without an error: closed by stop(), or by the client (then rejoin).
      if (!this.stopping) await this.shut();
    }
  }

  private async handleAndCommit(message: KafkaTextMessage): Promise<void> {
    await this.handle(message);
    try {
      await message.commit();
    } catch (error) {
      // The message was handled: if the partition moved to another member meanwhile, it may see the message
      // again, which the inbox absorbs. A later commit on this partition covers this one.
      this.logger.warn(
        `Kafka offset commit for ${message.topic}[${message.partition}] failed: ${describeError(error)}`,
      );
    }
  }
}
