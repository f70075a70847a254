/**
 * "Wie antwoordt, wie niet" through the front doors: invitations with known segments and
 * channels POSTed to the event API, some answered over HTTP, some mails delivered, one case
 * suppressed by fatigue; then /dashboard read back as a manager would see it, against counts
 * worked out by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveFilters } from '../../src/heartmonitor/filters';
import { wilsonInterval } from '../../src/heartmonitor/statistics';
import { analyseResponseRates, loadResponseRates, twoProportionPValue } from '../../src/insight/response-rates';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { howOften } from '../../src/texts';
import { answerOverHttp, inviteOverHttp } from '../helpers/answers-over-http';
import { decodeHtml } from '../helpers/html-text';
import { sendDueMail } from '../helpers/privacy-fixtures';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const DAY = 86_400_000;
const MIN = 10;

/** The panel's HTML, from its section to the next section. */
const panelOf = (html: string) => /<section id="wie-antwoordt"[\s\S]*?<\/section>/.exec(html)?.[0];
/** The Wilson interval as the panel writes it: "9% tot 37%". */
const interval = (successes: number, n: number) => {
  const { low, high } = wilsonInterval(successes, n)!;
  return `${Math.round(low * 100)}% tot ${Math.round(high * 100)}%`;
};
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

/** A table row's cells as text, found by its data-group. */
function rowOf(panel: string, group: string): string[] | undefined {
  const row = new RegExp(`<tr[^>]*data-group="${group.replace(/[+]/g, '\\+')}"[^>]*>([\\s\\S]*?)</tr>`).exec(panel)?.[1];
  return row ? [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1]!).trim()) : undefined;
}

