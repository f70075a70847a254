import { eq, getTableColumns, sql } from 'drizzle-orm';
import { dayOf, weekdayAndHour } from '../calendar';
import type { Db } from '../db/client';
import { appointments, type Appointment, type AppointmentStatus } from '../db/schema';
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

const HOUR_MS = 3_600_000;
const slots = new Map<number, { day: string; weekday: number; hour: number }>();

/**
 * The Dutch day, weekday and hour of an instant, remembered per UTC hour: Amsterdam's offset only
 * changes on a whole UTC hour, and formatting with Intl costs more than the rest of a row of an import.
 */
function amsterdamSlot(date: Date): { day: string; weekday: number; hour: number } {
  const key = Math.floor(date.getTime() / HOUR_MS);
  let slot = slots.get(key);
  if (!slot) {
    if (slots.size >= 50_000) slots.clear();
    slot = { day: dayOf(date), ...weekdayAndHour(date) };
    slots.set(key, slot);
  }
  return slot;
}

/** What an appointment row holds apart from its identity (reference, source, created_at). */
export type AppointmentValues = Omit<Appointment, 'id' | 'reference' | 'source' | 'createdAt'>;

/**
 * The stored appointment after an event or import row: the status follows nextStatus
 * (order-proof, idempotent); details from a newer input replace older ones. Pure.
 */
export function nextAppointmentValues(existing: Appointment | undefined, input: AppointmentInput, deps: { addressHashKey: string; now: Date }): AppointmentValues {
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
  const { day, weekday, hour } = amsterdamSlot(startsAt);
  return {
    product: pick(input.product, existing?.product) ?? UNKNOWN,
    location: pick(input.location, existing?.location) ?? UNKNOWN,
    channel: pick(input.channel, existing?.channel) ?? UNKNOWN,
    bookedAt: bookedAt ?? null,
    startsAt,
    reminderSentAt: reminderSentAt ?? null,
    status: next.status,
    statusAt: next.at,
    segment: input.segment && newer ? input.segment : (existing?.segment ?? input.segment ?? {}),
    day,
    weekday,
    hour,
    leadBand: appointmentLeadBand(bookedAt ? amsterdamSlot(bookedAt).day : undefined, day),
    reminded: Boolean(reminderSentAt),
    addressHash: input.email ? addressHash(deps.addressHashKey, input.email) : (existing?.addressHash ?? null),
    updatedAt: deps.now,
  };
}

const time = (date: Date | null) => date?.getTime() ?? null;

/** Whether storing `values` would change the appointment in anything but updated_at. */
export function changesAppointment(existing: Appointment, values: AppointmentValues): boolean {
  return (
    existing.product !== values.product ||
    existing.location !== values.location ||
    existing.channel !== values.channel ||
    time(existing.bookedAt) !== time(values.bookedAt) ||
    time(existing.startsAt) !== time(values.startsAt) ||
    time(existing.reminderSentAt) !== time(values.reminderSentAt) ||
    existing.status !== values.status ||
    time(existing.statusAt) !== time(values.statusAt) ||
    // As stored: the JSON text, key order included.
    JSON.stringify(existing.segment) !== JSON.stringify(values.segment) ||
    existing.day !== values.day ||
    existing.weekday !== values.weekday ||
    existing.hour !== values.hour ||
    existing.leadBand !== values.leadBand ||
    existing.reminded !== values.reminded ||
    existing.addressHash !== values.addressHash
  );
}

/**
 * Creates or updates an appointment from an event or an import row, in the caller's transaction.
 * The status follows nextStatus (order-proof, idempotent); details from a newer input replace older ones.
 */
export function recordAppointment(db: Writer, deps: { addressHashKey: string; now: Date }, input: AppointmentInput, source: string): AppointmentOutcome {
  const existing = db.select().from(appointments).where(eq(appointments.reference, input.reference)).get();
  const values = nextAppointmentValues(existing, input, deps);
  if (existing) {
    db.update(appointments).set(values).where(eq(appointments.id, existing.id)).run();
    return { id: existing.id, reference: input.reference, status: values.status, created: false, statusChanged: values.status !== existing.status };
  }
  const row = db
    .insert(appointments)
    .values({ ...values, reference: input.reference, source, createdAt: deps.now })
    .returning({ id: appointments.id })
    .get();
  return { id: row.id, reference: input.reference, status: values.status, created: true, statusChanged: true };
}

const valueColumns = [
  'product',
  'location',
  'channel',
  'bookedAt',
  'startsAt',
  'reminderSentAt',
  'status',
  'statusAt',
  'segment',
  'day',
  'weekday',
  'hour',
  'leadBand',
  'reminded',
  'addressHash',
  'updatedAt',
] as const satisfies readonly (keyof AppointmentValues)[];
type ValueColumn = (typeof valueColumns)[number];
/** A whole row to store: the values and the identity a new appointment gets. */
type StoredAppointment = AppointmentValues & { reference: string; source: string; createdAt: Date };

const byColumn = <T>(value: (column: ValueColumn) => T) => Object.fromEntries(valueColumns.map((column) => [column, value(column)])) as Record<ValueColumn, T>;

/**
 * The look-up and the upsert of an appointment as statements prepared once, for a bulk import:
 * building a Drizzle query costs more than SQLite running it. Values pass through the schema's
 * column encoders as with the unprepared queries.
 */
export function prepareAppointmentStatements(db: Db) {
  const find = db.select().from(appointments).where(eq(appointments.reference, sql.placeholder('reference'))).prepare();
  const columns = getTableColumns(appointments);
  // Encoded here, not by Drizzle: a placeholder's encoder is also handed null (a timestamp fails on it).
  const encoders = valueColumns.map((column) => [column, columns[column]] as const);
  const encoded = (values: StoredAppointment) => {
    const params: Record<string, unknown> = { reference: values.reference, source: values.source, createdAt: values.createdAt };
    for (const [column, encoder] of encoders) params[column] = values[column] === null ? null : encoder.mapToDriverValue(values[column]);
    return params;
  };
  // One statement for a new and a known reference: a known one keeps its source and created_at.
  const upsert = db
    .insert(appointments)
    .values({
      ...byColumn((column) => sql`${sql.placeholder(column)}`),
      reference: sql.placeholder('reference'),
      source: sql.placeholder('source'),
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoUpdate({ target: appointments.reference, set: byColumn((column) => sql.raw(`excluded.${columns[column].name}`)) })
    .prepare();
  return {
    find: (reference: string): Appointment | undefined => find.get({ reference }),
    upsert: (values: StoredAppointment) => void upsert.run(encoded(values)),
  };
}
