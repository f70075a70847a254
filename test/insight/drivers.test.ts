/**
 * Key drivers through the real path: case events posted over HTTP with an API key, the surveys
 * answered with POST /s/<token>, a real in-memory SQLite with the migrations, and the page read
 * back as a manager. One step (balie) is planted to drive the rapportcijfer; it must come out on
 * top and, felt worse than the rest, in "hier eerst verbeteren". A step answered mostly "niet van
 * toepassing" is handled by pairwise deletion and shown as such; a group below the minimum size
 * shows nothing. The roll-up is checked against the answers table itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { GRADE_ID, decodePairwise, addPairwise, emptyPairwise, pairOf } from '../../src/heartmonitor/pairwise-moments';
import { seededRandom } from '../../src/seeded-random';
import { nl } from '../../src/texts';
import { unescapeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const t = nl.drivers;
const DAYS = 20;
const PER_DAY = 8;
const SMALL_GROUP = 6; // wijk "Klein": fewer responses than MIN_GROUP_SIZE (10)

type Feeling = number | null;

/** One citizen: the event over HTTP, the link from the invitation mail, the survey posted. */
async function answer(ctx: TestContext, feelings: Record<string, Feeling>, grade: number, segment: Record<string, string>) {
  const event = caseClosedEvent({ occurredAt: ctx.clock.now().toISOString(), touchpoints: Object.keys(feelings), segment });
  const posted = await ctx.postEvent(event);
  expect(posted.status).toBe(202);
  expect(((await posted.json()) as { status: string }).status).toBe('accepted');
  const path = surveyPathOf(ctx.db);
  const form: Record<string, string> = { grade: String(grade), effort: '4' };
  for (const [slug, feeling] of Object.entries(feelings)) form[`feeling-${slug}`] = feeling === null ? 'nvt' : String(feeling);
  const stored = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(form) });
  expect(stored.status).toBe(200);
}

const decode = (html: string) => unescapeHtml(html.replace(/<[^>]+>/g, ''));

interface DriverRow {
  rank: string;
  share: number | null;
  feelings: number;
  notApplicable: number;
  assessment: string;
}

/** The drivers table, by touchpoint slug. */
function driverRows(html: string): Record<string, DriverRow> {
  const table = html.slice(html.indexOf('data-hook="drivers-table"'), html.indexOf('</table>', html.indexOf('data-hook="drivers-table"')));
  const rows: Record<string, DriverRow> = {};
  for (const match of table.matchAll(/<tr class="utrecht-table__row[^"]*" data-touchpoint="([^"]+)" data-share="([^"]*)">(.*?)<\/tr>/g)) {
    const cells = [...match[3]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => decode(cell[1]!));
    rows[match[1]!] = {
      rank: cells[0]!,
      share: match[2] === '' ? null : Number(match[2]),
      feelings: Number(cells[4]!.replace(/\./g, '')),
      notApplicable: Number(cells[5]!.replace(/\./g, '')),
      assessment: cells[6]!,
    };
  }
  return rows;
}

