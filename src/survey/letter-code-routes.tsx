import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MessagePage } from '../../views/layout';
import { LetterCodePage } from '../../views/survey/letter-code-page';
import type { AppDeps } from '../app';
import { RateLimiter } from '../auth/rate-limit';
import type { AppEnv } from '../http/env';
import { findInvitationByCode, letterToken } from '../invitations/letter-codes';
import { nl } from '../texts';

/** Tries per address per quarter hour: plenty for typing errors, hopeless for guessing 40-bit codes. */
export const CODE_TRIES_PER_ADDRESS = 10;

/**
 * GET/POST /vragenlijst — the citizen types the code from the letter and is sent to the survey.
 * Only an open invitation's code leads on; a mistyped, unknown, used or expired code gets one and
 * the same answer, so trying codes reveals nothing about which exist.
 */
export function letterCodeRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'addressHashKey'>) {
  const app = new Hono<AppEnv>();
  const tries = new RateLimiter(CODE_TRIES_PER_ADDRESS, 15 * 60_000);

  app.get('/', (c) => c.render(<LetterCodePage value="" />));

  app.post('/', bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.render(<LetterCodePage value="" error={nl.letterCode.notFound} />, { status: 413 }) }), async (c) => {
    const wait = tries.hit(c.get('clientAddress'), deps.clock.now().getTime());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.render(<MessagePage title={nl.letterCode.tooManyTitle} paragraphs={[nl.letterCode.tooManyBody]} />, { status: 429 });
    }
    const body = await c.req.parseBody();
    const typed = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    if (typed.trim() === '') return c.render(<LetterCodePage value="" error={nl.letterCode.empty} />, { status: 422 });
    const invitation = findInvitationByCode(deps.db, deps.addressHashKey, typed);
    if (!invitation || invitation.status !== 'open' || invitation.expiresAt <= deps.clock.now()) {
      return c.render(<LetterCodePage value={typed} error={nl.letterCode.notFound} />, { status: 422 });
    }
    return c.redirect(`/s/${letterToken(deps.addressHashKey, invitation.id)}`, 303);
  });

  return app;
}
