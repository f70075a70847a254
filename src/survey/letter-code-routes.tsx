import { Hono, type Context } from 'hono';
import { limitBody } from '../http/body-limit';
import { MessagePage } from '../../views/layout';
import { LetterCodePage } from '../../views/survey/letter-code-page';
import type { AppDeps } from '../app';
import { RateLimiter } from '../auth/rate-limit';
import { audit } from '../audit/audit-log';
import type { AppEnv } from '../http/env';
import { findInvitationByCode, letterToken } from '../invitations/letter-codes';
import { pageLanguage } from '../http/citizen-language';
import { readForm } from '../http/form-body';

/** Tries per address per quarter hour: plenty for typing errors, hopeless for guessing 40-bit codes. */
export const CODE_TRIES_PER_ADDRESS = 10;
/**
 * Wrong codes from all addresses together per quarter hour: stops guessing spread over many
 * addresses. 300 wrong codes in 15 minutes is far more than citizens mistype; at that pace,
 * guessing one of 10,000 open codes out of 31^8 takes on average about 25,000 years. While it
 * holds, the letter's link and QR code still work: only typing a code waits.
 */
export const CODE_FAILURES_IN_TOTAL = 300;
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * GET/POST /vragenlijst — the citizen types the code from the letter and is sent to the survey.
 * Only an open invitation's code leads on; a mistyped, unknown, used or expired code gets one and
 * the same answer, so trying codes reveals nothing about which exist.
 */
export function letterCodeRoutes(deps: Pick<AppDeps, 'db' | 'clock' | 'addressHashKey' | 'config'>) {
  const app = new Hono<AppEnv>();
  const tries = new RateLimiter(CODE_TRIES_PER_ADDRESS, QUARTER_HOUR_MS);
  const failures = new RateLimiter(CODE_FAILURES_IN_TOTAL, QUARTER_HOUR_MS);
  let reportedWindow = -1;

  // Dutch, or the language chosen with ?taal= (the page has the switch); the survey itself then takes the invitation's.
  const form = (c: Context, value: string, error?: string) => {
    const lang = pageLanguage(c, deps.config);
    const t = lang.language.texts.letterCode;
    const message = error === 'empty' ? t.empty : error === 'notFound' ? t.notFound : undefined;
    return lang.render(<LetterCodePage value={value} error={message} action={lang.keep('/vragenlijst')} />, true);
  };

  app.get('/', (c) => c.render(form(c, '')));

  const wait = (c: Context, seconds: number, body: 'tooManyBody' | 'busyBody') => {
    c.header('Retry-After', String(seconds));
    const lang = pageLanguage(c, deps.config);
    const t = lang.language.texts.letterCode;
    return c.render(lang.render(<MessagePage title={t.tooManyTitle} paragraphs={[t[body]]} />), { status: 429 });
  };

  app.post('/', limitBody({ maxSize: 4 * 1024, onError: (c) => c.render(form(c, '', 'notFound'), { status: 413 }) }), async (c) => {
    const now = deps.clock.now();
    const everyone = failures.retryAfter('all', now.getTime());
    if (everyone > 0) return wait(c, everyone, 'busyBody');
    const mine = tries.hit(c.get('clientAddress'), now.getTime());
    if (mine > 0) return wait(c, mine, 'tooManyBody');
    const body = await readForm(c);
    const typed = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    if (typed.trim() === '') return c.render(form(c, '', 'empty'), { status: 422 });
    const invitation = findInvitationByCode(deps.db, deps.addressHashKey, typed);
    if (!invitation || invitation.status !== 'open' || invitation.expiresAt <= now) {
      failures.hit('all', now.getTime());
      // Once per quarter hour at most: the admins see in the audit log that codes are being guessed.
      const window = Math.floor(now.getTime() / QUARTER_HOUR_MS);
      if (failures.retryAfter('all', now.getTime()) > 0 && window !== reportedWindow) {
        reportedWindow = window;
        audit(deps.db, now, { action: 'letter-code.guessing-limit', result: 'denied', details: { wrongCodes: CODE_FAILURES_IN_TOTAL }, actor: { userId: null, label: 'anoniem' } });
      }
      return c.render(form(c, typed, 'notFound'), { status: 422 });
    }
    return c.redirect(pageLanguage(c, deps.config).keep(`/s/${letterToken(deps.addressHashKey, invitation.id)}`), 303);
  });

  return app;
}
