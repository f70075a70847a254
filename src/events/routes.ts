import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import QRCode from 'qrcode';
import { limitBody } from '../http/body-limit';
import { HTTPException } from 'hono/http-exception';
import { findActiveApiKey, touchApiKey } from '../api-keys/api-keys';
import { RateLimiter } from '../auth/rate-limit';
import type { AppDeps } from '../app';
import { fieldErrors, problem } from '../http/problem';
import { describeEventIssue, eventSchema } from './event-schema';
import { ingestAppointmentEvent } from './ingest-appointment';
import { ingestCaseClosed, UnprocessableEventError } from './ingest';
import { findInvitationByCode } from '../invitations/letter-codes';
import { findLetterSurvey } from '../invitations/invitations';
import { runInGroupCommit } from '../db/group-commit';
import { events } from '../db/schema';
import { and, eq } from 'drizzle-orm';

export const MAX_EVENT_BYTES = 64 * 1024;

// The key and the organisation it belongs to: its events are that organisation's.
type Env = { Variables: { apiKeyId: number; organisationId: number } };
type ApiDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/** Bearer API key, then at most `perMinute` requests a minute per key (the event API's and the QR codes' own counters). */
function apiKeyAuth(deps: ApiDeps, perMinute: number, what: string): MiddlewareHandler<Env> {
  const perKey = new RateLimiter(perMinute, 60_000);
  return async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1] ? findActiveApiKey(deps.db, match[1]) : undefined;
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="meethuis"');
      return problem(c, 401, 'Unauthorized', 'Send a valid API key as "Authorization: Bearer <key>".');
    }
    const wait = perKey.hit(String(key.id), deps.clock.now().getTime());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return problem(c, 429, 'Too Many Requests', `At most ${perMinute} ${what} per minute per API key; retry after ${wait} s.`);
    }
    touchApiKey(deps.db, key.id, deps.clock.now(), key.lastUsedAt);
    c.set('apiKeyId', key.id);
    c.set('organisationId', key.organisationId);
    await next();
  };
}

/** POST /api/v1/events — the contract in DESIGN.md; checks run cheapest and most telling first. */
export function eventRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey' | 'mail' | 'onMailQueued'>) {
  const { db } = deps;
  const eventsPerMinute = deps.config.EVENTS_PER_MINUTE_PER_KEY;
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status === 400) return problem(c, 400, 'Malformed JSON', error.message);
    throw error;
  });

  app.post(
    '/',
    apiKeyAuth(deps, eventsPerMinute, 'events'),
    async (c, next) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
        return problem(c, 415, 'Unsupported Media Type', 'Send the event as JSON with "Content-Type: application/json".');
      }
      await next();
    },
    limitBody({
      maxSize: MAX_EVENT_BYTES,
      onError: (c) => problem(c, 413, 'Payload Too Large', `An event may be at most ${MAX_EVENT_BYTES} bytes.`),
    }),
    zValidator('json', eventSchema, (result, c) => {
      if (!result.success) return problem(c, 400, 'Invalid event', 'See errors for each field.', fieldErrors(result.error, describeEventIssue(result.data)));
    }),
    async (c) => {
      const event = c.req.valid('json');
      const apiKeyId = c.get('apiKeyId');
      const organisationId = c.get('organisationId');
      try {
        // Answered only once durable; events arriving together share one commit (src/db/group-commit.ts).
        const result = await runInGroupCommit(db.$client, () =>
          event.type === 'case.closed'
            ? ingestCaseClosed(db, deps, apiKeyId, event, organisationId)
            : ingestAppointmentEvent(db, deps, apiKeyId, event, organisationId),
        );
        if (result.status === 'accepted' && !('survey' in result)) deps.onMailQueued?.();
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

/**
 * GET /api/v1/invitations/:code/qr.svg — the letter's link as a QR code, for the case system to
 * print. Only for codes of invitations from this API key's own events; any other code is 404.
 */
export function invitationApiRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'addressHashKey'>) {
  const { db } = deps;
  const app = new Hono<Env>();
  app.get('/:code/qr.svg', apiKeyAuth(deps, deps.config.EVENTS_PER_MINUTE_PER_KEY, 'QR codes'), async (c) => {
    const invitation = findInvitationByCode(db, deps.addressHashKey, c.req.param('code'));
    const ownEvent =
      invitation &&
      db.select({ id: events.id }).from(events).where(and(eq(events.apiKeyId, c.get('apiKeyId')), eq(events.invitationId, invitation.id))).get();
    const survey = ownEvent ? findLetterSurvey(db, deps, invitation.id) : undefined;
    if (!survey) return problem(c, 404, 'Not Found', 'No letter invitation of this API key has this code.');
    // Error correction M: survives a smudge or a fold in the paper; margin 4 is the quiet zone the standard asks for.
    const svg = await QRCode.toString(survey.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    c.header('Cache-Control', 'no-store');
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml' });
  });
  return app;
}
