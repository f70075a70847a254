import { Hono } from 'hono';
import { MessagePage } from '../../views/layout';
import { OptOutPage } from '../../views/invitations/opt-out-page';
import type { AppDeps } from '../app';
import { nl } from '../texts';
import { findInvitationForOptOut, optOut } from './invitations';

/**
 * GET /afmelden/:token asks for confirmation (a link scanner must not opt anyone out);
 * POST records it — from our form or as an RFC 8058 one-click request from a mail client.
 */
export function optOutRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = new Hono();
  const notFound = () => (
    <MessagePage title={nl.survey.notFoundTitle} paragraphs={[nl.survey.notFoundBody]} />
  );

  app.get('/:token', (c) => {
    const token = c.req.param('token');
    if (!findInvitationForOptOut(db, token)) return c.render(notFound(), { status: 404 });
    return c.render(<OptOutPage action={`/afmelden/${token}`} />);
  });

  app.post('/:token', (c) => {
    const invitation = findInvitationForOptOut(db, c.req.param('token'));
    if (!invitation) return c.render(notFound(), { status: 404 });
    optOut(db, invitation.id, invitation.addressHash, clock);
    return c.render(<MessagePage title={nl.optOut.doneTitle} paragraphs={[nl.optOut.doneBody]} />);
  });

  return app;
}
