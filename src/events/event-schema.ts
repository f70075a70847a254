import { z } from 'zod';

const isoDateTime = z.iso.datetime({ offset: true });
// An unpaired surrogate cannot be stored as UTF-8: SQLite would keep bytes that read back as
// replacement characters. Such text is refused instead of silently changed.
const wellFormed = (schema: z.ZodString) => schema.refine((text) => !/\p{Surrogate}/u.test(text), 'must be well-formed Unicode (no unpaired surrogates)');
const shortText = (max: number) => wellFormed(z.string().trim().min(1).max(max));

const citizenSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  language: z.enum(['nl', 'en']).default('nl'),
});

const segmentSchema = z
  .record(wellFormed(z.string().trim().min(1).max(60)), wellFormed(z.string().trim().max(120)))
  .refine((segment) => Object.keys(segment).length <= 20, 'at most 20 segment keys')
  .default({});

const caseClosedEventSchema = z.object({
  id: shortText(200),
  type: z.literal('case.closed'),
  occurredAt: isoDateTime,
  case: z.object({
    reference: shortText(200),
    caseType: shortText(120),
    openedAt: isoDateTime.optional(),
    channel: shortText(60).optional(),
  }),
  citizen: citizenSchema,
  segment: segmentSchema,
  touchpoints: z.array(shortText(80)).min(1).max(30).optional(),
});

export const appointmentEventTypes = ['appointment.booked', 'appointment.attended', 'appointment.no_show', 'appointment.cancelled'] as const;

const appointmentEventSchema = z.object({
  id: shortText(200),
  type: z.enum(appointmentEventTypes),
  occurredAt: isoDateTime,
  appointment: z.object({
    reference: shortText(200),
    product: shortText(120).optional(),
    location: shortText(120).optional(),
    channel: shortText(60).optional(),
    bookedAt: isoDateTime.optional(),
    startsAt: isoDateTime.optional(),
    reminderSentAt: isoDateTime.optional(),
  }),
  citizen: citizenSchema.optional(),
  segment: segmentSchema,
});

/** The event API's body: case and appointment events, told apart by `type`. */
export const eventSchema = z.discriminatedUnion('type', [caseClosedEventSchema, appointmentEventSchema]);

export type CaseClosedEvent = z.infer<typeof caseClosedEventSchema>;
export type AppointmentEvent = z.infer<typeof appointmentEventSchema>;
export type IncomingEvent = z.infer<typeof eventSchema>;
