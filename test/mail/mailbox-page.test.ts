/**
 * GET /mailbox through the real app: the admin pages' navigation, newest first by the time a
 * mail was sent (mails queued and sent at different clock times, so row order is not date
 * order), a filter on the kind of mail and a search on recipient or subject, 25 a page, and
 * the query validated (422 with the field's error).
 */
import { describe, expect, it } from 'vitest';
import { formatDateTime, nl } from '../../src/texts';
import { decodeHtml } from '../helpers/html-text';
import { sendDueMail } from '../helpers/privacy-fixtures';
import { allowAdminsWithoutSecondFactor, asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.mailbox;
const HOUR = 60 * 60 * 1000;

/** A test app with an admin; `as` signs in at the clock's time of the first request (the tests move the clock by days). */
async function withAdmin() {
  const ctx = createTestContext();
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const admin = await createStaff(ctx.db, ctx.clock, 'admin');
  let as: ReturnType<typeof asStaff> | undefined;
  return {
    ...ctx,
    as: async (path: string) => {
      if (!as) {
        const { cookie } = await login(ctx.app, admin.email);
        as = asStaff(ctx.app, cookie!);
      }
      return as(path);
    },
  };
}

/** A case closed for `email`: its invitation is queued now, its reminder for REMINDER_AFTER_DAYS later. */
async function invite(ctx: TestContext, email: string) {
  const response = await ctx.postEvent(caseClosedEvent({ citizen: { email, language: 'nl' } }));
  expect(response.status).toBe(202);
}

/** The rows of the mailbox table: the mail's id and the text of each cell. */
function mailRows(html: string): { id: number; cells: string[] }[] {
  const body = html.split('<tbody')[1]?.split('</tbody>')[0] ?? '';
  return body
    .split('<tr')
    .slice(1)
    .map((row) => ({
      id: Number(/href="\/mailbox\/(\d+)"/.exec(row)?.[1]),
      cells: [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decodeHtml(cell[1]!)),
    }));
}

const idsOf = (ctx: TestContext, kind: 'invitation' | 'reminder', address: string) =>
  ctx.db.$client.prepare('SELECT id FROM outbox WHERE kind = ? AND to_address = ?').pluck().get(kind, address) as number;

describe('GET /mailbox', () => {
  it('says so when there are no mails yet, inside the admin pages’ navigation', async () => {
    const ctx = await withAdmin();
    const response = await ctx.as('/mailbox');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`aria-label="${nl.staffNav.label}"`);
    expect(html).toContain(`aria-label="${nl.admin.title}"`);
    expect(decodeHtml(html)).toContain(t.empty);
    expect(html).not.toContain('<table');
  });

  it('lists the newest first by the time a mail was sent, not by the order it was queued in', async () => {
    const ctx = await withAdmin();
    const first = ctx.clock.now();
    await invite(ctx, 'eerste@example.nl');
    await sendDueMail(ctx);
    ctx.clock.advanceMs(3 * HOUR);
    const second = ctx.clock.now();
    await invite(ctx, 'tweede@example.nl');
    await sendDueMail(ctx);
    // The reminders were queued with the invitations (lower ids than the second invitation) but go out days later.
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS);
    const reminders = ctx.clock.now();
    await sendDueMail(ctx);

    const rows = mailRows(await (await ctx.as('/mailbox')).text());
    expect(rows.map((row) => row.id)).toEqual([
      idsOf(ctx, 'reminder', 'tweede@example.nl'),
      idsOf(ctx, 'reminder', 'eerste@example.nl'),
      idsOf(ctx, 'invitation', 'tweede@example.nl'),
      idsOf(ctx, 'invitation', 'eerste@example.nl'),
    ]);
    expect(rows.map((row) => row.cells[0])).toEqual([reminders, reminders, second, first].map(formatDateTime));
    expect(rows[0]!.cells[1]).toContain('Aan tweede@example.nl');
    expect(rows[0]!.cells[2]).toBe(`${nl.outboxAdmin.kinds.reminder} ${t.statuses.sent}`);
  });

  it('shows a queued reminder as written only when sent, and the sent one with the same link as the invitation', async () => {
    const ctx = await withAdmin();
    await invite(ctx, 'herinnerd@example.nl');
    await sendDueMail(ctx);
    const reminderId = idsOf(ctx, 'reminder', 'herinnerd@example.nl');
    // Due now, not yet sent.
    ctx.clock.advanceDays(ctx.config.REMINDER_AFTER_DAYS);
    const queued = decodeHtml(await (await ctx.as(`/mailbox/${reminderId}`)).text());
    expect(queued).toContain('Herinnering: hoe was uw ervaring?');
    expect(queued).toContain(t.writtenWhenSent);
    expect((await ctx.as(`/mailbox/${reminderId}/html`)).status).toBe(404);

    await sendDueMail(ctx);
    const invitationPage = await (await ctx.as(`/mailbox/${idsOf(ctx, 'invitation', 'herinnerd@example.nl')}`)).text();
    const link = /http:\/\/meethuis\.test\/s\/[A-Za-z0-9_-]+/.exec(invitationPage)![0];
    const sent = decodeHtml(await (await ctx.as(`/mailbox/${reminderId}`)).text());
    expect(sent).not.toContain(t.writtenWhenSent);
    expect(sent).toContain(link);
    expect(await (await ctx.as(`/mailbox/${reminderId}/html`)).text()).toContain(`href="${link}"`);
    // The embedded mailbox keeps the bodies to be read; the token they were rendered from goes.
    expect(ctx.db.$client.prepare('SELECT link_token FROM outbox WHERE id = ?').pluck().get(reminderId)).toBeNull();
  });

  it('filters by kind and searches recipient and subject; an empty result says so', async () => {
    const ctx = await withAdmin();
    for (const name of ['anna', 'bram', 'cor']) {
      await invite(ctx, `${name}@example.nl`);
      ctx.clock.advanceMs(HOUR);
    }
    await sendDueMail(ctx);

    const page = async (query: string) => {
      const response = await ctx.as(`/mailbox?${query}`);
      expect(response.status, query).toBe(200);
      return response.text();
    };
    const reminders = mailRows(await page('soort=reminder'));
    expect(reminders).toHaveLength(3);
    expect(reminders.every((row) => row.cells[2]!.startsWith(nl.outboxAdmin.kinds.reminder))).toBe(true);

    const bram = mailRows(await page('zoek=BRAM%40example'));
    expect(bram.map((row) => row.cells[1])).toEqual([expect.stringContaining('Aan bram@example.nl'), expect.stringContaining('Aan bram@example.nl')]);
    expect(mailRows(await page('soort=invitation&zoek=bram'))).toHaveLength(1);
    // The reminder's subject starts "Herinnering".
    expect(mailRows(await page('zoek=herinnering')).map((row) => row.cells[2]!.split(' ')[0])).toEqual(Array(3).fill(nl.outboxAdmin.kinds.reminder));

    const none = await page('zoek=niemand');
    expect(none).not.toContain('<table');
    expect(decodeHtml(none)).toContain(t.noMatch);
    // The filter keeps what was typed and offers only the kinds the mailbox holds.
    expect(none).toContain('value="niemand"');
    expect(none).toContain('<option value="reminder">');
    expect(none).not.toContain('<option value="digest">');
  });

  it('shows 25 a page with "1–25 van N", Vorige and Volgende keeping the filter', async () => {
    const ctx = await withAdmin();
    for (let i = 0; i < 14; i++) {
      await invite(ctx, `inwoner${i}@example.nl`);
      ctx.clock.advanceMs(HOUR);
    }
    // 14 invitations and 14 reminders.
    const firstPage = await (await ctx.as('/mailbox')).text();
    expect(mailRows(firstPage)).toHaveLength(25);
    expect(decodeHtml(firstPage)).toContain(t.caption('1', '25', '28'));
    expect(firstPage).toContain(`href="/mailbox?pagina=2" rel="next">${t.next}</a>`);
    expect(firstPage).not.toContain('rel="prev"');

    const secondPage = await (await ctx.as('/mailbox?pagina=2')).text();
    expect(decodeHtml(secondPage)).toContain(t.caption('26', '28', '28'));
    expect(mailRows(secondPage)).toHaveLength(3);
    expect(secondPage).toContain(`href="/mailbox" rel="prev">${t.previous}</a>`);
    expect(secondPage).not.toContain('rel="next"');
    const all = [...mailRows(firstPage), ...mailRows(secondPage)].map((row) => row.id);
    expect(new Set(all).size).toBe(28);

    // Past the last page: the last page.
    expect(mailRows(await (await ctx.as('/mailbox?pagina=9')).text()).map((row) => row.id)).toEqual(mailRows(secondPage).map((row) => row.id));

    // 14 reminders fit on one page: no paging links.
    const filtered = await (await ctx.as('/mailbox?soort=reminder&zoek=inwoner')).text();
    expect(mailRows(filtered)).toHaveLength(14);
    expect(filtered).not.toContain('rel="next"');
    for (let i = 14; i < 26; i++) await invite(ctx, `inwoner${i}@example.nl`);
    const more = await (await ctx.as('/mailbox?soort=reminder&zoek=inwoner')).text();
    expect(more).toContain(`href="/mailbox?soort=reminder&amp;zoek=inwoner&amp;pagina=2" rel="next"`);
  });

  it.each([
    ['soort=spam', t.errorKind],
    [`zoek=${'x'.repeat(201)}`, t.errorSearch(200)],
    ['pagina=twee', t.errorPage],
    ['pagina=0', t.errorPage],
  ])('refuses %s with 422 and says what is wrong', async (query, error) => {
    const ctx = await withAdmin();
    await invite(ctx, 'iemand@example.nl');
    const response = await ctx.as(`/mailbox?${query}`);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/<title>Fout: /);
    expect(decodeHtml(html)).toContain(error);
    expect(html).not.toContain('<tbody');
  });
});
