import { z } from 'zod';

/**
 * A Notificaties API message as Open Notificaties sends it (schema `Message`): required
 * kanaal, hoofdObject, resource, resourceUrl, actie, aanmaakdatum; optional kenmerken, source.
 */
export const notificationSchema = z.object({
  kanaal: z.string().trim().min(1).max(50),
  source: z.string().max(100).optional(),
  hoofdObject: z.url({ protocol: /^https?$/ }).max(1000),
  resource: z.string().trim().min(1).max(100),
  resourceUrl: z.url({ protocol: /^https?$/ }).max(1000),
  actie: z.string().trim().min(1).max(100),
  // Django sends "2019-03-27T10:59:13Z", sometimes with fractions or "+00:00"; a missing offset is read as UTC.
  aanmaakdatum: z
    .union([z.iso.datetime({ offset: true }), z.iso.datetime({ local: true })])
    .refine((value) => !Number.isNaN(aanmaakdatumOf({ aanmaakdatum: value }).getTime()), 'not a real date and time'),
  // Values are strings in the standard; numbers and booleans from other publishers are kept as text.
  kenmerken: z
    .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
    .refine((kenmerken) => Object.keys(kenmerken).length <= 50, 'at most 50 kenmerken')
    .optional()
    .transform((kenmerken) =>
      Object.fromEntries(Object.entries(kenmerken ?? {}).map(([key, value]) => [key, value === null ? '' : String(value)])),
    ),
});

export type ZgwMessage = z.infer<typeof notificationSchema>;

/** Where Open Notificaties delivers (the callback URL is PUBLIC_URL + this). */
export const WEBHOOK_PATH = '/api/v1/zgw/notificaties';

/** Open Notificaties checks a new subscription with a message on this channel (with and without our auth). */
export const TEST_CHANNEL = 'test';

/** The instant of `aanmaakdatum`; without an offset it is taken as UTC. */
export function aanmaakdatumOf(message: { aanmaakdatum: string }): Date {
  const value = message.aanmaakdatum;
  return new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`);
}

/**
 * The key a repeated delivery is recognised by. A resource is created (or destroyed) once, so
 * for those the time is left out (a re-sent message may carry another one); an update is an
 * event of its own at each time.
 */
export function dedupeKeyOf(message: Pick<ZgwMessage, 'kanaal' | 'resource' | 'resourceUrl' | 'actie' | 'aanmaakdatum'>): string {
  const base = [message.kanaal, message.resource, message.resourceUrl, message.actie].join('|');
  return message.actie === 'create' || message.actie === 'destroy' ? base : `${base}|${aanmaakdatumOf(message).toISOString()}`;
}

export type NotificationKind = 'zaak-status' | 'klantcontact';

/** What meethuis acts on: a new status of a zaak, and a new contact in Open Klant. */
export function kindOf(message: Pick<ZgwMessage, 'kanaal' | 'resource' | 'actie'>): NotificationKind | undefined {
  if (message.kanaal === 'zaken' && message.resource === 'status' && message.actie === 'create') return 'zaak-status';
  if (message.kanaal === 'klantcontacten' && message.resource === 'klantcontact' && message.actie === 'create') return 'klantcontact';
  return undefined;
}
