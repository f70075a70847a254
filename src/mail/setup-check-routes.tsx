import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { MailCheckPage, type MailCheckPageProps } from '../../views/mail/mail-check-page';
import type { AppDeps } from '../app';
import { outbox } from '../db/schema';
import { idParam } from '../http/params';
import { staffRouter, type StaffContext } from '../http/staff';
import { nl } from '../texts';
import { loadDkimSigning } from './dkim';
import { checkMailSetup, queueTestMail, systemResolver } from './setup-check';
import { BOUNCE_MAILBOX_JOB } from './bounce-mailbox';
import { lastJobRuns } from '../job-runs';
import { readForm } from '../http/form-body';

const addressSchema = z.string().trim().max(254).pipe(z.email());

/** /admin/mail (admins): the mail set-up check, run at every visit, and a test mail through the outbox. */
export function mailCheckRoutes({ db, clock, config, onMailQueued, dnsResolver }: Pick<AppDeps, 'db' | 'clock' | 'config' | 'onMailQueued' | 'dnsResolver'>) {
  const app = staffRouter();
  // The key the server signs with (read at start, like the server's transport).
  const dkim = loadDkimSigning(config);
  const resolver = dnsResolver ?? systemResolver();

  const page = async (c: StaffContext, extra: Partial<MailCheckPageProps> = {}, status: 200 | 422 = 200) => {
    const report = await checkMailSetup({ config, dkim, resolver, bounceMailboxRun: lastJobRuns(db).get(BOUNCE_MAILBOX_JOB) });
    return c.render(<MailCheckPage user={c.var.user} report={report} address="" {...extra} />, { status });
  };

  app.get('/', async (c) => {
    const id = idParam(c.req.query('testmail'));
    const mail = id === undefined ? undefined : db.select({ id: outbox.id, kind: outbox.kind, status: outbox.status, lastError: outbox.lastError }).from(outbox).where(eq(outbox.id, id)).get();
    return page(c, { testMail: mail?.kind === 'setup-test' ? mail : undefined });
  });

  app.post('/testmail', async (c) => {
    const body = await readForm(c);
    const raw = typeof body.adres === 'string' ? body.adres : '';
    const address = addressSchema.safeParse(raw);
    if (!address.success) return page(c, { address: raw.slice(0, 254), addressError: nl.mailCheck.testAddressError }, 422);
    const id = queueTestMail(db, config, clock.now(), address.data, nl.mailCheck.testMail(config.ORGANISATION_NAME));
    c.var.audit({ action: 'mail.test-queued', object: `outbox:${id}`, result: 'success' });
    onMailQueued?.();
    return c.redirect(`/admin/mail?testmail=${id}`, 303);
  });

  return app;
}
