import { z } from 'zod';

const isoDateTime = z.iso.datetime({ offset: true });
const shortText = (max: number) => z.string().trim().min(1).max(max);

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
  citizen: z.object({
    email: z.string().trim().max(254).pipe(z.email()),
    language: z.enum(['nl', 'en']).default('nl'),
  }),
  segment: z
    .record(z.string().trim().min(1).max(60), z.string().trim().max(120))
    .refine((segment) => Object.keys(segment).length <= 20, 'at most 20 segment keys')
    .default({}),
  touchpoints: z.array(shortText(80)).min(1).max(30).optional(),
});

/** The event API's body; a discriminated union so appointment events can join it compatibly. */
export const eventSchema = z.discriminatedUnion('type', [caseClosedEventSchema]);

export type CaseClosedEvent = z.infer<typeof caseClosedEventSchema>;
export type IncomingEvent = z.infer<typeof eventSchema>;
