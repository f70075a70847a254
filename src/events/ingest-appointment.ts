import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { appointmentProducts, appointments, HOSTING_ORGANISATION_ID } from '../db/schema';
import type { AppointmentEvent } from './event-schema';
import { findDuplicate, payloadHash, recordEvent, UnprocessableEventError, type IngestResult } from './ingest';
import { createInvitation, type InvitationDeps } from '../invitations/invitations';
import { findJourneyWithTouchpoints } from '../journeys/journeys';
import { AppointmentDetailsMissing, recordAppointment, type AppointmentOutcome } from '../noshows/appointments';

/** What happened about the "we hebben u gemist" survey after a no-show with an address. */
export type NoShowSurveyOutcome =
  | { status: 'accepted'; invitationId: number }
  | { status: 'suppressed'; reason: string; invitationId?: number };

export type AppointmentIngestResult =
  | Extract<IngestResult, { status: 'duplicate' }>
  | { status: 'accepted'; appointment: AppointmentOutcome; survey?: NoShowSurveyOutcome };

/**
 * After a no-show with an e-mail address: invite the citizen to say why, through the same
 * invitation, outbox, fatigue and opt-out rules as every survey. The product must be mapped to
 * a journey; the booking step asked about is that journey's first touchpoint.
 */
function inviteAfterNoShow(tx: Tx, deps: InvitationDeps, event: AppointmentEvent, appointment: AppointmentOutcome): NoShowSurveyOutcome | undefined {
  if (appointment.status !== 'no_show' || !appointment.statusChanged || !event.citizen) return undefined;
  const stored = tx.select().from(appointments).where(eq(appointments.id, appointment.id)).get()!;
  const mapping = tx
    .select()
    .from(appointmentProducts)
    .where(and(eq(appointmentProducts.organisationId, stored.organisationId), eq(appointmentProducts.product, stored.product)))
    .get();
  const found = mapping ? findJourneyWithTouchpoints(tx as unknown as Db, mapping.journeyId, stored.organisationId) : undefined;
  if (!found || found.touchpoints.length === 0) return { status: 'suppressed', reason: 'product-not-mapped' };
  const outcome = createInvitation(tx, deps, {
    kind: 'no-show',
    appointmentId: appointment.id,
    journey: found.journey,
    organisationId: stored.organisationId,
    touchpoints: found.touchpoints.slice(0, 1),
    caseReference: stored.reference,
    email: event.citizen.email,
    language: event.citizen.language,
    segment: stored.segment,
    channel: stored.channel,
    leadTimeDays: null,
    caseClosedAt: new Date(event.occurredAt),
  });
  return outcome.status === 'accepted'
    ? { status: 'accepted', invitationId: outcome.invitationId }
    : { status: 'suppressed', reason: outcome.reason, invitationId: outcome.invitationId };
}



const optionalDate = (value: string | undefined) => (value ? new Date(value) : undefined);

/** Processes an appointment event once per (API key, event id): the event record and the appointment together. */
export function ingestAppointmentEvent(
  db: Db,
  deps: InvitationDeps,
  apiKeyId: number,
  event: AppointmentEvent,
  organisationId: number = HOSTING_ORGANISATION_ID,
): AppointmentIngestResult {
  return db.transaction((tx) => {
    const hash = payloadHash(deps.addressHashKey, event);
    const seen = findDuplicate(tx, apiKeyId, event.id, hash);
    if (seen) return seen.duplicate;
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
        organisationId,
      );
    } catch (error) {
      if (error instanceof AppointmentDetailsMissing) {
        throw new UnprocessableEventError('appointment', `Unknown appointment "${event.appointment.reference}": ${error.message}`);
      }
      throw error;
    }
    const survey = inviteAfterNoShow(tx, deps, event, appointment);
    recordEvent(tx, apiKeyId, event, hash, now, {
      outcome: 'accepted',
      reason: survey?.status === 'suppressed' ? survey.reason : appointment.statusChanged ? null : 'status-unchanged',
      invitationId: survey?.invitationId ?? null,
    });
    return { status: 'accepted', appointment, ...(survey ? { survey } : {}) };
  });
}
