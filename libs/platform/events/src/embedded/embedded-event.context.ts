import { BaseRpcContext } from '@nestjs/microservices';

type EmbeddedEventContextArgs = [topic: string, logId: string];

/** What @Ctx() gives a handler under the embedded transport; getTopic() matches KafkaContext's. */
export class EmbeddedEventContext extends BaseRpcContext<EmbeddedEventContextArgs> {
  getTopic(): string {
    return this.args[0];
  }

  /** The event's position in event_log. */
  getLogId(): string {
    return this.args[1];
  }
}
