import { and, eq, getTableColumns, is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { dayOf, weekdayAndHour } from '../calendar';
import type { Db } from '../db/client';
import { appointments, HOSTING_ORGANISATION_ID, type Appointment, type AppointmentStatus } from '../db/schema';
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

/** What an appointment row holds apart from its identity (organisation, reference, source, created_at). */
export type AppointmentValues = Omit<Appointment, 'id' | 'organisationId' | 'reference' | 'source' | 'createdAt'>;

/** A detail from the input when it is newer or nothing is stored yet, else the stored one. */
function pick<T>(newer: boolean, incoming: T | undefined, stored: T | undefined | null): T | undefined {
  return incoming !== undefined && (newer || stored === undefined || stored === null) ? incoming : (stored ?? undefined);
}

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

  const startsAt = pick(newer, input.startsAt, existing?.startsAt)!;
  const bookedAt = pick(newer, input.bookedAt, existing?.bookedAt);
  const reminderSentAt = pick(newer, input.reminderSentAt, existing?.reminderSentAt);
  const { day, weekday, hour } = amsterdamSlot(startsAt);
  return {
    product: pick(newer, input.product, existing?.product) ?? UNKNOWN,
    location: pick(newer, input.location, existing?.location) ?? UNKNOWN,
    channel: pick(newer, input.channel, existing?.channel) ?? UNKNOWN,
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
export function recordAppointment(
  db: Writer,
  deps: { addressHashKey: string; now: Date },
  input: AppointmentInput,
  source: string,
  organisationId: number = HOSTING_ORGANISATION_ID,
): AppointmentOutcome {
  const existing = db
    .select()
    .from(appointments)
    .where(and(eq(appointments.organisationId, organisationId), eq(appointments.reference, input.reference)))
    .get();
  const values = nextAppointmentValues(existing, input, deps);
  if (existing) {
    db.update(appointments).set(values).where(eq(appointments.id, existing.id)).run();
    return { id: existing.id, reference: input.reference, status: values.status, created: false, statusChanged: values.status !== existing.status };
  }
  const row = db
    .insert(appointments)
    .values({ ...values, organisationId, reference: input.reference, source, createdAt: deps.now })
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
/** The identity a new appointment gets besides its values. */
type Identity = { reference: string; source: string; createdAt: Date };

const byColumn = <T>(value: (column: ValueColumn) => T) => Object.fromEntries(valueColumns.map((column) => [column, value(column)])) as Record<ValueColumn, T>;

const LOOK_UP_GROUP = 500;

/**
 * The look-up and the upsert of an appointment as statements prepared once, for a bulk import.
 * Drizzle builds their SQL; they run on the connection itself, values passing through the
 * schema's column encoders and decoders as with Drizzle's queries: for a statement that runs
 * in microseconds, Drizzle filling placeholders and mapping rows cost more than SQLite.
 */
export function prepareAppointmentStatements(db: Db, organisationId: number = HOSTING_ORGANISATION_ID) {
  const tableColumns = getTableColumns(appointments);
  const columns = Object.entries(tableColumns);
  // The organisation is part of the statements' text (an integer), so every `?` stays a reference or a value.
  const organisation = sql.raw(String(Math.trunc(organisationId)));
  const select = (where: SQL) =>
    db.$client.prepare<string[], Record<string, unknown>>(
      db
        .select()
        .from(appointments)
        .where(sql`${appointments.organisationId} = ${organisation} AND ${where}`)
        .toSQL().sql,
    );
  const find = select(eq(appointments.reference, sql.placeholder('reference')));
  // Many references per call into SQLite, each bound as a parameter like the stored ones (so
  // they compare exactly as `find` does); a short last group repeats a reference.
  const manyPlaceholders = Array.from({ length: LOOK_UP_GROUP }, (_, i) => sql.placeholder(`reference${i}`));
  const findMany = select(sql`${appointments.reference} IN (${sql.join(manyPlaceholders, sql`, `)})`);
  const decoded = (row: Record<string, unknown>) => {
    const appointment: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = row[column.name];
      appointment[key] = value === null ? null : column.mapFromDriverValue(value);
    }
    return appointment as Appointment;
  };

  // One statement for a new and a known reference: a known one keeps its source and created_at.
  const upsertQuery = db
    .insert(appointments)
    .values({
      ...byColumn((column) => sql`${sql.placeholder(column)}`),
      organisationId: sql`${organisation}`,
      reference: sql`${sql.placeholder('reference')}`,
      source: sql`${sql.placeholder('source')}`,
      createdAt: sql`${sql.placeholder('createdAt')}`,
    })
    .onConflictDoUpdate({ target: [appointments.organisationId, appointments.reference], set: byColumn((column) => sql.raw(`excluded.${tableColumns[column].name}`)) })
    .toSQL();
  const upsert = db.$client.prepare(upsertQuery.sql);
  // Each `?` of the statement: the identity's value, or a value through its column's encoder (never null: a timestamp's fails on it).
  const parameters = upsertQuery.params.map((param): ((values: AppointmentValues, identity: Identity) => unknown) => {
    if (!is(param, Placeholder)) throw new Error('prepareAppointmentStatements: every value of the upsert is a placeholder');
    const name = param.name as ValueColumn | keyof Identity;
    if (name === 'reference' || name === 'source') return (_values, identity) => identity[name];
    if (name === 'createdAt') return (_values, identity) => tableColumns.createdAt.mapToDriverValue(identity.createdAt);
    const column = tableColumns[name];
    return (values) => (values[name] === null ? null : column.mapToDriverValue(values[name] as never));
  });
  return {
    find: (reference: string): Appointment | undefined => {
      const row = find.get(reference);
      return row && decoded(row);
    },
    /** The stored appointments among `references`, by reference. */
    findMany: (references: string[]): Map<string, Appointment> => {
      const found = new Map<string, Appointment>();
      for (let start = 0; start < references.length; start += LOOK_UP_GROUP) {
        const group = references.slice(start, start + LOOK_UP_GROUP);
        while (group.length < LOOK_UP_GROUP) group.push(group[0]!);
        for (const row of findMany.all(...group)) {
          const appointment = decoded(row);
          found.set(appointment.reference, appointment);
        }
      }
      return found;
    },
    upsert: (values: AppointmentValues, identity: Identity) => void upsert.run(parameters.map((parameter) => parameter(values, identity))),
  };
}
