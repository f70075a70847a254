/**
 * The item bank's questions as drivers of the rapportcijfer, through the real path: items added to
 * the paspoort journey, case events over HTTP, surveys posted to /s/<token>, the drivers page read
 * as a manager. At the counter the grade is planted on "Ik voelde me serieus genomen" (answered
 * low), and "De medewerker dacht met mij mee" is noise; by phone it is the other way round. The
 * step feelings are noise throughout.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { journeys } from '../../src/db/schema';
import { emptyPairwise, GRADE_ID, pairOf } from '../../src/heartmonitor/pairwise-moments';
import { addItemPairs } from '../../src/insight/item-drivers';
import { addJourneyItem } from '../../src/items/journey-items';
import { seededRandom } from '../../src/seeded-random';
import { nl } from '../../src/texts';
import { asStaff, createStaff, login } from '../helpers/staff';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const DAYS = 20;
const COUNTER_PER_DAY = 6;
const PHONE_PER_DAY = 2;

interface Row {
  share: number | null;
  answers: number;
  assessment: string;
}

/** The drivers table's item rows, by item code (journey level). */
function itemRows(html: string): Record<string, Row> {
  const table = html.slice(html.indexOf('data-hook="drivers-table"'), html.indexOf('</table>', html.indexOf('data-hook="drivers-table"')));
  const rows: Record<string, Row> = {};
  for (const match of table.matchAll(/<tr class="utrecht-table__row[^"]*" data-item="([^"]+)" data-item-step="" data-share="([^"]*)">(.*?)<\/tr>/g)) {
    const cells = [...match[3]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!);
    rows[match[1]!] = { share: match[2] === '' ? null : Number(match[2]), answers: Number(cells[4]!.replace(/\./g, '')), assessment: cells[6]! };
  }
  return rows;
}

const priorityItems = (html: string) => {
  const list = html.slice(html.indexOf('data-hook="drivers-priority-list"'), html.indexOf('</ol>', html.indexOf('data-hook="drivers-priority-list"')));
  return [...list.matchAll(/data-item="([^"]+)"/g)].map((match) => match[1]);
};

