import { DomainError } from '@harvest/platform/errors';

/** A reading for a room this service does not have; `field` names it in the batch or the event. */
export class UnknownRoomError extends DomainError {
  constructor(roomId: string, field: string) {
    super('unprocessable', 'unknown-room', `No room ${roomId}`, { extensions: { field } });
  }
}
