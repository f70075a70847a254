/**
 * "Waar nu eerst" through the front doors: answers planted as events over HTTP and surveys
 * POSTed, then /dashboard without a journey read back as a manager would see it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { improvementActions } from '../../src/db/schema';
import { loadOverview } from '../../src/insight/overview';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { nl } from '../../src/texts';
import { answerOverHttp, inviteOverHttp } from '../helpers/answers-over-http';
import { expireInvitations } from '../../src/invitations/invitations';
import { unescapeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const DAY = 86_400_000;

/** The overview section's HTML, or undefined when the page has none. */
const overviewOf = (html: string) => /<section id="waar-nu-eerst"[\s\S]*?(?=<div id="dashboard">)/.exec(html)?.[0];
const text = (html: string) => unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

describe('the overview "Waar nu eerst" on /dashboard', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  const daysAgo = (days: number) => new Date(ctx.clock.now().getTime() - days * DAY);

  beforeAll(async () => {
    ctx = createTestContext();
    // Paspoort: making the appointment was fine in the previous period and is clearly negative now.
    for (let i = 0; i < 24; i++) {
      await answerOverHttp(ctx, {
        at: daysAgo(100 + (i % 20)),
        feelings: { 'afspraak-maken': i % 3 === 0 ? 0 : 1, balie: 1, ophalen: 1 },
      });
      await answerOverHttp(ctx, {
        at: daysAgo(3 + (i % 40)),
        feelings: { 'afspraak-maken': i % 4 === 0 ? -1 : -2, balie: 2, ophalen: i % 2 ? 1 : 2 },
        // The grade follows the appointment, not the collection: the key driver.
        grade: (i % 4 === 0 ? 7 : 4) + (i % 3 === 0 ? 1 : 0),
        comments: {
          'afspraak-maken': i === 0 ? 'Geen plek online, bel mij op 06-12345678' : 'Weken wachten op een afspraak.',
          balie: 'Heel vriendelijk geholpen aan de balie.',
        },
      });
    }
    // Verhuizing: a negative step, but from fewer citizens than the minimum group size (10).
    for (let i = 0; i < 6; i++) {
      await answerOverHttp(ctx, { journey: 'verhuizing-doorgeven', at: daysAgo(5 + i), feelings: { bevestiging: -2 }, comments: { bevestiging: 'Nooit iets gehoord.' } });
    }
    // Schuldhulp: fine on average, but 65+ clearly worse than the rest at the intake; a group of 5 (85+) worse still.
    for (let i = 0; i < 36; i++) {
      const segment = { leeftijd: i < 12 ? '65+' : i < 17 ? '85+' : '18-34' };
      await answerOverHttp(ctx, { journey: 'schuldhulp-aanvragen', at: daysAgo(2 + (i % 30)), segment, feelings: { intakegesprek: i < 17 ? -2 : 2 } });
    }
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    get = asStaff(ctx.app, cookie!);
  });

  it('opens the page without a journey, above the filters, ranking the knelpunt with its trend, a masked quote and its actions', async () => {
    const html = await (await get('/dashboard')).text();
    const section = overviewOf(html);
    expect(section).toBeDefined();
    expect(html.indexOf('id="waar-nu-eerst"')).toBeLessThan(html.indexOf('class="mh-filters"'));
    const items = [...section!.matchAll(/<li data-hook="knelpunt" data-journey="([^"]+)" data-touchpoint="([^"]+)" data-trend="([^"]+)">([\s\S]*?)<\/li>/g)];
    expect(items.map((item) => `${item[1]}/${item[2]}`)).toEqual(['paspoort-aanvragen/afspraak-maken']);
    const [, , , trend, body] = items[0]!;
    expect(trend).toBe('worse');
    const words = text(body!);
    expect(words).toContain('Afspraak maken — Paspoort of ID-kaart aanvragen');
    expect(words).toMatch(/Gevoel -1,\d\d \(24 antwoorden\); vergeleken met de vorige periode slechter \(toen \+0,\d\d, verschil -\d,\d\d\)/);
    expect(words).toContain(nl.overview.knelpunten.actions(0, 0));
    expect(body).toContain('href="/dashboard?reis=paspoort-aanvragen&amp;periode=90&amp;per=week#dips-titel"');
    // The leading theme in the citizens' words, linked to the comments behind it.
    expect(words).toMatch(/Waar het over gaat: „(wachten|weken|afspraak|weken wachten)” \(\d+ inwoners, \d+% van de negatieve opmerkingen\)/);
    expect(body).toMatch(/href="\/dashboard\/themas\/opmerkingen\?reis=paspoort-aanvragen&amp;periode=90&amp;per=week&amp;stap=afspraak-maken&amp;term=[^"]+&amp;toon=negatief"/);
    // The quote is masked; the phone number never reaches the page.
    expect(html).not.toContain('06-12345678');
  });

  it('names the group that does worse than the rest, adjusted across all journeys, and never a group below the minimum size', async () => {
    const section = overviewOf(await (await get('/dashboard')).text())!;
    const gaps = [...section.matchAll(/<li data-hook="gap-item" data-journey="([^"]+)" data-touchpoint="([^"]+)" data-segment="([^"]+)">([\s\S]*?)<\/li>/g)];
    expect(gaps.map((gap) => `${gap[1]}/${gap[2]}/${gap[3]}`)).toEqual(['schuldhulp-aanvragen/intakegesprek/leeftijd:65+']);
    expect(text(gaps[0]![4]!)).toMatch(/^ ?65\+: Intakegesprek -2,00 tegen \+\d,\d\d bij de rest \(Schuldhulp/);
    expect(section).not.toContain('85+');
  });

  it('says which step moves the grade, per journey, and marks it at the knelpunt', async () => {
    const section = overviewOf(await (await get('/dashboard')).text())!;
    const drivers = [...section.matchAll(/<li data-hook="driver-item" data-journey="([^"]+)" data-touchpoint="([^"]+)">([\s\S]*?)<\/li>/g)];
    expect(drivers.map((item) => `${item[1]}/${item[2]}`)).toEqual(['paspoort-aanvragen/afspraak-maken']);
    expect(text(drivers[0]![3]!)).toMatch(/Paspoort of ID-kaart aanvragen: Afspraak maken \(\d+% van de verschillen in het cijfer\)/);
    expect(drivers[0]![3]).toContain('href="/dashboard/drijfveren?reis=paspoort-aanvragen');
    const knelpunt = /<li data-hook="knelpunt"[\s\S]*?<\/li>/.exec(section)![0];
    expect(text(knelpunt)).toContain(nl.overview.drivers.atKnelpunt);
  });

  it('names what goes well, and never a group below the minimum size', async () => {
    const section = overviewOf(await (await get('/dashboard')).text())!;
    expect(section).toMatch(/data-hook="good-item" data-journey="paspoort-aanvragen" data-touchpoint="balie"/);
    expect(text(section)).toContain('Heel vriendelijk geholpen aan de balie.');
    expect(section).not.toContain('data-journey="verhuizing-doorgeven"');
    expect(section).not.toContain('Nooit iets gehoord');
  });

  it('keeps the period filter in its links and is not shown once a journey is chosen', async () => {
    const section = overviewOf(await (await get('/dashboard?periode=365')).text())!;
    expect(section).toContain('href="/dashboard?reis=paspoort-aanvragen&amp;periode=365&amp;per=week#dips-titel"');
    expect(overviewOf(await (await get('/dashboard?reis=paspoort-aanvragen')).text())).toBeUndefined();
  });

  it('counts actions at the knelpunt: open and overdue', async () => {
    const found = ctx.db.$client.prepare("SELECT t.id, t.journey_id FROM touchpoints t WHERE t.slug = 'afspraak-maken'").get() as { id: number; journey_id: number };
    const values = { journeyId: found.journey_id, touchpointId: found.id, owner: 'KCC' };
    ctx.db.insert(improvementActions).values([
      { ...values, title: 'Meer afspraakplekken', status: 'bezig', dueOn: '2026-01-01' },
      { ...values, title: 'Online agenda', status: 'idee' },
    ]).run();
    const filters = resolveFilters({}, ctx.clock.now());
    const overview = loadOverview(ctx.db, filters, { minGroupSize: 10, today: '2026-11-20' });
    expect(overview.knelpunten[0]!.actions).toMatchObject({ open: 2, overdue: 1 });
    const section = overviewOf(await (await get('/dashboard')).text())!;
    expect(text(section)).toContain(nl.overview.knelpunten.actions(2, 1));
  });
});

