import { eq } from 'drizzle-orm';
import { dayOf, weekdayAndHour } from '../calendar';
import type { Db } from '../db/client';
import { appointments, type AppointmentStatus } from '../db/schema';
import { addressHash } from '../tokens';
import { appointmentLeadBand, nextStatus } from './appointment-state';

export interface AppointmentInput {
  reference: string;
  status: AppointmentStatus;
  /** When the status happened (the event's occurredAt, or the import row's time). */
  at: Date;
  product?: string;
  location?: string;
  channel?: string;
  bookedAt?: Date;
  startsAt?: Date;
  reminderSentAt?: Date;
  segment?: Record<string, string>;
  email?: string;
}

export interface AppointmentOutcome {
  id: number;
  reference: string;
  status: AppointmentStatus;
  created: boolean;
  /** Whether this input changed the stored status. */
  statusChanged: boolean;
}

/** The appointment is new but the input lacks what is needed to place it (product, start time). */
export class AppointmentDetailsMissing extends Error {
  constructor(readonly fields: string[]) {
    super(`A first event or row for an appointment needs ${fields.join(' and ')}.`);
  }
}

const UNKNOWN = 'onbekend';

type Writer = Pick<Db, 'select' | 'insert' | 'update'>;

/**
 * Creates or updates an appointment from an event or an import row, in the caller's transaction.
 * The status follows nextStatus (order-proof, idempotent); details from a newer input replace older ones.
 */
export function recordAppointment(db: Writer, deps: { addressHashKey: string; now: Date }, input: AppointmentInput, source: string): AppointmentOutcome {
  const existing = db.select().from(appointments).where(eq(appointments.reference, input.reference)).get();
  if (!existing) {
    const missing = [!input.product ? 'product' : '', !input.startsAt ? 'startsAt' : ''].filter(Boolean);
    if (missing.length) throw new AppointmentDetailsMissing(missing);
  }
  const current = existing ? { status: existing.status, at: existing.statusAt } : undefined;
  const next = nextStatus(current, { status: input.status, at: input.at });
  const newer = !existing || input.at >= existing.statusAt;
  const pick = <T>(incoming: T | undefined, stored: T | undefined | null): T | undefined =>
    incoming !== undefined && (newer || stored === undefined || stored === null) ? incoming : (stored ?? undefined);

  const startsAt = pick(input.startsAt, existing?.startsAt)!;
  const bookedAt = pick(input.bookedAt, existing?.bookedAt);
  const reminderSentAt = pick(input.reminderSentAt, existing?.reminderSentAt);
  const { weekday, hour } = weekdayAndHour(startsAt);
  const values = {
    product: pick(input.product, existing?.product) ?? UNKNOWN,
    location: pick(input.location, existing?.location) ?? UNKNOWN,
    channel: pick(input.channel, existing?.channel) ?? UNKNOWN,
    bookedAt: bookedAt ?? null,
    startsAt,
    reminderSentAt: reminderSentAt ?? null,
    status: next.status,
    statusAt: next.at,
    segment: input.segment && newer ? input.segment : (existing?.segment ?? input.segment ?? {}),
    day: dayOf(startsAt),
    weekday,
    hour,
    leadBand: appointmentLeadBand(bookedAt ? dayOf(bookedAt) : undefined, dayOf(startsAt)),
    reminded: Boolean(reminderSentAt),
    addressHash: input.email ? addressHash(deps.addressHashKey, input.email) : (existing?.addressHash ?? null),
    updatedAt: deps.now,
  };
  if (existing) {
    db.update(appointments).set(values).where(eq(appointments.id, existing.id)).run();
    return { id: existing.id, reference: input.reference, status: next.status, created: false, statusChanged: next.status !== existing.status };
  }
  const row = db
    .insert(appointments)
    .values({ ...values, reference: input.reference, source, createdAt: deps.now })
    .returning({ id: appointments.id })
    .get();
  return { id: row.id, reference: input.reference, status: next.status, created: true, statusChanged: true };
}
