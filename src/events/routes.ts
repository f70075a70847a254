import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { findActiveApiKey, touchApiKey } from '../api-keys/api-keys';
import { RateLimiter } from '../auth/rate-limit';
import type { AppDeps } from '../app';
import { fieldErrors, problem } from '../http/problem';
import { describeEventIssue, eventSchema } from './event-schema';
import { ingestAppointmentEvent } from './ingest-appointment';
import { ingestCaseClosed, UnprocessableEventError } from './ingest';

export const MAX_EVENT_BYTES = 64 * 1024;

type Env = { Variables: { apiKeyId: number } };

/** POST /api/v1/events — the contract in DESIGN.md; checks run cheapest and most telling first. */
export function eventRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'mail' | 'onMailQueued'>) {
  const { db } = deps;
  const eventsPerMinute = deps.config.EVENTS_PER_MINUTE_PER_KEY;
  const app = new Hono<Env>();
  const perKey = new RateLimiter(eventsPerMinute, 60_000);

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 400) return problem(c, 400, 'Malformed JSON', error.message);
    throw error;
  });

  app.post(
    '/',
    async (c, next) => {
      const header = c.req.header('Authorization') ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const key = match?.[1] ? findActiveApiKey(db, match[1]) : undefined;
      if (!key) {
        c.header('WWW-Authenticate', 'Bearer realm="meethuis"');
        return problem(c, 401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
      }
      const wait = perKey.hit(String(key.id), deps.clock.now().getTime());
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return problem(c, 429, 'Too Many Requests', `At most ${eventsPerMinute} events per minute per API key; retry after ${wait} s.`);
      }
      touchApiKey(db, key.id, deps.clock.now(), key.lastUsedAt);
      c.set('apiKeyId', key.id);
      await next();
    },
    async (c, next) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        return problem(c, 415, 'Unsupported Media Type', 'Send the event as JSON with "Content-Type: application/json".');
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_EVENT_BYTES,
      onError: (c) => problem(c, 413, 'Payload Too Large', `An event may be at most ${MAX_EVENT_BYTES} bytes.`),
    }),
    zValidator('json', eventSchema, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid event', 'See errors for each field.', fieldErrors(result.error, describeEventIssue(result.data)));
    }),
    (c) => {
      const event = c.req.valid('json');
      try {
        const result =
          event.type === 'case.closed' ? ingestCaseClosed(db, deps, c.get('apiKeyId'), event) : ingestAppointmentEvent(db, deps, c.get('apiKeyId'), event);
        if (result.status === 'accepted') deps.onMailQueued?.();
        return c.json({ eventId: event.id, ...result }, 202);
      } catch (error) {
        if (error instanceof UnprocessableEventError) {
          return problem(c, 422, 'Unprocessable event', error.message, [{ field: error.field, message: error.message }]);
        }
        throw error;
      }
    },
  );

  return app;
}