describe('key drivers through the real path', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;
  let notApplicable = 0;
  let pickupFeelings = 0;
  let lastDaysPickupFeelings = 0; // in the last three days

  beforeAll(async () => {
    ctx = createTestContext();
    const random = seededRandom(2026);
    const pick = (values: number[]) => values[Math.floor(random() * values.length)]!;
    ctx.clock.advanceDays(-DAYS);
    for (let day = 0; day < DAYS; day++) {
      ctx.clock.advanceDays(1);
      for (let i = 0; i < PER_DAY; i++) {
        // Balie drives the grade and is felt worse than the other steps; the others are noise.
        const balie = pick([-2, -1, -1, 0, 0, 1]);
        const grade = Math.max(1, Math.min(10, Math.round(6.5 + 1.6 * balie + (random() - 0.5) * 1.5)));
        const ophalen = random() < 0.8 ? null : pick([-1, 0, 1, 2]);
        if (ophalen === null) notApplicable++;
        else {
          pickupFeelings++;
          if (day >= DAYS - 3) lastDaysPickupFeelings++;
        }
        await answer(ctx, { 'afspraak-maken': pick([-1, 0, 1, 2]), balie, ophalen }, grade, { wijk: i === 0 && day < SMALL_GROUP ? 'Klein' : 'Groot' });
        ctx.clock.advanceMs(60_000);
      }
    }
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    get = asStaff(ctx.app, cookie!);
  }, 120_000);

  it('keeps roll-up moments equal to the pairwise sums over the stored answers', () => {
    const rows = ctx.db.$client.prepare("SELECT moments FROM driver_rollups WHERE segment_key = '' AND journey_id = (SELECT id FROM journeys WHERE slug = 'paspoort-aanvragen')").all() as { moments: Buffer }[];
    const combined = rows.reduce((total, row) => addPairwise(total, decodePairwise(row.moments)), emptyPairwise());
    const ids = ctx.db.$client.prepare("SELECT t.id, t.slug FROM touchpoints t JOIN journeys j ON j.id = t.journey_id WHERE j.slug = 'paspoort-aanvragen'").all() as { id: number; slug: string }[];
    const balie = ids.find((row) => row.slug === 'balie')!.id;
    const ophalen = ids.find((row) => row.slug === 'ophalen')!.id;
    const direct = ctx.db.$client
      .prepare(
        `SELECT count(*) AS n, sum(a.feeling) AS sumX, sum(b.feeling) AS sumY, sum(a.feeling * b.feeling) AS sumXY
         FROM answers a JOIN answers b ON b.response_id = a.response_id
         WHERE a.touchpoint_id = ? AND b.touchpoint_id = ? AND a.feeling IS NOT NULL AND b.feeling IS NOT NULL`,
      )
      .get(balie, ophalen) as { n: number; sumX: number; sumY: number; sumXY: number };
    expect(pairOf(combined, balie, ophalen)).toMatchObject(direct);
    const grade = ctx.db.$client
      .prepare('SELECT count(*) AS n, sum(r.grade) AS sumY, sum(a.feeling * r.grade) AS sumXY FROM answers a JOIN responses r ON r.id = a.response_id WHERE a.touchpoint_id = ? AND a.feeling IS NOT NULL')
      .get(balie) as { n: number; sumY: number; sumXY: number };
    expect(pairOf(combined, balie, GRADE_ID)).toMatchObject(grade);
    expect(pairOf(combined, GRADE_ID, GRADE_ID).n).toBe(DAYS * PER_DAY);
  });

  it('shows the planted step as the top driver, in "hier eerst verbeteren", on /dashboard/drijfveren', async () => {
    const response = await get('/dashboard/drijfveren?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="drijfveren"');
    expect(html).toContain('data-chart="drivers"');
    const rows = driverRows(html);
    expect(rows.balie!.rank).toBe('1');
    expect(rows.balie!.share!).toBeGreaterThan(0.4);
    expect(rows.balie!.share!).toBeGreaterThan(4 * rows['afspraak-maken']!.share!);
    expect(rows.balie!.assessment).toBe(t.quadrants.priority);
    expect(/<p class="utrecht-paragraph" data-hook="drivers-top" data-touchpoint="([^"]+)"/.exec(html)![1]).toBe('balie');
    const priority = html.slice(html.indexOf('data-hook="drivers-priority-list"'), html.indexOf('</ol>', html.indexOf('data-hook="drivers-priority-list"')));
    expect([...priority.matchAll(/data-touchpoint="([^"]+)"/g)].map((match) => match[1])).toEqual(['balie']);
    expect(decode(html)).toContain(t.association);
    expect(decode(html)).toContain(t.method.missing);
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('counts "niet van toepassing" apart and models the step on the responses that gave a feeling', async () => {
    const html = await (await get('/dashboard/drijfveren?reis=paspoort-aanvragen')).text();
    const rows = driverRows(html);
    expect(rows.ophalen!.notApplicable).toBe(notApplicable);
    expect(rows.ophalen!.feelings).toBe(pickupFeelings);
    expect(pickupFeelings).toBeGreaterThanOrEqual(10);
    expect(rows.ophalen!.share).not.toBeNull();
    // Over the last three days the step has fewer than 10 feelings: left out of the model, and said so.
    expect(lastDaysPickupFeelings).toBeLessThan(10);
    const week = await (await get('/dashboard/drijfveren?reis=paspoort-aanvragen&periode=eigen&van=2026-11-18&tot=2026-11-20')).text();
    const weekRows = driverRows(week);
    expect(weekRows.ophalen!.share).toBeNull();
    expect(weekRows.ophalen!.feelings).toBe(lastDaysPickupFeelings);
    expect(weekRows.ophalen!.assessment).toBe(t.excluded['too-few-feelings'](10));
    expect(weekRows.balie!.rank).toBe('1');
  });

  it('shows nothing for a group below the minimum size', async () => {
    const response = await get('/dashboard/drijfveren?reis=paspoort-aanvragen&segment=wijk:Klein');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(decode(html)).toContain(t.withheld['too-few-responses'](10, String(SMALL_GROUP)));
    expect(html).not.toContain('data-hook="drivers-table"');
    expect(html).not.toContain('data-chart="drivers"');
    expect(html).not.toContain('data-hook="drivers-priority');
  });

  it('answers htmx with the part it swaps, and a wrong period with 422', async () => {
    const fragment = await get('/dashboard/drijfveren?reis=paspoort-aanvragen', { headers: { 'HX-Request': 'true' } });
    expect(fragment.status).toBe(200);
    const html = await fragment.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('hx-target="#drijfveren"');
    expect(html).toContain('data-hook="drivers-table"');
    const wrong = await get('/dashboard/drijfveren?reis=paspoort-aanvragen&periode=eigen&van=gisteren&tot=2026-11-20');
    expect(wrong.status).toBe(422);
  });

  it('puts the panel on the journey dashboard with a link to the page, and the page in the dashboard links', async () => {
    const html = await (await get('/dashboard?reis=paspoort-aanvragen')).text();
    expect(html).toContain('id="drijfveren-titel"');
    expect(driverRows(html).balie!.rank).toBe('1');
    expect(html).toMatch(/href="\/dashboard\/drijfveren\?reis=paspoort-aanvragen[^"]*"/);
    expect(html).toContain('href="/dashboard/drijfveren"');
  });
});
