import { z } from 'zod';
import { MODE_SEGMENT_KEY } from '../db/schema';
import { LANGUAGE_CODE } from '../texts/citizen';

const isoDateTime = z.iso.datetime({ offset: true });
// An unpaired surrogate cannot be stored as UTF-8: SQLite would keep bytes that read back as
// replacement characters. Such text is refused instead of silently changed.
const wellFormed = (schema: z.ZodString) => schema.refine((text) => !/\p{Surrogate}/u.test(text), 'must be well-formed Unicode (no unpaired surrogates)');
const shortText = (max: number) => wellFormed(z.string().trim().min(1).max(max));

const citizenSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  // Any well-formed code: a language without a language file is shown in Dutch (src/texts/citizen.ts).
  language: z
    .string()
    .trim()
    .max(35)
    .transform((code) => code.toLowerCase())
    .pipe(z.string().regex(LANGUAGE_CODE, 'must be a language code such as "nl", "en" or "pt-br"'))
    .default('nl'),
});

// A letter needs no address; `key` is the case system's own opaque identifier of the citizen.
const caseCitizenSchema = citizenSchema.extend({
  email: citizenSchema.shape.email.optional(),
  key: shortText(200).optional(),
});

const segmentSchema = z
  .record(wellFormed(z.string().trim().min(1).max(60)), wellFormed(z.string().trim().max(120)))
  .refine((segment) => Object.keys(segment).length <= 20, 'must have at most 20 keys')
  // The roll-ups count each response's mode under this key (src/heartmonitor/rollups.ts).
  .refine((segment) => !(MODE_SEGMENT_KEY in segment), `the key "${MODE_SEGMENT_KEY}" is reserved for the way a survey was answered`)
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
  // No default ("email" when absent): a default would change the payload hash of events sent before it existed.
  // "none": the case system has no way to reach the citizen; meethuis only counts the case as not invitable.
  delivery: z.enum(['email', 'letter', 'none']).optional(),
  // Absent only makes sense without an address (the schema then asks for one unless the delivery says otherwise).
  citizen: caseCitizenSchema.prefault({}),
  segment: segmentSchema,
  touchpoints: z.array(shortText(80)).min(1).max(30).optional(),
}).superRefine((event, ctx) => {
  if ((event.delivery ?? 'email') === 'email' && event.citizen.email === undefined) {
    ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['citizen', 'email'], message: 'required unless "delivery" is "letter" or "none"' });
  }
  if (event.delivery === 'none' && event.citizen.email !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['citizen', 'email'], message: 'must be absent when "delivery" is "none" (send "email" to invite by mail)' });
  }
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

const EXAMPLE_DATE_TIME = '"2026-11-20T14:03:00Z"';

/** Example values per field (array items as `*`, segment entries as `segment.*`), as in docs/event-api.md. */
const examples: Record<string, string> = {
  id: '"evt-000123"',
  type: '"case.closed"',
  case: '{ "reference": "Z-2026-000123", "caseType": "paspoort-aanvragen" }',
  'case.reference': '"Z-2026-000123"',
  'case.caseType': '"paspoort-aanvragen"',
  'case.channel': '"balie"',
  citizen: '{ "email": "jan@example.nl", "language": "nl" }',
  'citizen.email': '"jan@example.nl"',
  'citizen.language': '"nl"',
  'citizen.key': '"adres-7f3a9c"',
  delivery: '"letter"',
  segment: '{ "leeftijd": "65+", "wijk": "Woensel" }',
  'segment.*': '"65+"',
  touchpoints: '["afspraak-maken", "balie", "ophalen"]',
  'touchpoints.*': '"balie"',
  appointment: '{ "reference": "A-991", "product": "paspoort" }',
  'appointment.reference': '"A-991"',
  'appointment.product': '"paspoort"',
  'appointment.location': '"Stadskantoor"',
  'appointment.channel': '"web"',
};

function exampleFor(path: PropertyKey[], dateTime: boolean): string | undefined {
  if (dateTime) return EXAMPLE_DATE_TIME;
  const key = path.map((part, index) => (typeof part === 'number' || (index === 1 && path[0] === 'segment') ? '*' : String(part))).join('.');
  return examples[key] ?? (/At$/.test(key) ? EXAMPLE_DATE_TIME : undefined);
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function expectation(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return article(issue.expected);
    case 'invalid_format':
      if (issue.format === 'datetime') return 'an ISO 8601 date-time with time and time zone';
      return issue.format === 'email' ? 'an e-mail address' : `text in ${issue.format} format`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? `one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}` : undefined;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'a non-empty text' : `a text of at least ${issue.minimum} characters`;
      return `at least ${issue.minimum} ${issue.origin === 'array' ? 'items' : ''}`.trim();
    case 'too_big':
      return `at most ${issue.maximum} ${issue.origin === 'string' ? 'characters' : issue.origin === 'array' ? 'items' : ''}`.trim();
    default:
      return undefined;
  }
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((value, part) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[part] : undefined), body);
}

/**
 * An integrator's reading of a validation issue: which field, missing or wrong, what is
 * expected and an example — instead of zod's "Invalid input: expected string, received undefined".
 * The value sent is not echoed: it may be a citizen's address.
 */
export function describeEventIssue(body: unknown): (issue: z.core.$ZodIssue) => string {
  return (issue) => {
    const field = issue.path.join('.');
    const expecting = expectation(issue);
    if (expecting === undefined) return issue.path.length ? `"${field}": ${issue.message}` : issue.message;
    const example = exampleFor(issue.path, issue.code === 'invalid_format' && issue.format === 'datetime');
    const expected = `${expecting}${example ? `, e.g. ${example}` : ''}`;
    if (issue.path.length === 0) return `The body must be ${expected}.`;
    if (valueAt(body, issue.path) === undefined) return `Missing required field "${field}": expected ${expected}.`;
    return `"${field}" must be ${expected}.`;
  };
}