describe('who answers and who does not, on /dashboard', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  const daysAgo = (days: number) => new Date(ctx.clock.now().getTime() - days * DAY);

  /*
   * Planted in the last 20 days, journey paspoort-aanvragen:
   *   65+    balie  30 invited,  6 answered                 (20%)
   *   18-34  web    31 invited, 16 answered, 4 mails unsent  (+1 suppressed: recently invited)
   *   35-64  web    30 invited, 16 answered
   *   85+    balie   4 invited,  0 answered                 (below the minimum: hidden)
   *   65+    balie   3 cases without any address            ("delivery": "none": not invitable)
   * Total: 99 cases, 95 invited, 91 reached, 38 answered.
   */
  beforeAll(async () => {
    ctx = createTestContext();
    const plant = async (leeftijd: string, channel: string, invited: number, answered: number, offset: number) => {
      for (let i = 0; i < invited; i++) {
        const at = daysAgo(1 + ((i + offset) % 20));
        if (i < answered) await answerOverHttp(ctx, { at, segment: { leeftijd }, channel, feelings: { balie: 1 } });
        else await inviteOverHttp(ctx, at, 'paspoort-aanvragen', { segment: { leeftijd }, channel });
      }
    };
    await plant('65+', 'balie', 30, 6, 0);
    await plant('18-34', 'web', 26, 16, 3);
    await plant('35-64', 'web', 30, 16, 7);
    await plant('85+', 'balie', 4, 0, 11);
    // The same address twice: the second case is suppressed by fatigue, not invited.
    const twice = (id: string) =>
      caseClosedEvent({ id, occurredAt: daysAgo(2).toISOString(), case: { reference: id, caseType: 'paspoort-aanvragen', channel: 'web' }, citizen: { email: 'twee-keer@example.nl', language: 'nl' }, segment: { leeftijd: '18-34' } });
    expect((await ctx.postEvent(twice('dubbel-1'))).status).toBe(202);
    const second = await ctx.postEvent(twice('dubbel-2'));
    expect(await second.json()).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    // Cases the case system could not reach in any way: counted, never invited.
    const noAddress = (id: string, extra: object = {}) =>
      ctx.postEvent({ id, type: 'case.closed', occurredAt: daysAgo(3).toISOString(), case: { reference: id, caseType: 'paspoort-aanvragen', channel: 'balie' }, delivery: 'none', segment: { leeftijd: '65+' }, ...extra });
    for (const id of ['geen-adres-1', 'geen-adres-2', 'geen-adres-3']) {
      const answer = await noAddress(id);
      expect(answer.status).toBe(202);
      expect(await answer.json()).toMatchObject({ status: 'suppressed', reason: 'no-address' });
    }
    // An address with "none" contradicts itself: refused, nothing counted.
    const contradiction = await noAddress('geen-adres-4', { citizen: { email: 'toch@example.nl' } });
    expect(contradiction.status).toBe(400);
    expect(JSON.stringify(await contradiction.json())).toContain('citizen.email');
    await sendDueMail(ctx);
    // Invited after the mail round: not reached yet.
    for (let i = 0; i < 4; i++) await inviteOverHttp(ctx, daysAgo(1), 'paspoort-aanvragen', { segment: { leeftijd: '18-34' }, channel: 'web' });
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    get = asStaff(ctx.app, cookie!);
  });

  const filterFor = (query: Record<string, string> = {}) => {
    const filters = resolveFilters({ reis: 'paspoort-aanvragen', ...query }, ctx.clock.now());
    return { journeyId: findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id, from: filters.from, to: filters.to, segment: filters.segment, channel: filters.channel };
  };

  it('counts invited, reached and answered per segment value and channel as worked out by hand, with the Wilson interval', () => {
    const rates = loadResponseRates(ctx.db, filterFor(), MIN);
    expect(rates.total).toEqual({ cases: 99, invited: 95, reached: 91, answered: 38, optedOut: 0, recentlyInvited: 1, noAddress: 3 });
    const byGroup = Object.fromEntries(rates.tables.flatMap((table) => table.groups.map((group) => [`${table.dimension.kind === 'channel' ? 'kanaal' : table.dimension.key}=${group.value}`, group])));
    expect(Object.keys(byGroup).sort()).toEqual(['kanaal=balie', 'kanaal=web', 'leeftijd=18-34', 'leeftijd=35-64', 'leeftijd=65+']);
    expect(byGroup['leeftijd=65+']!.counts).toEqual({ cases: 33, invited: 30, reached: 30, answered: 6, optedOut: 0, recentlyInvited: 0, noAddress: 3 });
    expect(byGroup['leeftijd=18-34']!.counts).toEqual({ cases: 32, invited: 31, reached: 27, answered: 16, optedOut: 0, recentlyInvited: 1, noAddress: 0 });
    expect(byGroup['leeftijd=35-64']!.counts).toMatchObject({ invited: 30, answered: 16 });
    expect(byGroup['kanaal=balie']!.counts).toMatchObject({ invited: 34, answered: 6 });
    expect(byGroup['kanaal=web']!.counts).toMatchObject({ invited: 61, answered: 32, reached: 57 });
    expect(byGroup['leeftijd=65+']!.rate).toEqual(wilsonInterval(6, 30));
    expect(byGroup['kanaal=web']!.rate).toEqual(wilsonInterval(32, 61));
    // 85+ (4 invitations) is below the minimum: hidden in the age table and counted as such.
    expect(rates.tables.find((table) => table.dimension.kind === 'segment' && table.dimension.key === 'leeftijd')!.hidden).toBe(1);
    expect(rates.totalRate).toEqual(wilsonInterval(38, 95));
  });

  it('names the planted low-responding groups against the rest, adjusted across every group tested', () => {
    const rates = loadResponseRates(ctx.db, filterFor(), MIN);
    expect(rates.tested).toBe(5);
    expect(rates.underHeard.map((group) => group.value).sort()).toEqual(['65+', 'balie']);
    const old = rates.underHeard.find((group) => group.value === '65+')!;
    expect(old.rest).toEqual(wilsonInterval(32, 65));
    expect(old.ratio).toBeCloseTo(6 / 30 / (32 / 65), 10);
    expect(old.pValue).toBeCloseTo(twoProportionPValue({ successes: 6, n: 30 }, { successes: 32, n: 65 }), 12);
    expect(old.change.high).toBeLessThan(0);
  });

  it('says on the dashboard, in words, which group answers less often, with the percentages; the small group is not shown', async () => {
    const response = await get('/dashboard?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const panel = panelOf(await response.text());
    expect(panel).toBeDefined();
    const words = text(panel!);
    expect(words).toContain('Wie antwoordt, wie niet');
    expect(words).toContain('65+ antwoordt nog geen half zo vaak als de rest (20% tegen 49%)');
    expect(words).toContain('balie antwoordt');
    expect(words).not.toContain('18-34 antwoordt');
    expect(rowOf(panel!, 'segment:leeftijd=65+')).toEqual(['65+', '30', '30', '6', '20%', interval(6, 30), '3']);
    expect(rowOf(panel!, 'segment:leeftijd=18-34')).toEqual(['18-34', '31', '27', '16', '52%', interval(16, 31), '0']);
    expect(rowOf(panel!, 'segment:leeftijd=85+')).toBeUndefined();
    expect(panel).not.toContain('85+');
    expect(words).toContain('Leeftijd: 1 groep met minder dan 10 uitnodigingen niet getoond.');
    expect(words).toContain('3% van de zaken kon niet worden uitgenodigd, per e-mail noch per brief');
    expect(words).toContain('4 van de 99 zaken (4%) kregen geen uitnodiging: 3 omdat er geen adres was om de vragenlijst naar te sturen en 1 omdat het adres kort geleden al een uitnodiging kreeg.');
  });

  it('feeds the journey\'s least-heard group into "Waar nu eerst", linked to the panel', async () => {
    const html = await (await get('/dashboard')).text();
    const overview = /<section id="waar-nu-eerst"[\s\S]*?(?=<div id="dashboard">)/.exec(html)![0];
    const item = /<li data-hook="under-heard-item"[^>]*>([\s\S]*?)<\/li>/.exec(overview)![1]!;
    expect(text(item).trim()).toBe(`balie antwoordt een derde zo vaak als de rest (18% tegen 52%) (Paspoort of ID-kaart aanvragen)`);
    expect(item).toContain('#wie-antwoordt-titel');
  });

  it('applies the dashboard filters: within the web channel no age group answers clearly less often', async () => {
    const panel = panelOf(await (await get('/dashboard?reis=paspoort-aanvragen&kanaal=web')).text())!;
    expect(rowOf(panel, 'segment:leeftijd=65+')).toBeUndefined();
    expect(rowOf(panel, 'segment:leeftijd=35-64')).toEqual(expect.arrayContaining(['35-64', '30', '16']));
    expect(text(panel)).toContain('Geen groep antwoordt duidelijk minder vaak dan de rest.');
  });
});

