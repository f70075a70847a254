/**
 * Closing a request over real HTTP, SQLite and SMTP: the contact is erased in the closing
 * transaction, one recovery mail reaches the SMTP server, and its link stores the score once.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callbackLinks, callbackRequests, outbox } from '../../src/db/schema';
import { setSetting } from '../../src/settings';
import { decodeHtml } from '../helpers/html-text';
import { CITIZEN_EMAIL, CITIZEN_PHONE, callbackRequestFor, tablesContaining, useKccWithSmtp } from './kcc-fixtures';
import { hoursLater } from './time';

const setup = useKccWithSmtp();

describe('closing a request', () => {
  it('erases the contact at once, queues one recovery mail that arrives, and its link counts once', async () => {
    const { ctx, kcc } = setup;
    const now = ctx.clock.now();
    const id = await callbackRequestFor(ctx, { at: hoursLater(now, -5), dueAt: hoursLater(now, 10) });
    await kcc(`/dashboard/terugbellen/${id}/poging`, { method: 'POST', body: new URLSearchParams({ attempt: 'bereikt' }) });
    const closed = await kcc(`/dashboard/terugbellen/${id}/afsluiten`, {
      method: 'POST',
      body: new URLSearchParams({ outcome: 'solved', note: 'Teruggebeld op 0612345678, afspraak verzet.' }),
    });
    expect(closed.status).toBe(303);
    expect(closed.headers.get('Location')).toBe(`/dashboard/terugbellen/${id}?opgeslagen=gemaild`);

    const row = ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, id)).get()!;
    expect(row).toMatchObject({ status: 'closed', outcome: 'solved', contact: null, attempts: 1 });
    expect(row.erasedAt?.getTime()).toBe(ctx.clock.now().getTime());
    expect(row.note).toBe('Teruggebeld op [telefoonnummer], afspraak verzet.');
    // The phone number is nowhere; the address only in the one queued mail, until it is sent.
    expect(tablesContaining(ctx.db, CITIZEN_PHONE)).toEqual([]);
    expect(tablesContaining(ctx.db, '0612345678').filter((table) => table !== 'answers')).toEqual([]);
    const mails = ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-recovery')).all();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(CITIZEN_EMAIL);
    expect(ctx.db.select().from(callbackLinks).all()).toHaveLength(1);

    // Closing again changes nothing and queues nothing.
    const again = await kcc(`/dashboard/terugbellen/${id}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'solved' }) });
    expect(again.status).toBe(422);
    expect(ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-recovery')).all()).toHaveLength(1);

    await setup.deliverMails();
    const mail = setup.smtp.received.find((received) => received.subject === 'Bent u goed geholpen?');
    expect(mail).toBeDefined();
    expect((mail!.to as { text: string }).text).toBe(CITIZEN_EMAIL);
    const link = new URL(/https?:\/\/\S+\/terugbellen\/beoordelen\/\S+/.exec(mail!.text ?? '')![0]);
    // The link's token is not stored, only its hash.
    expect(tablesContaining(ctx.db, link.pathname.split('/').pop()!)).toEqual([]);

    const page = await ctx.app.request(link.pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('type="radio"');
    expect(decodeHtml(html)).toContain('Bent u goed geholpen?');

    const wrong = await ctx.app.request(link.pathname, { method: 'POST', body: new URLSearchParams({ score: '9' }) });
    expect(wrong.status).toBe(422);
    expect(decodeHtml(await wrong.text())).toContain('Kies een cijfer van 1 tot 5.');

    const answered = await ctx.app.request(link.pathname, { method: 'POST', body: new URLSearchParams({ score: '4' }) });
    expect(decodeHtml(await answered.text())).toContain('Bedankt voor uw antwoord');
    const twice = await ctx.app.request(link.pathname, { method: 'POST', body: new URLSearchParams({ score: '1' }) });
    expect(decodeHtml(await twice.text())).toContain('Uw antwoord is al bewaard');
    expect(ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, id)).get()!.recoveryScore).toBe(4);

    expect((await ctx.app.request('/terugbellen/beoordelen/onbekend-token-dat-niet-bestaat')).status).toBe(404);
  });

  it('queues no recovery mail when the setting is off, or when the citizen gave no address', async () => {
    const { ctx, kcc } = setup;
    const now = ctx.clock.now();
    const before = ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-recovery')).all().length;
    const phoneOnly = await callbackRequestFor(ctx, { at: hoursLater(now, -1), dueAt: hoursLater(now, 10), contact: { method: 'phone', phone: '06-87654321' } });
    expect((await kcc(`/dashboard/terugbellen/${phoneOnly}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'explained' }) })).headers.get('Location')).toContain('opgeslagen=afgesloten');
    setSetting(ctx.db, 'callbackRecoveryMail', false, now);
    const withMail = await callbackRequestFor(ctx, { at: hoursLater(now, -1), dueAt: hoursLater(now, 10), contact: { method: 'email', email: 'ander@example.nl' } });
    expect((await kcc(`/dashboard/terugbellen/${withMail}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'referred' }) })).status).toBe(303);
    expect(ctx.db.select().from(outbox).where(eq(outbox.kind, 'callback-recovery')).all()).toHaveLength(before);
    expect(ctx.db.select().from(callbackRequests).where(eq(callbackRequests.id, withMail)).get()!.contact).toBeNull();
    setSetting(ctx.db, 'callbackRecoveryMail', true, now);
  });
});