describe('response rates in the overview', () => {
  it('names a journey whose response rate fell clearly, counting only invitations whose outcome is known', async () => {
    const ctx = createTestContext();
    const daysAgo = (days: number) => new Date(ctx.clock.now().getTime() - days * DAY);
    // Previous period: 20 of 22 answered. This period: 8 of 24 answered, the rest expired unanswered;
    // and 10 invitations of the last days still open, which must not count as unanswered.
    for (let i = 0; i < 20; i++) await answerOverHttp(ctx, { journey: 'verhuizing-doorgeven', at: daysAgo(100 + i), feelings: { bevestiging: 1 } });
    for (let i = 0; i < 2; i++) await inviteOverHttp(ctx, daysAgo(110 + i), 'verhuizing-doorgeven');
    for (let i = 0; i < 8; i++) await answerOverHttp(ctx, { journey: 'verhuizing-doorgeven', at: daysAgo(40 + i), feelings: { bevestiging: 1 } });
    for (let i = 0; i < 16; i++) await inviteOverHttp(ctx, daysAgo(40 + i), 'verhuizing-doorgeven');
    expect(expireInvitations(ctx.db, ctx.clock)).toBe(18);
    for (let i = 0; i < 10; i++) await inviteOverHttp(ctx, daysAgo(1 + (i % 3)), 'verhuizing-doorgeven');

    const overview = loadOverview(ctx.db, resolveFilters({}, ctx.clock.now()), { minGroupSize: 10, today: '2026-11-20' });
    expect(overview.responseRates).toHaveLength(1);
    const [change] = overview.responseRates;
    expect(change!.journey.slug).toBe('verhuizing-doorgeven');
    expect(change!.current).toMatchObject({ successes: 8, n: 24 });
    expect(change!.previous).toMatchObject({ successes: 20, n: 22 });
    expect(change!.change.high).toBeLessThan(0);

    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const section = overviewOf(await (await asStaff(ctx.app, cookie!)('/dashboard')).text())!;
    expect(text(section)).toContain(nl.overview.responseRates.change('Verhuizing doorgeven', '33%', '91%', false));
  });
});