describe('the pure parts', () => {
  it('puts a ratio into plain Dutch', () => {
    expect(howOften(0.5)).toBe('half zo vaak');
    expect(howOften(0.41)).toBe('nog geen half zo vaak');
    expect(howOften(0.34)).toBe('een derde zo vaak');
    expect(howOften(0.26)).toBe('een kwart zo vaak');
    expect(howOften(0.66)).toBe('een derde minder vaak');
    expect(howOften(0.75)).toBe('een kwart minder vaak');
    expect(howOften(0.96)).toBe('4% minder vaak');
  });

  it('neither shows nor tests a group below the minimum, nor one whose rest is that small', () => {
    const row = (segment: Record<string, string>, status: string, count: number) => ({ segment, channel: 'web', status, reason: '', count, mailed: count });
    const rates = analyseResponseRates([row({ wijk: 'Noord' }, 'expired', 9), row({ wijk: 'Zuid' }, 'answered', 20), row({ wijk: 'Zuid' }, 'open', 31)], MIN);
    const wijk = rates.tables.find((table) => table.dimension.kind === 'segment')!;
    expect(wijk.groups.map((group) => group.value)).toEqual(['Zuid']);
    expect(wijk.hidden).toBe(1);
    // Zuid's rest (Noord and cases without a district) has 9 invitations; web has no rest at all.
    expect(rates.tested).toBe(0);
    expect(rates.underHeard).toEqual([]);
  });
});
