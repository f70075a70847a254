import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MessagePage } from '../../views/layout';
import { LetterCodePage } from '../../views/survey/letter-code-page';
import type { AppDeps } from '../app';
import { RateLimiter } from '../auth/rate-limit';
import type { AppEnv } from '../http/env';
import { findInvitationByCode, letterToken } from '../invitations/letter-codes';
import { pageLanguage } from '../http/citizen-language';

/** Tries per address per quarter hour: plenty for typing errors, hopeless for guessing 40-bit codes. */
export const CODE_TRIES_PER_ADDRESS = 10;

/**
 * GET/POST /vragenlijst — the citizen types the code from the letter and is sent to the survey.
 * Only an open invitation's code leads on; a mistyped, unknown, used or expired code gets one and
 * the same answer, so trying codes reveals nothing about which exist.
 */
export function letterCodeRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'addressHashKey' | 'config'>) {
  const app = new Hono<AppEnv>();
  const tries = new RateLimiter(CODE_TRIES_PER_ADDRESS, 15 * 60_000);

  // Dutch, or the language chosen with ?taal= (the page has the switch); the survey itself then takes the invitation's.
  const form = (c: Context, value: string, error?: string) => {
    const lang = pageLanguage(c, deps.config);
    const t = lang.language.texts.letterCode;
    const message = error === 'empty' ? t.empty : error === 'notFound' ? t.notFound : undefined;
    return lang.render(<LetterCodePage value={value} error={message} action={lang.keep('/vragenlijst')} />, true);
  };

  app.get('/', (c) => c.render(form(c, '')));

  app.post('/', bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.render(form(c, '', 'notFound'), { status: 413 }) }), async (c) => {
    const wait = tries.hit(c.get('clientAddress'), deps.clock.now().getTime());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      const lang = pageLanguage(c, deps.config);
      return c.render(lang.render(<MessagePage title={lang.language.texts.letterCode.tooManyTitle} paragraphs={[lang.language.texts.letterCode.tooManyBody]} />), { status: 429 });
    }
    const body = await c.req.parseBody();
    const typed = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    if (typed.trim() === '') return c.render(form(c, '', 'empty'), { status: 422 });
    const invitation = findInvitationByCode(deps.db, deps.addressHashKey, typed);
    if (!invitation || invitation.status !== 'open' || invitation.expiresAt <= deps.clock.now()) {
      return c.render(form(c, typed, 'notFound'), { status: 422 });
    }
    return c.redirect(pageLanguage(c, deps.config).keep(`/s/${letterToken(deps.addressHashKey, invitation.id)}`), 303);
  });

  return app;
}
