import { z } from 'zod';
import { notificationSchema, type ZgwMessage } from './notification';

/** Open Notificaties delivers to an abonnement with "send cloudevents" switched on with this media type. */
export const CLOUDEVENT_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * A Notificaties API message as a CloudEvent (open-notificaties src/nrc/api/serializers.py,
 * _transform_to_cloudevent): type "nl.overheid.<kanaal>.<resource>.<actie>", subject = the
 * resource's uuid, time = aanmaakdatum, data = the kenmerken plus hoofdObject. There is no resourceUrl.
 */
const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(1000),
  source: z.string().min(1).max(1000),
  type: z.string().regex(/^nl\.overheid\.[^.]+\.[^.]+\.[^.]+$/, 'nl.overheid.<kanaal>.<resource>.<actie>'),
  subject: z.string().min(1).max(200),
  time: z.string(),
  data: z.looseObject({ hoofdObject: z.string() }),
});

/** Collection names of the resources whose URL is not the hoofdObject itself (Zaken API: /statussen/{uuid}). */
const COLLECTIONS: Record<string, string> = { status: 'statussen' };

/**
 * The URL of the resource a CloudEvent is about. The main object's resource (a zaak, a klantcontact)
 * is the hoofdObject itself; a status lies in the same API as its zaak. Other resources are not
 * acted on, so the hoofdObject stands in for them. The processor calls only URLs within the
 * subscription's APIs, so a forged event cannot make it send its credentials elsewhere.
 */
function resourceUrlOf(hoofdObject: string, resource: string, subject: string): string {
  const url = new URL(hoofdObject);
  const segments = url.pathname.split('/');
  if (segments.at(-1) === subject) return hoofdObject;
  const collection = COLLECTIONS[resource];
  if (!collection) return hoofdObject;
  url.pathname = [...segments.slice(0, -2), collection, encodeURIComponent(subject)].join('/');
  return url.href;
}

export type CloudEventResult = { success: true; data: ZgwMessage } | { success: false; error: z.ZodError };

/**
 * Reads a CloudEvent as the Notificaties API message it was made from, so it is checked, stored,
 * deduplicated and processed exactly like one (the same notification from a plain abonnement and a
 * CloudEvents abonnement is handled once).
 */
export function messageFromCloudEvent(body: unknown): CloudEventResult {
  const event = cloudEventSchema.safeParse(body);
  if (!event.success) return event;
  const { type, subject, time, data, source } = event.data;
  const [kanaal, resource, actie] = type.slice('nl.overheid.'.length).split('.') as [string, string, string];
  const { hoofdObject, ...kenmerken } = data;
  let resourceUrl = hoofdObject;
  try {
    resourceUrl = resourceUrlOf(hoofdObject, resource, subject);
  } catch {
    // An invalid hoofdObject is reported by the message schema below.
  }
  return notificationSchema.safeParse({ kanaal, source: source.slice(0, 100), hoofdObject, resource, resourceUrl, actie, aanmaakdatum: time, kenmerken });
}
