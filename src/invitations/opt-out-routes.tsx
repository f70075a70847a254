import { Hono } from 'hono';
import { MessagePage } from '../../views/layout';
import { OptOutPage } from '../../views/survey/opt-out-page';
import type { AppDeps } from '../app';
import { renderPage } from '../http/render';
import { nl } from '../texts';
import { findInvitationForOptOut, optOut } from './invitations';

/**
 * GET /afmelden/:token asks for confirmation (a link scanner must not opt anyone out);
 * POST records it — from our form or as an RFC 8058 one-click request from a mail client.
 */
export function optOutRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono();
  const organisation = config.ORGANISATION_NAME;
  const notFound = () => (
    <MessagePage title={nl.survey.notFoundTitle} organisation={organisation} paragraphs={[nl.survey.notFoundBody]} />
  );

  app.get('/:token', (c) => {
    const token = c.req.param('token');
    if (!findInvitationForOptOut(db, token)) return renderPage(c, notFound(), 404);
    return renderPage(c, <OptOutPage organisation={organisation} action={`/afmelden/${token}`} />);
  });

  app.post('/:token', (c) => {
    const invitation = findInvitationForOptOut(db, c.req.param('token'));
    if (!invitation) return renderPage(c, notFound(), 404);
    optOut(db, invitation.id, invitation.addressHash, clock);
    return renderPage(
      c,
      <MessagePage title={nl.optOut.doneTitle} organisation={organisation} paragraphs={[nl.optOut.doneBody]} />,
    );
  });

  return app;
}
