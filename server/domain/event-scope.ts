/**
 * "Not part of this event": every record a command or route looks up by an id the client sent
 * must belong to the principal's own event. An id of another event answers as an unknown id does,
 * so nobody learns what another event holds.
 */

/** The record, if it belongs to `eventId`. */
export function ofEvent<R extends { eventId: string }>(eventId: string, record: R | undefined): R | undefined {
  return record && record.eventId === eventId ? record : undefined;
}
