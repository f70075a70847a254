/** The KCC's work list and one request's page over real HTTP and SQLite: order, lateness in words, take, attempts, audited reveal. */
import { beforeAll, describe, expect, it } from 'vitest';
import { hoursLater } from './time';
import { auditLog } from '../../src/db/schema';
import { normOf } from '../../src/callbacks/work-list';
import { nl } from '../../src/texts';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { CITIZEN_PHONE, callbackRequestFor } from './kcc-fixtures';

let ctx: TestContext;
let kcc: ReturnType<typeof asStaff>;
let ids: { late: number; soon: number; later: number };

beforeAll(async () => {
  ctx = createTestContext();
  const now = ctx.clock.now();
  // Created in an order that differs from the due order: the list must follow the due time.
  const later = await callbackRequestFor(ctx, { at: hoursLater(now, -2), dueAt: hoursLater(now, 30) });
  const late = await callbackRequestFor(ctx, { at: hoursLater(now, -60), dueAt: hoursLater(now, -3) });
  const soon = await callbackRequestFor(ctx, { at: hoursLater(now, -20), dueAt: hoursLater(now, 2) });
  ids = { late, soon, later };
  const user = await createStaff(ctx.db, ctx.clock, 'kcc');
  kcc = asStaff(ctx.app, (await login(ctx.app, user.email)).cookie!);
});

const text = async (response: Response) => decodeHtml(await response.text());

describe('the work list', () => {
  it('lists open requests by due time, late ones in working hours, in words ("3 werkuren te laat"), with the count in the menu', async () => {
    const response = await kcc('/dashboard/terugbellen');
    expect(response.status).toBe(200);
    const raw = await response.text();
    const html = decodeHtml(raw);
    const order = [ids.late, ids.soon, ids.later].map((id) => html.indexOf(`Verzoek ${id}`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Due 13:00 on a Friday, now 16:00 the same day (Amsterdam): three working hours late.
    expect(html).toContain('3 werkuren te laat');
    expect(raw).toMatch(/class="mh-overdue"[^>]*>3 werkuren te laat/);
    expect(html).toContain('Terugbellen (3 open)');
    expect(html).toContain('Laag rapportcijfer');
    // The contact centre's navigation leads nowhere it may not go.
    expect(html).not.toContain('href="/dashboard/drijfveren"');
  });

  it('"mine" shows only requests taken by me; taking one moves it there', async () => {
    expect(await text(await kcc('/dashboard/terugbellen?wie=mine'))).toContain('Er zijn geen verzoeken');
    const taken = await kcc(`/dashboard/terugbellen/${ids.soon}/oppakken`, { method: 'POST', body: new URLSearchParams() });
    expect(taken.status).toBe(303);
    const mine = await text(await kcc('/dashboard/terugbellen?wie=mine'));
    expect(mine).toContain(`Verzoek ${ids.soon}`);
    expect(mine).not.toContain(`Verzoek ${ids.late}`);
    expect(mine).toContain('kcc@gemeente.test');
  });
});

describe('one request', () => {
  it('shows the journey, the masked words and the scores, but not the contact until asked', async () => {
    const html = await text(await kcc(`/dashboard/terugbellen/${ids.late}`));
    expect(html).toContain('Paspoort of ID-kaart aanvragen');
    expect(html).toContain('Rapportcijfer: 3');
    expect(html).toContain('Zeer negatief');
    expect(html).toContain('Niemand nam op, bel mij op [telefoonnummer]');
    expect(html).not.toContain('0612345678');
    expect(html).not.toContain(CITIZEN_PHONE);
    expect(html).toContain('Toon contactgegevens');
  });

  it('"Toon contactgegevens" shows them and writes the audit log', async () => {
    const before = ctx.db.select().from(auditLog).all().filter((row) => row.action === 'callback.contact.opened').length;
    const html = await text(await kcc(`/dashboard/terugbellen/${ids.late}/contact`, { method: 'POST', body: new URLSearchParams() }));
    expect(html).toContain(CITIZEN_PHONE);
    const entries = ctx.db.select().from(auditLog).all().filter((row) => row.action === 'callback.contact.opened');
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({ object: `callback:${ids.late}`, actor: 'kcc@gemeente.test', result: 'success' });
  });

  it('records attempts; "geen contact mogelijk" only after three', async () => {
    const close = () =>
      kcc(`/dashboard/terugbellen/${ids.later}/afsluiten`, { method: 'POST', body: new URLSearchParams({ outcome: 'unreachable' }) });
    const tooEarly = await close();
    expect(tooEarly.status).toBe(422);
    expect(await text(tooEarly)).toContain('kan pas na 3 pogingen');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await kcc(`/dashboard/terugbellen/${ids.later}/poging`, { method: 'POST', body: new URLSearchParams({ attempt: 'niet-bereikt' }) });
      expect(response.status).toBe(303);
    }
    const page = await text(await kcc(`/dashboard/terugbellen/${ids.later}`));
    expect(page).toContain('Geen contact mogelijk na 3 pogingen');
    const closed = await close();
    expect(closed.status).toBe(303);
    expect(await text(await kcc(`/dashboard/terugbellen/${ids.later}`))).toContain('De contactgegevens zijn gewist.');
    // Off the work list, on the list of recently closed ones with its outcome.
    expect(await text(await kcc('/dashboard/terugbellen'))).not.toContain(`Verzoek ${ids.later}`);
    const closedList = await text(await kcc('/dashboard/terugbellen?status=closed'));
    expect(closedList).toContain(`Verzoek ${ids.later}`);
    expect(closedList).toContain('Geen contact mogelijk');
    expect(closedList).not.toContain(`Verzoek ${ids.late}`);
  });

  it('an attempt without a choice re-renders with an error', async () => {
    const response = await kcc(`/dashboard/terugbellen/${ids.late}/poging`, { method: 'POST', body: new URLSearchParams() });
    expect(response.status).toBe(422);
    expect(await text(response)).toContain('Kies of u de inwoner hebt bereikt.');
  });
});

describe('lateness', () => {
  it('counts working hours: due Friday 16:00, seen Monday 10:00 (Amsterdam) is two working hours late, not 66 hours', () => {
    const norm = normOf({ dueAt: new Date('2027-03-05T15:00:00Z'), closedAt: null }, new Date('2027-03-08T09:00:00Z'));
    expect(norm).toEqual({ kind: 'late', dueAt: new Date('2027-03-05T15:00:00Z'), lateWorkingHours: 2 });
    expect(nl.callbacksKcc.due.late(2, new Date('2027-03-05T15:00:00Z'))).toBe('2 werkuren te laat');
  });
});
