/** Staff read a segment key's Dutch label, never the raw key; the option values and URLs keep the key. */
import { describe, expect, it } from 'vitest';
import { addKnownAnswers } from '../helpers/known-answers';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext } from '../helpers/test-context';

const headingText = (html: string, id: string) => {
  const match = new RegExp(`<h[23][^>]*id="${id}"[^>]*>([\\s\\S]*?)</h[23]>`).exec(html);
  return match ? decodeHtml(match[1]!) : undefined;
};

describe('segment keys on the dashboard', () => {
  it('shows "ageBand" as "Leeftijdsgroep" in the comparison heading, its table and the selects', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now().getTime();
    // Two age bands of 12 answers each: both above the minimum group size, so the comparison shows.
    addKnownAnswers(ctx, 24, (i) => ({ at: new Date(now - (i + 1) * 3_600_000), feelings: { balie: i % 2 ? 1 : -1 }, segment: { ageBand: i % 2 ? '18-34' : '65+' } }));
    await createStaff(ctx.db, ctx.clock, 'manager');
    const { cookie } = await login(ctx.app, 'manager@gemeente.test');
    const html = await (await asStaff(ctx.app, cookie!)('/dashboard?reis=paspoort-aanvragen&vergelijk=ageBand')).text();

    const heading = headingText(html, 'vergelijking-titel');
    expect(heading).toBe('Hartmonitor per leeftijdsgroep');
    expect(html).toContain('id="vergelijking-grafiek"');
    const text = decodeHtml(html);
    expect(text).not.toContain('ageBand');
    expect(text).toContain('Leeftijdsgroep: 65+');
    // The contract stays: the raw key is the option value.
    expect(html).toMatch(/<option value="ageBand" selected[^>]*>Leeftijdsgroep<\/option>/);
    expect(html).toContain('<option value="ageBand:65+"');
  });
});
