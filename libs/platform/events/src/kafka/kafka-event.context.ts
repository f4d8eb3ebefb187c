import { BaseRpcContext } from '@nestjs/microservices';

type KafkaEventContextArgs = [topic: string, partition: number, offset: string];

/** What @Ctx() gives a handler under the Kafka transport; getTopic() matches the embedded context's. */
export class KafkaEventContext extends BaseRpcContext<KafkaEventContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }

  /** The event's offset in its partition (decimal text: Kafka offsets are 64-bit). */
  getOffset(): string {
    return this.args[2];
  }
}
