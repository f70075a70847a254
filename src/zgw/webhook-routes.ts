import { Hono } from 'hono';
import { limitBody } from '../http/body-limit';
import type { AppDeps } from '../app';
import { fieldErrors, problem } from '../http/problem';
import { CLOUDEVENT_CONTENT_TYPE, messageFromCloudEvent } from './cloudevent';
import { storeNotification } from './inbox';
import { notificationSchema, TEST_CHANNEL } from './notification';
import { findSubscriptionByAuth } from './subscriptions';

export const MAX_NOTIFICATION_BYTES = 64 * 1024;

/**
 * POST /api/v1/zgw/notificaties — the Notificaties API webhook (consumer side). Checks the
 * Authorization value first (401 without, 403 when it belongs to no active subscription), answers
 * Open Notificaties' subscription check (kanaal "test") with 204, and stores every valid message
 * in the durable inbox before answering 204: processing happens after, from the inbox. A CloudEvent
 * (Content-Type application/cloudevents+json, from an abonnement with "send cloudevents") is read as
 * the message it was made from. Mounted at WEBHOOK_PATH with and without a trailing slash.
 */
export function zgwWebhookRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'onZgwNotification'>) {
  const { db, clock } = deps;
  const app = new Hono<{ Variables: { subscriptionId: number } }>();

  app.post(
    '/',
    async (c, next) => {
      const header = c.req.header('Authorization')?.trim();
      if (!header) {
        c.header('WWW-Authenticate', 'Token realm="meethuis"');
        return problem(c, 401, 'Unauthorized', 'Send the Authorization value configured for this subscription.');
      }
      const subscription = findSubscriptionByAuth(db, header);
      if (!subscription) return problem(c, 403, 'Forbidden', 'This Authorization value belongs to no active subscription.');
      c.set('subscriptionId', subscription.id);
      await next();
    },
    limitBody({
      maxSize: MAX_NOTIFICATION_BYTES,
      onError: (c) => problem(c, 413, 'Payload Too Large', `A notification may be at most ${MAX_NOTIFICATION_BYTES} bytes.`),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return problem(c, 400, 'Malformed JSON', 'The body must be a Notificaties API message in JSON.');
      }
      if (body && typeof body === 'object' && (body as { kanaal?: unknown }).kanaal === TEST_CHANNEL) return c.body(null, 204);
      const cloudEvent = c.req.header('Content-Type')?.toLowerCase().startsWith(CLOUDEVENT_CONTENT_TYPE) ?? false;
      const parsed = cloudEvent ? messageFromCloudEvent(body) : notificationSchema.safeParse(body);
      if (!parsed.success) return problem(c, 400, cloudEvent ? 'Invalid CloudEvent' : 'Invalid notification', 'See errors for each field.', fieldErrors(parsed.error));
      if (parsed.data.kanaal === TEST_CHANNEL) return c.body(null, 204);
      const result = storeNotification(db, { subscriptionId: c.get('subscriptionId'), message: parsed.data, now: clock.now() });
      if (result.stored) deps.onZgwNotification?.();
      return c.body(null, 204);
    },
  );

  return app;
}