describe('items as key drivers of the grade', () => {
  let ctx: TestContext;
  let get: ReturnType<typeof asStaff>;

  beforeAll(async () => {
    ctx = createTestContext();
    const journeyId = ctx.db.select().from(journeys).where(eq(journeys.slug, 'paspoort-aanvragen')).get()!.id;
    ctx.clock.advanceDays(-DAYS);
    ctx.db.transaction((tx) => {
      for (const code of ['MH-SERIEUS', 'MH-MEEDENKEN', 'MH-VERTROUWEN']) expect(addJourneyItem(tx, journeyId, code, null, ctx.clock.now()).ok).toBe(true);
    });
    const random = seededRandom(23);
    const pick = <T,>(values: T[]) => values[Math.floor(random() * values.length)]!;
    for (let day = 0; day < DAYS; day++) {
      ctx.clock.advanceDays(1);
      for (let i = 0; i < COUNTER_PER_DAY + PHONE_PER_DAY; i++) {
        const phone = i >= COUNTER_PER_DAY;
        const driver = phone ? 1 + Math.floor(random() * 5) : pick([1, 1, 2, 2, 3, 4]);
        const noise = 1 + Math.floor(random() * 5);
        const grade = Math.min(10, Math.max(1, driver * 2 + pick([-1, 0, 1])));
        const posted = await ctx.postEvent(
          caseClosedEvent({ occurredAt: ctx.clock.now().toISOString(), case: { reference: `Z-D-${day}-${i}`, caseType: 'paspoort-aanvragen', channel: phone ? 'telefoon' : 'balie' } }),
        );
        expect(posted.status).toBe(202);
        const form = {
          grade: String(grade),
          effort: '4',
          'feeling-afspraak-maken': String(pick([-2, -1, 0, 1, 2])),
          'feeling-balie': String(pick([-2, -1, 0, 1, 2])),
          'feeling-ophalen': String(pick([-2, -1, 0, 1, 2])),
          'item-MH-SERIEUS': String(phone ? noise : driver),
          'item-MH-MEEDENKEN': String(phone ? driver : noise),
          // An outcome, not a driver: asked, but never a candidate.
          'item-MH-VERTROUWEN': '4',
        };
        const stored = await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams(form) });
        expect(stored.status).toBe(200);
      }
    }
    await createStaff(ctx.db, ctx.clock, 'manager');
    get = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
  });

  it('builds only the pairs that involve an item, so the roll-ups are not counted twice', () => {
    // Laid out with the item before a step, so the step–item pair is stored the other way round.
    const moments = emptyPairwise([GRADE_ID, -1, 5, 6, -2]);
    const position = new Map(moments.ids.map((id, index) => [id, index]));
    addItemPairs(moments, position, 8, [{ id: 5, value: 1 }, { id: 6, value: null }], [{ id: -1, value: 0.75 }, { id: -2, value: null }]);
    addItemPairs(moments, position, 6, [{ id: 5, value: -1 }], [{ id: -1, value: 0.25 }]);
    expect(pairOf(moments, GRADE_ID, -1)).toEqual({ n: 2, sumX: 14, sumY: 1, sumXX: 100, sumYY: 0.625, sumXY: 7.5 });
    expect(pairOf(moments, 5, -1)).toEqual({ n: 2, sumX: 0, sumY: 1, sumXX: 2, sumYY: 0.625, sumXY: 0.5 });
    expect(pairOf(moments, -1, -1).n).toBe(2);
    expect(pairOf(moments, GRADE_ID, GRADE_ID).n).toBe(0);
    expect(pairOf(moments, GRADE_ID, 5).n).toBe(0);
    expect(pairOf(moments, -2, -2).n).toBe(0);
  });

  it('names the planted item driver at the counter in "hier eerst verbeteren", and the noise item not', async () => {
    const response = await get('/dashboard/drijfveren?reis=paspoort-aanvragen&periode=30&kanaal=balie');
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = itemRows(html);
    expect(Object.keys(rows).sort()).toEqual(['MH-MEEDENKEN', 'MH-SERIEUS']);
    expect(rows['MH-SERIEUS']!.share).toBeGreaterThan(0.5);
    expect(rows['MH-SERIEUS']!.assessment).toBe(nl.drivers.quadrants.priority);
    expect(rows['MH-MEEDENKEN']!.share).toBeLessThan(0.05);
    expect(rows['MH-MEEDENKEN']!.assessment).not.toBe(nl.drivers.quadrants.priority);
    expect(priorityItems(html)).toEqual(['MH-SERIEUS']);
    expect(html).toMatch(/data-hook="drivers-top" data-item="MH-SERIEUS"/);
    expect(html).toContain('Ik voelde me serieus genomen.');
    // The steps are still there, beside the items.
    expect(html).toMatch(/data-touchpoint="balie" data-share="/);
  });

  it('follows the channel filter: by phone the other item drives the grade', async () => {
    const html = await (await get('/dashboard/drijfveren?reis=paspoort-aanvragen&periode=30&kanaal=telefoon')).text();
    const rows = itemRows(html);
    expect(rows['MH-MEEDENKEN']!.share).toBeGreaterThan(0.5);
    expect(rows['MH-SERIEUS']!.share).toBeLessThan(0.1);
    expect(html).toMatch(/data-hook="drivers-top" data-item="MH-MEEDENKEN"/);
    expect(html).toContain(`name="kanaal"`);
  });

  it('counts an answer given after the page was read (the per-day cache drops that day)', async () => {
    const page = '/dashboard/drijfveren?reis=paspoort-aanvragen&periode=30&kanaal=balie';
    const before = itemRows(await (await get(page)).text())['MH-SERIEUS']!.answers;
    expect(before).toBe(DAYS * COUNTER_PER_DAY);
    expect((await ctx.postEvent(caseClosedEvent({ occurredAt: ctx.clock.now().toISOString() }))).status).toBe(202);
    const form = { grade: '6', effort: '4', 'feeling-afspraak-maken': '0', 'feeling-balie': '0', 'feeling-ophalen': '0', 'item-MH-SERIEUS': '3', 'item-MH-MEEDENKEN': '3', 'item-MH-VERTROUWEN': '3' };
    expect((await ctx.app.request(surveyPathOf(ctx.db), { method: 'POST', body: new URLSearchParams(form) })).status).toBe(200);
    expect(itemRows(await (await get(page)).text())['MH-SERIEUS']!.answers).toBe(before + 1);
  });

  it('shows the items in the drivers panel of the journey dashboard too', async () => {
    const html = await (await get('/dashboard?reis=paspoort-aanvragen&periode=30&kanaal=balie')).text();
    expect(itemRows(html)['MH-SERIEUS']!.assessment).toBe(nl.drivers.quadrants.priority);
  });
});
