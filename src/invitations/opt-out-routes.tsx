import { Hono } from 'hono';
import { MessagePage } from '../../views/layout';
import { OptOutPage } from '../../views/invitations/opt-out-page';
import type { AppDeps } from '../app';
import { pageLanguage, type PageLanguage } from '../http/citizen-language';
import { findInvitationForOptOut, optOut } from './invitations';

/**
 * GET /afmelden/:token asks for confirmation (a link scanner must not opt anyone out);
 * POST records it — from our form or as an RFC 8058 one-click request from a mail client.
 */
export function optOutRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono();
  const notFound = (lang: PageLanguage) =>
    lang.render(<MessagePage title={lang.language.texts.survey.notFoundTitle} paragraphs={[lang.language.texts.survey.notFoundBody]} />);

  // In the invitation's language, or the one chosen with ?taal=.
  app.get('/:token', (c) => {
    const token = c.req.param('token');
    const invitation = findInvitationForOptOut(db, token);
    const lang = pageLanguage(c, config, invitation?.language);
    if (!invitation) return c.render(notFound(lang), { status: 404 });
    return c.render(lang.render(<OptOutPage action={lang.keep(`/afmelden/${token}`)} />, true));
  });

  app.post('/:token', (c) => {
    const invitation = findInvitationForOptOut(db, c.req.param('token'));
    const lang = pageLanguage(c, config, invitation?.language);
    if (!invitation) return c.render(notFound(lang), { status: 404 });
    optOut(db, invitation.id, invitation.addressHash, clock);
    const t = lang.language.texts.optOut;
    return c.render(lang.render(<MessagePage title={t.doneTitle} paragraphs={[t.doneBody]} />));
  });

  return app;
}
