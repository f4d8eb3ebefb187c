import type { MessageHandler } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';

/**
 * Calls a Nest event handler and waits for it to finish. Nest's RPC exception filter turns a thrown error
 * into an erroring Observable, so awaiting the Observable is what surfaces the failure to the dispatcher.
 */
export async function invokeEventHandler(
  handler: MessageHandler,
  data: unknown,
  context: unknown,
): Promise<void> {
  const result: unknown = await handler(data, context);
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}
