import { desc } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/client';
import { callbackRequests, responses, type CallbackReason } from '../../src/db/schema';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport, type MailTransport } from '../../src/mail/transport';
import { encryptSecret } from '../../src/secrets';
import { answerOverHttp } from '../helpers/answers-over-http';
import { whereFound } from '../helpers/privacy-fixtures';
import { useSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

export const CITIZEN_PHONE = '06-12345678';
export const CITIZEN_EMAIL = 'terugbellen@example.nl';

/**
 * An unhappy answer over HTTP and, for it, a call-back request as the citizen's side stores it
 * (an encrypted contact apart from the answers), created at `at` and due at `dueAt`.
 */
export async function callbackRequestFor(
  ctx: TestContext,
  options: { at: Date; dueAt: Date; reason?: CallbackReason; comment?: string; contact?: { method: 'phone' | 'email'; phone?: string; email?: string } },
): Promise<number> {
  await answerOverHttp(ctx, {
    at: options.at,
    grade: 3,
    feelings: { 'afspraak-maken': -2, balie: 1, ophalen: 0 },
    comments: { 'afspraak-maken': options.comment ?? 'Niemand nam op, bel mij op 0612345678 graag.' },
  });
  const response = ctx.db.select().from(responses).orderBy(desc(responses.id)).limit(1).get()!;
  const contact = options.contact ?? { method: 'phone', phone: CITIZEN_PHONE, email: CITIZEN_EMAIL };
  return ctx.db
    .insert(callbackRequests)
    .values({
      responseId: response.id,
      journeyId: response.journeyId,
      reason: options.reason ?? 'low-grade',
      contact: encryptSecret(TEST_DATA_KEY, JSON.stringify(contact)),
      createdAt: options.at,
      dueAt: options.dueAt,
    })
    .returning({ id: callbackRequests.id })
    .get().id;
}

/** The tables holding `value` in any cell, to prove a value is nowhere or only where it should be. */
export const tablesContaining = (db: Db, value: string): string[] => [...new Set(whereFound(db, value).map((found) => found.slice(0, found.indexOf('.'))))];

export interface KccWithSmtp {
  smtp: TestSmtpServer;
  /** Set in beforeAll: an app that mails through `smtp`. */
  ctx: TestContext;
  /** Requests as a signed-in kcc employee. */
  kcc: ReturnType<typeof asStaff>;
  /** Sends the outbox's due mails to `smtp`, as the outbox worker does. */
  deliverMails(): Promise<unknown>;
}

/** A test context mailing through a real SMTP server, and a kcc employee signed in to it, for the whole file. */
export function useKccWithSmtp(): KccWithSmtp {
  const smtp = useSmtpServer();
  let transport: MailTransport | undefined;
  const fixture = { smtp, deliverMails: () => deliverDueMails(fixture.ctx.db, transport!, fixture.ctx) } as KccWithSmtp;
  beforeAll(async () => {
    fixture.ctx = createTestContext({ SMTP_URL: smtp.url });
    transport = createMailTransport({ smtpUrl: smtp.url, from: fixture.ctx.config.MAIL_FROM });
    const user = await createStaff(fixture.ctx.db, fixture.ctx.clock, 'kcc');
    fixture.kcc = asStaff(fixture.ctx.app, (await login(fixture.ctx.app, user.email)).cookie!);
  });
  afterAll(() => transport?.close());
  return fixture;
}
