/**
 * The digest "Ongezouten feedback" from planted data (events over HTTP, surveys posted, real
 * SQLite): its knelpunten, compliments, actions and response figures; nothing of a group below the
 * minimum size; masked quotes; the printable page; and the mail over a real SMTP server whose
 * figures are the page's for the same period.
 */
import type { ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { improvementActions } from '../../src/db/schema';
import { buildDigest } from '../../src/digest/digest';
import { lastCompletePeriod } from '../../src/digest/periods';
import { queueDigests } from '../../src/digest/send';
import { setSubscription } from '../../src/digest/subscriptions';
import { loadOverview } from '../../src/insight/overview';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { deliverDueMails } from '../../src/mail/outbox-worker';
import { createMailTransport } from '../../src/mail/transport';
import { nl } from '../../src/texts';
import { mailTemplates } from '../../views/mail';
import { answerOverHttp } from '../helpers/answers-over-http';
import { decodeHtml } from '../helpers/html-text';
import { useSmtpServer } from '../helpers/smtp';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const smtp = useSmtpServer();
const t = nl.digest;
const october = (day: number) => new Date(Date.UTC(2026, 9, day, 10));
const september = (day: number) => new Date(Date.UTC(2026, 8, day, 10));

/** An invitation nobody answers, created at `at` on the test clock. */
async function inviteOnly(ctx: TestContext, at: Date, caseType = 'paspoort-aanvragen') {
  const saved = ctx.clock.now();
  ctx.clock.advanceMs(at.getTime() - saved.getTime());
  try {
    const response = await ctx.postEvent(caseClosedEvent({ occurredAt: at.toISOString(), case: { reference: `Z-ONLY-${at.getTime()}-${caseType}`, caseType } }));
    expect(response.status).toBe(202);
  } finally {
    ctx.clock.advanceMs(saved.getTime() - ctx.clock.now().getTime());
  }
}

describe('the digest over planted data', () => {
  let ctx: TestContext;
  let manager: ReturnType<typeof asStaff>;
  const today = '2026-11-20';

  beforeAll(async () => {
    ctx = createTestContext({ SMTP_URL: smtp.url });
    // The clock stands at 20 November 2026: the last complete month is October, compared with September.
    expect(ctx.clock.now().toISOString().slice(0, 10)).toBe(today);
    for (let i = 0; i < 24; i++) {
      await answerOverHttp(ctx, { at: september(2 + (i % 25)), feelings: { 'afspraak-maken': i % 3 === 0 ? 0 : 1, balie: 1, ophalen: 1 } });
      await answerOverHttp(ctx, {
        at: october(2 + (i % 25)),
        feelings: { 'afspraak-maken': i % 4 === 0 ? -1 : -2, balie: 2, ophalen: i % 2 ? 1 : 2 },
        comments: {
          'afspraak-maken': i === 23 ? 'Geen plek online, bel mij op 06-12345678' : 'Weken wachten op een afspraak.',
          balie: 'Heel vriendelijk geholpen aan de balie.',
        },
      });
    }
    // Six more passport invitations in October that nobody answered: 30 invited, 24 answered.
    for (let i = 0; i < 6; i++) await inviteOnly(ctx, october(10 + i));
    // November does not count for October.
    await answerOverHttp(ctx, { at: new Date(Date.UTC(2026, 10, 3, 10)), feelings: { 'afspraak-maken': 2 } });
    // Verhuizing: clearly negative, but from fewer citizens than the minimum group size (10).
    for (let i = 0; i < 6; i++) {
      await answerOverHttp(ctx, { journey: 'verhuizing-doorgeven', at: october(5 + i), feelings: { bevestiging: -2 }, comments: { bevestiging: 'Nooit iets gehoord.' } });
    }
    const paspoort = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!;
    const step = (slug: string) => paspoort.touchpoints.find((touchpoint) => touchpoint.slug === slug)!.id;
    const action = { journeyId: paspoort.journey.id, touchpointId: step('afspraak-maken'), owner: 'Teamleider KCC' };
    ctx.db
      .insert(improvementActions)
      .values([
        { ...action, title: 'Meer afspraakplekken', status: 'bezig', dueOn: '2026-11-25' },
        { ...action, title: 'Online agenda, vragen aan jan@example.nl', status: 'gepland', dueOn: '2026-11-01' },
        { ...action, title: 'Nieuwe balie', status: 'idee', dueOn: '2027-03-01' },
        { ...action, title: 'Sms-herinnering', status: 'klaar', dueOn: '2026-10-01', doneOn: '2026-10-01' },
      ])
      .run();
    await createStaff(ctx.db, ctx.clock, 'manager');
    manager = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
  }, 120_000);

  it('ranks the knelpunt with its trend and a masked quote, gives compliments equal room, and leaves out a small group', () => {
    const period = lastCompletePeriod('month', today);
    expect(period).toMatchObject({ key: '2026-10', from: '2026-10-01', to: '2026-10-31', previousFrom: '2026-09-01', previousTo: '2026-09-30' });
    const digest = buildDigest(ctx.db, period, { minGroupSize: 10, today });

    expect(digest.knelpunten.map(({ journey, point }) => `${journey.slug}/${point.touchpoint.slug}`)).toEqual(['paspoort-aanvragen/afspraak-maken']);
    const [knelpunt] = digest.knelpunten;
    expect(knelpunt!.point.trend).toBe('worse');
    expect(knelpunt!.point.n).toBe(24);
    expect(knelpunt!.point.estimate!.mean).toBeCloseTo((6 * -1 + 18 * -2) / 24, 10);
    // A quote from the step's leading theme ("wachten"), or the newest negative comment: masked either way.
    expect(knelpunt!.quote).toMatch(/^(Weken wachten op een afspraak\.|Geen plek online, bel mij op \[telefoonnummer\])$/);
    expect(JSON.stringify(digest)).not.toContain('06-12345678');
    expect(knelpunt!.actions).toMatchObject({ open: 3, overdue: 1 });

    expect(digest.compliments.map(({ point }) => point.touchpoint.slug).sort()).toEqual(['balie', 'ophalen']);
    expect(digest.compliments.find(({ point }) => point.touchpoint.slug === 'balie')!.quote).toBe('Heel vriendelijk geholpen aan de balie.');
    expect(JSON.stringify(digest)).not.toContain('verhuizing-doorgeven/bevestiging');
    expect(JSON.stringify(digest.knelpunten)).not.toContain('Nooit iets gehoord');
    expect(digest.knelpunten.some(({ journey }) => journey.slug === 'verhuizing-doorgeven')).toBe(false);

    // The same numbers as the overview of the same period: the digest is built on it.
    const overview = loadOverview(ctx.db, period, { minGroupSize: 10, today });
    expect(digest.knelpunten).toEqual(overview.knelpunten.slice(0, 3));

    // Response per journey: October's invitations; the small journey without figures.
    const responses = Object.fromEntries(digest.responses.map(({ journey, figures }) => [journey.slug, figures]));
    expect(responses['paspoort-aanvragen']).toEqual({ invited: 30, answered: 24, rate: 0.8 });
    expect(responses['verhuizing-doorgeven']).toBeUndefined();
    expect(Object.keys(responses)).toContain('verhuizing-doorgeven');

    // Actions: the overdue one first, then the one due in November; not the one due in March, not the done one; titles masked.
    expect(digest.actions.map((action) => [action.dueOn, action.overdue])).toEqual([
      ['2026-11-01', true],
      ['2026-11-25', false],
    ]);
    expect(digest.actions[0]!.title).not.toContain('jan@example.nl');
    expect(JSON.stringify(digest.actions)).not.toContain('Teamleider KCC');
    // Nothing to compare the October comments with (no negative comments in September): no theme "rose".
    expect(digest.risingThemes).toEqual([]);
  });

  it('/dashboard/samenvatting shows the last complete month; ?over=week the last week; the dashboard period works; a wrong one answers 422', async () => {
    const response = await manager('/dashboard/samenvatting');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-period="2026-10"');
    expect(html).toContain(`<h1 class="utrecht-heading-1">${t.page.heading('oktober 2026')}</h1>`);
    expect(html).toMatch(/<li class="mh-digest-item" data-journey="paspoort-aanvragen" data-touchpoint="afspraak-maken">/);
    expect(html).not.toContain('06-12345678');
    expect(html).not.toContain('Nooit iets gehoord');
    expect(html).toContain('href="/assets/digest.css"');
    // Linked from the dashboard's line of links.
    expect(html).toMatch(/<a class="utrecht-link" href="\/dashboard\/samenvatting" aria-current="page">/);

    const week = await (await manager('/dashboard/samenvatting?over=week')).text();
    expect(week).toContain('data-period="2026-W46"');
    const ownPeriod = await (await manager('/dashboard/samenvatting?periode=365')).text();
    expect(ownPeriod).toContain('data-period="2025-11-21..2026-11-20"');
    const stable = await (await manager('/dashboard/samenvatting?over=maand&begin=2026-09-15')).text();
    expect(stable).toContain('data-period="2026-09"');
    // A month not yet complete is not shown half: the last complete one instead.
    expect(await (await manager('/dashboard/samenvatting?over=maand&begin=2026-11-01')).text()).toContain('data-period="2026-10"');

    const wrong = await manager('/dashboard/samenvatting?periode=eigen&van=2026-02-30&tot=morgen');
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain(nl.dashboard.errors.date);
  });

  it('the mail arrives at a real SMTP server, with the figures of /dashboard/samenvatting for the same period', async () => {
    const user = await createStaff(ctx.db, ctx.clock, 'admin', 'beheer@gemeente.test');
    setSubscription(ctx.db, user.id, 'month', ctx.clock.now());
    const deps = { db: ctx.db, config: ctx.config, clock: ctx.clock, mail: mailTemplates };
    expect(queueDigests(deps, 'month', { mode: 'now' })).toMatchObject({ queued: 1, alreadySent: 0 });
    expect(queueDigests(deps, 'month', { mode: 'now' })).toMatchObject({ queued: 0, alreadySent: 1 });

    const transport = createMailTransport({ smtpUrl: smtp.url, from: ctx.config.MAIL_FROM });
    const before = smtp.received.length;
    const report = await deliverDueMails(ctx.db, transport, ctx, 500);
    expect(report.sent).toBeGreaterThan(0);
    await smtp.waitFor(before + report.sent);
    const mails = smtp.received.filter((mail: ParsedMail) => JSON.stringify(mail.to ?? '').includes('beheer@gemeente.test'));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe(t.subject('oktober 2026'));
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const text = mail.text!;
    expect(text).not.toContain('06-12345678');
    expect(mail.html).not.toContain('06-12345678');
    expect(text).not.toContain('jan@example.nl');
    expect(text).toContain('http://meethuis.test/account');
    const pageUrl = /http:\/\/meethuis\.test(\/dashboard\/samenvatting\S*)/.exec(text)![1]!;
    expect(pageUrl).toBe('/dashboard/samenvatting?over=maand&begin=2026-10-01');

    // Every item of the mail — its heading and its lines — is on the page, in the same words.
    const page = decodeHtml(await (await manager(pageUrl)).text());
    const items = text.split('\n').filter((line) => line.startsWith('* ') || line.startsWith('  '));
    expect(items.length).toBeGreaterThan(6);
    for (const line of items) expect(page, line).toContain(line.replace(/^(\* | {2})/, ''));
    expect(text).toContain(t.responses.line('Paspoort of ID-kaart aanvragen', '30', '24', '80%'));
    expect(page).toContain('Paspoort of ID-kaart aanvragen 30 24 80%');
    expect(text).toContain(`Verhuizing doorgeven: ${t.responses.tooFew(10)}.`);
    expect(page).toContain(`Verhuizing doorgeven ${t.responses.tooFew(10)}`);
    expect(text).toContain(`Gevoel -1,75 (24 antwoorden); vergeleken met de vorige periode slechter (toen`);
  });
});

describe('themes that rose, in the digest', () => {
  it('names a word the step’s negative comments now use far more than the month before, with its shares, in the mail too', async () => {
    const ctx = createTestContext();
    for (let i = 0; i < 24; i++) {
      await answerOverHttp(ctx, { at: september(2 + i), feelings: { balie: -1 }, comments: { balie: 'Het duurde allemaal erg lang.' } });
      await answerOverHttp(ctx, { at: october(2 + i), feelings: { balie: i < 12 ? -2 : -1 }, comments: { balie: i < 12 ? 'Een wachtrij van een uur.' : 'Het duurde allemaal erg lang.' } });
      await answerOverHttp(ctx, { at: october(3 + i), feelings: { balie: 2 }, comments: { balie: 'Vriendelijk geholpen, prima geregeld.' } });
    }
    const digest = buildDigest(ctx.db, lastCompletePeriod('month', '2026-11-20'), { minGroupSize: 10, today: '2026-11-20' });
    const wachtrij = digest.risingThemes.find((theme) => theme.label === 'wachtrij');
    expect(wachtrij).toMatchObject({ journey: { slug: 'paspoort-aanvragen' }, touchpoint: { slug: 'balie' }, respondents: 12, share: 0.5, previousShare: 0 });
    expect(digest.risingThemes.map((theme) => theme.label)).not.toContain('lang');
    const mail = mailTemplates.digest({ organisation: 'Gemeente Test', digest, pageUrl: 'http://x/p', accountUrl: 'http://x/account', privacyUrl: 'http://x/privacy' });
    expect(mail.text).toContain(`== ${t.risingThemes.title} ==`);
    expect(mail.text).toContain(t.risingThemes.line('12', '50%', '0%'));
  });
});
