/**
 * "Gewogen" through the front doors: invitations and answers with a planted skew POSTed over HTTP
 * (65+ is half of the invited but a quarter of those who answered, and feels worse), then
 * /dashboard?weeg=leeftijd read back as a manager sees it, against figures worked out by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tQuantile } from '../../src/heartmonitor/statistics';
import { answerOverHttp, inviteOverHttp } from '../helpers/answers-over-http';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';

const DAY = 86_400_000;

const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const panelOf = (html: string) => /<section id="gewogen"[\s\S]*?<\/section>/.exec(html)?.[0];
/** A table row's cells as text, found by an attribute such as data-touchpoint="balie". */
function rowOf(html: string, attribute: string): string[] | undefined {
  const row = new RegExp(`<tr[^>]*${attribute}[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1];
  return row ? [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1]!).trim()) : undefined;
}
const comma = (value: number, digits: number) => value.toFixed(digits).replace('.', ',');

describe('weighting to the invited mix on /dashboard', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  const daysAgo = (days: number) => new Date(ctx.clock.now().getTime() - days * DAY);

  /*
   * Planted in the last 20 days, journey paspoort-aanvragen, all answers at the step "balie":
   *   18-64  50 invited, 30 answered: feelings ten each of 0, +1, +2 (ȳ = 1, s² = 20/29);
   *          grades 7 and 9 (fifteen each: mean 8, all 7 or higher)
   *   65+    50 invited, 10 answered: feelings five each of −1 and 0 (ȳ = −0,5, s² = 5/18);
   *          grades 5 and 7 (five each: mean 6, half 7 or higher)
   * Invited mix on leeftijd: W = 50/100 for each group, against 30 : 10 among those who answered.
   */
  beforeAll(async () => {
    ctx = createTestContext();
    const plant = async (leeftijd: string, invited: number, feelings: number[], grades: number[]) => {
      for (let i = 0; i < invited; i++) {
        const at = daysAgo(1 + (i % 20));
        if (i < feelings.length) await answerOverHttp(ctx, { at, segment: { leeftijd }, feelings: { balie: feelings[i]! }, grade: grades[i % grades.length]! });
        else await inviteOverHttp(ctx, at, 'paspoort-aanvragen', { segment: { leeftijd } });
      }
    };
    const repeat = (value: number, times: number) => Array<number>(times).fill(value);
    await plant('18-64', 50, [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10)], [7, 9]);
    await plant('65+', 50, [...repeat(-1, 5), ...repeat(0, 5)], [5, 7]);
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    get = asStaff(ctx.app, cookie!);
  });

  it('shows the weighted feeling per step beside the unweighted one, as computed by hand', async () => {
    const response = await get('/dashboard?reis=paspoort-aanvragen&weeg=leeftijd');
    expect(response.status).toBe(200);
    const panel = panelOf(await response.text());
    expect(panel).toBeDefined();
    /*
     * Unweighted: (30 · 1 + 10 · −0,5) / 40 = 25/40 = 0,625 → "+0,63".
     * Weighted:   0,5 · 1 + 0,5 · (−0,5) = 0,25 → "+0,25".
     * Variance:   0,25 · (20/29)/30 + 0,25 · (5/18)/10 = 1/174 + 1/144 ≈ 0,0126916 (SE ≈ 0,1127)
     * Satterthwaite df = v² / ((1/174)²/29 + (1/144)²/9); Kish n_eff = 1 / (0,25/30 + 0,25/10) = 30.
     */
    const v = 1 / 174 + 1 / 144;
    const df = (v * v) / ((1 / 174) ** 2 / 29 + (1 / 144) ** 2 / 9);
    const half = tQuantile(0.975, df) * Math.sqrt(v);
    const signed = (value: number) => `${value < 0 ? '-' : '+'}${comma(Math.abs(value), 2)}`;
    expect(rowOf(panel!, 'data-touchpoint="balie"')).toEqual(['Aanvraag aan de balie', '40', '+0,63', '+0,25', `${signed(0.25 - half)} tot ${signed(0.25 + half)}`, '30', '']);
    // Nobody answered at the first step: too few for either figure, and the reason in words.
    expect(rowOf(panel!, 'data-touchpoint="afspraak-maken"')).toEqual(['Afspraak maken', '0', '–', '–', '–', '–', 'niet te wegen: minder dan 10 antwoorden']);
  });

  it('weights the grades of the period: gewogen and ongewogen side by side', async () => {
    const panel = panelOf(await (await get('/dashboard?reis=paspoort-aanvragen&weeg=leeftijd')).text())!;
    /*
     * Rapportcijfer: unweighted (30 · 8 + 10 · 6) / 40 = 7,5; weighted 0,5 · 8 + 0,5 · 6 = 7,0.
     *   (s² = 30/29 and 10/9; the same strata sizes as the feelings, so again n_eff = 30.)
     * 7 of hoger: unweighted 35/40 = 87,5% → "88%"; weighted 0,5 · 100% + 0,5 · 50% = 75%.
     * Effort is 5 for everyone: 5,0 either way.
     */
    expect(rowOf(panel, 'data-measure="grade"')!.slice(0, 4)).toEqual(['Rapportcijfer', '40', '7,5', '7,0']);
    expect(rowOf(panel, 'data-measure="gradeAtLeastSeven"')!.slice(0, 4)).toEqual(['7 of hoger', '40', '88%', '75%']);
    expect(rowOf(panel, 'data-measure="effort"')!.slice(0, 4)).toEqual(['Makkelijk (1–7)', '40', '5,0', '5,0']);
    expect(rowOf(panel, 'data-measure="grade"')![5]).toBe('30');
    const words = text(panel);
    expect(words).toContain('Gewogen naar de uitgenodigden per leeftijd');
    expect(words).toContain('ongewogen');
    expect(words).toContain('Effectief aantal');
    // The mix the weighting corrects: half of the invited, a quarter of those who answered.
    const mix = /<table[^>]*data-hook="weighting-mix"[\s\S]*?<\/table>/.exec(panel)![0];
    expect(text(mix)).toContain('65+ 50% 25%');
    expect(text(mix)).toContain('18-64 50% 75%');
  });

  it('keeps the choice in the form and in the links, and ignores a key that is not an invitation key', async () => {
    const html = await (await get('/dashboard?reis=paspoort-aanvragen&weeg=leeftijd')).text();
    expect(html).toMatch(/<select[^>]*name="weeg"[\s\S]*?<option value="leeftijd" selected[^>]*>Leeftijd<\/option>/);
    expect(html).toContain('Weeg naar de uitgenodigden op');
    expect(html.replace(/&amp;/g, '&')).toMatch(/\/dashboard\/export\.csv\?[^"]*weeg=leeftijd/);

    const unknown = await (await get('/dashboard?reis=paspoort-aanvragen&weeg=bestaat-niet')).text();
    expect(panelOf(unknown)).toBeUndefined();
    expect(unknown).toMatch(/<option value="" selected[^>]*>\(geen\)<\/option>/);
    const none = await (await get('/dashboard?reis=paspoort-aanvragen')).text();
    expect(panelOf(none)).toBeUndefined();
  });

  it('says why it cannot weight within a segment filter', async () => {
    const panel = panelOf(await (await get('/dashboard?reis=paspoort-aanvragen&weeg=leeftijd&segment=leeftijd%3A65%2B')).text())!;
    expect(text(panel)).toContain('Wegen kan niet samen met een segmentfilter');
    expect(panel).not.toContain('data-weighted');
  });
});
