/** The call-back panel on /dashboard: requests per step, share within the norm, outcomes — with the minimum group size. */
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { callbackRequests, touchpoints } from '../../src/db/schema';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { callbackRequestFor } from './kcc-fixtures';
import { hoursLater } from './time';

let ctx: TestContext;

beforeAll(async () => {
  ctx = createTestContext({ MIN_GROUP_SIZE: '2' });
  const now = ctx.clock.now();
  // Three requests whose worst step is "Afspraak maken", one the KCC linked to "Aanvraag aan de balie".
  const ids = [];
  for (const hours of [-30, -20, -10, -5]) ids.push(await callbackRequestFor(ctx, { at: hoursLater(now, hours), dueAt: hoursLater(now, hours + 16) }));
  const balie = ctx.db.select().from(touchpoints).where(eq(touchpoints.slug, 'balie')).get()!;
  ctx.db.update(callbackRequests).set({ touchpointId: balie.id }).where(eq(callbackRequests.id, ids[3]!)).run();
  // Two closed as solved: one within its norm, one after it.
  ctx.db.update(callbackRequests).set({ status: 'closed', outcome: 'solved', closedAt: hoursLater(now, -20) }).where(eq(callbackRequests.id, ids[0]!)).run();
  ctx.db.update(callbackRequests).set({ status: 'closed', outcome: 'solved', closedAt: hoursLater(now, -1) }).where(eq(callbackRequests.id, ids[1]!)).run();
});

describe('call-back figures on the dashboard', () => {
  it('counts per step, hides a step below the minimum group, and gives the share within the norm and the outcomes', async () => {
    const user = await createStaff(ctx.db, ctx.clock, 'manager');
    const manager = asStaff(ctx.app, (await login(ctx.app, user.email)).cookie!);
    const response = await manager('/dashboard?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const raw = await response.text();
    const html = decodeHtml(raw);
    // The heart monitor marks the step that drew the requests, linked to the figures; not the one below the minimum.
    const marked = [...raw.matchAll(/<tr[^>]*data-touchpoint="([^"]+)"[^>]*>(?:(?!<\/tr>)[\s\S])*?data-hook="callbacks-on-step">([^<]+)</g)].map((match) => [match[1], match[2]]);
    expect(marked).toEqual([['afspraak-maken', '3 terugbelverzoeken']]);
    expect(raw).toContain('<a class="utrecht-link" href="#terugbellen" data-hook="callbacks-on-step">');
    const panel = html.slice(html.indexOf('Terugbelverzoeken'), html.indexOf('Terugbelverzoeken') + 1200);
    expect(panel).toContain('4 verzoeken in deze periode.');
    expect(panel).toMatch(/Afspraak maken\s*3/);
    // "Aanvraag aan de balie" has one request: below the minimum group of 2.
    expect(panel).not.toMatch(/Aanvraag aan de balie\s*1/);
    expect(panel).toContain('1 stap heeft minder dan 2 verzoeken');
    expect(panel).toContain('Binnen de servicenorm afgehandeld: 50%.');
    expect(panel).toMatch(/Opgelost\s*2/);
  });
});
