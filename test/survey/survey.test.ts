import { describe, expect, it } from 'vitest';
import { parseSurvey } from '../../src/survey/survey-form';
import { caseClosedEvent, createTestContext, tableCounts, type TestContext } from '../helpers/test-context';
import { surveyPathOf } from '../helpers/survey-link';

const slugs = ['afspraak-maken', 'balie', 'ophalen'];
const complete = {
  'feeling-afspraak-maken': '-1',
  'feeling-balie': '2',
  'feeling-ophalen': 'nvt',
  'comment-balie': '  Vriendelijk geholpen.\r\n',
  grade: '8',
  effort: '7',
};

describe('parseSurvey', () => {
  it('normalises feelings to −2…+2, "niet van toepassing" to null, and trims comments', () => {
    expect(parseSurvey(complete, slugs)).toEqual({
      ok: true,
      answers: {
        grade: 8,
        effort: 7,
        steps: [
          { slug: 'afspraak-maken', feeling: -1, comment: null },
          { slug: 'balie', feeling: 2, comment: 'Vriendelijk geholpen.' },
          { slug: 'ophalen', feeling: null, comment: null },
        ],
      },
    });
  });

  it('gives one Dutch error per field and keeps the values to re-render', () => {
    const result = parseSurvey({ 'feeling-balie': '3', grade: '11', effort: '0', 'comment-balie': 'x'.repeat(2001) }, slugs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      ['comment-balie', 'effort', 'feeling-afspraak-maken', 'feeling-balie', 'feeling-ophalen', 'grade'].sort(),
    );
    expect(result.errors.grade).toBe('Kies een cijfer van 1 tot en met 10.');
    expect(result.errors['feeling-balie']).toContain('Niet van toepassing');
    expect(result.values).toMatchObject({ 'feeling-balie': '3', grade: '11', effort: '0' });
  });

  it('rejects numbers in disguise and arrays', () => {
    for (const grade of ['7.5', ' 7', '07x', '1e1', '-1', '']) {
      expect(parseSurvey({ ...complete, grade }, slugs).ok).toBe(false);
    }
    expect(parseSurvey({ ...complete, effort: ['1', '2'] }, slugs).ok).toBe(false);
  });

  it('ignores fields for steps this invitation does not ask', () => {
    const result = parseSurvey({ ...complete, 'feeling-anders': '2' }, slugs);
    expect(result.ok && result.answers.steps.map((step) => step.slug)).toEqual(slugs);
  });
});

describe('the survey page', () => {
  async function invite(ctx: TestContext, touchpoints?: string[]) {
    const response = await ctx.postEvent(caseClosedEvent(touchpoints ? { touchpoints } : {}));
    expect(response.status).toBe(202);
    return surveyPathOf(ctx.db);
  }

  it('asks only the touchpoints the citizen went through, in journey order', async () => {
    const ctx = createTestContext();
    const path = await invite(ctx, ['ophalen', 'afspraak-maken', 'onbekend']);
    const html = await (await ctx.app.request(path)).text();
    expect(html).toContain('name="feeling-afspraak-maken"');
    expect(html).toContain('name="feeling-ophalen"');
    expect(html).not.toContain('name="feeling-balie"');
    expect(html.indexOf('feeling-afspraak-maken')).toBeLessThan(html.indexOf('feeling-ophalen'));
  });

  it('re-renders an invalid submission with status 422, the citizen’s values and an error per field, storing nothing', async () => {
    const ctx = createTestContext();
    const path = await invite(ctx);
    const before = tableCounts(ctx.db);
    const response = await ctx.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ 'feeling-balie': '1', 'comment-balie': 'Lange <wachttijd> & "drukte"', grade: '12' }),
    });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<title>Fout: ');
    expect(html).toContain('Er ontbreekt nog iets');
    expect(html).toContain('Kies een cijfer van 1 tot en met 10.');
    expect(html).toMatch(/id="feeling-balie-1"[^>]*checked/);
    // The typed comment comes back escaped, not as markup.
    expect(html).toContain('Lange &lt;wachttijd&gt; &amp; &quot;drukte&quot;');
    expect(html).toContain('href="#grade-1"');
    expect(html).toContain('aria-invalid="true"');
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('records a still-queued invitation mail as sent when the citizen answers (its acceptance was lost in a crash), and cancels the reminder', async () => {
    const ctx = createTestContext();
    // No worker ran: the outbox still says queued, as after a kill between SMTP acceptance and the mark.
    const path = await invite(ctx);
    const response = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) });
    expect(response.status).toBe(200);
    const mails = ctx.db.$client.prepare('SELECT kind, status, sent_at, text_body FROM outbox ORDER BY id').all() as { kind: string; status: string; sent_at: number | null; text_body: string | null }[];
    expect(mails.map((mail) => [mail.kind, mail.status])).toEqual([
      ['invitation', 'sent'],
      ['reminder', 'cancelled'],
    ]);
    expect(mails[0]!.sent_at).toBe(ctx.clock.now().getTime());
    // Both erased with the address: the bodies held the personal link.
    expect(mails.map((mail) => mail.text_body)).toEqual([null, null]);
    expect(ctx.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE to_address <> '' OR link_token IS NOT NULL OR html_body IS NOT NULL OR headers <> '{}'").get()).toEqual({ n: 0 });
    const invitation = ctx.db.$client.prepare('SELECT status, email, mailed_at FROM invitations').get();
    expect(invitation).toEqual({ status: 'answered', email: null, mailed_at: ctx.clock.now().getTime() });
  });

  it('answers an unknown or malformed link with 404 and a clear page', async () => {
    const ctx = createTestContext();
    for (const path of ['/s/abc', `/s/${'x'.repeat(43)}`, `/s/${'y'.repeat(500)}`]) {
      const response = await ctx.app.request(path);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('Deze link werkt niet');
      // A citizen with a letter is pointed to where the code goes.
      expect(html).toContain('<a class="utrecht-link" href="/vragenlijst">Heeft u een brief met een code? Vul hier uw code in</a>');
    }
    const post = await ctx.app.request(`/s/${'x'.repeat(43)}`, { method: 'POST', body: new URLSearchParams(complete) });
    expect(post.status).toBe(404);
  });

  it('answers an expired link with 410, even before the expiry job ran, and stores nothing', async () => {
    const ctx = createTestContext();
    const path = await invite(ctx);
    ctx.clock.advanceDays(30);
    expect((await ctx.app.request(path)).status).toBe(410);
    const before = tableCounts(ctx.db);
    expect((await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) })).status).toBe(410);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses an oversized body with 413 and keeps links out of referrers and caches', async () => {
    const ctx = createTestContext();
    const path = await invite(ctx);
    const big = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ ...complete, 'comment-balie': 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
    const page = await ctx.app.request(path);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('slows down scripted submissions to one link with 429 and Retry-After, storing nothing', async () => {
    const ctx = createTestContext();
    const path = await invite(ctx);
    for (let i = 0; i < 10; i++) {
      expect((await ctx.app.request(path, { method: 'POST', body: new URLSearchParams({ grade: 'x' }) })).status).toBe(422);
    }
    const limited = await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(tableCounts(ctx.db).responses).toBe(0);
    ctx.clock.advanceMs(10 * 60_000);
    expect((await ctx.app.request(path, { method: 'POST', body: new URLSearchParams(complete) })).status).toBe(200);
  });
});
