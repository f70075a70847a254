import type { Db } from '../db/client';
import { events } from '../db/schema';
import type { AppointmentEvent } from '../events/event-schema';
import { findDuplicate, UnprocessableEventError, type IngestResult } from '../events/ingest';
import type { InvitationDeps } from '../invitations/invitations';
import { AppointmentDetailsMissing, recordAppointment, type AppointmentOutcome } from './appointments';

export type AppointmentIngestResult = Extract<IngestResult, { status: 'duplicate' }> | { status: 'accepted'; appointment: AppointmentOutcome };

const optionalDate = (value: string | undefined) => (value ? new Date(value) : undefined);

/** Processes an appointment event once per (API key, event id): the event record and the appointment together. */
export function ingestAppointmentEvent(db: Db, deps: InvitationDeps, apiKeyId: number, event: AppointmentEvent): AppointmentIngestResult {
  return db.transaction((tx) => {
    const seen = findDuplicate(tx, apiKeyId, event.id);
    if (seen) return seen;
    const now = deps.clock.now();
    let appointment: AppointmentOutcome;
    try {
      appointment = recordAppointment(
        tx,
        { addressHashKey: deps.addressHashKey, now },
        {
          reference: event.appointment.reference,
          status: event.type.slice('appointment.'.length) as AppointmentOutcome['status'],
          at: new Date(event.occurredAt),
          product: event.appointment.product,
          location: event.appointment.location,
          channel: event.appointment.channel,
          bookedAt: optionalDate(event.appointment.bookedAt),
          startsAt: optionalDate(event.appointment.startsAt),
          reminderSentAt: optionalDate(event.appointment.reminderSentAt),
          segment: Object.keys(event.segment).length ? event.segment : undefined,
          email: event.citizen?.email,
        },
        'api',
      );
    } catch (error) {
      if (error instanceof AppointmentDetailsMissing) {
        throw new UnprocessableEventError('appointment', `Unknown appointment "${event.appointment.reference}": ${error.message}`);
      }
      throw error;
    }
    tx.insert(events)
      .values({
        apiKeyId,
        eventId: event.id,
        type: event.type,
        occurredAt: new Date(event.occurredAt),
        receivedAt: now,
        payload: { ...event, citizen: event.citizen ? { ...event.citizen, email: undefined } : undefined },
        outcome: 'accepted',
        reason: appointment.statusChanged ? null : 'status-unchanged',
      })
      .run();
    return { status: 'accepted', appointment };
  });
}
