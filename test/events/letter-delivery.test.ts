import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { candidateCode, codeHash, formatCode } from '../../src/invitations/letter-codes';
import { runRetention } from '../../src/privacy/retention';
import { CODE_FAILURES_IN_TOTAL, CODE_TRIES_PER_ADDRESS } from '../../src/survey/letter-code-routes';
import { nl } from '../../src/texts';
import { escapeHtml } from '../helpers/html-text';
import { caseClosedEvent, createTestContext, tableCounts, type TestContext } from '../helpers/test-context';

interface Accepted {
  status: string;
  invitationId: number;
  survey?: { url: string; code: string };
}

/** A case closed without an e-mail address, to be told by letter. */
function letterEvent(citizen: Record<string, string> = {}) {
  return caseClosedEvent({ delivery: 'letter', citizen: { language: 'nl', ...citizen } });
}

async function sendLetter(ctx: TestContext, event = letterEvent()): Promise<Accepted> {
  const response = await ctx.postEvent(event);
  expect(response.status).toBe(202);
  return (await response.json()) as Accepted;
}

function typeCode(ctx: TestContext, code: string, from = '192.0.2.1') {
  return ctx.app.request('/vragenlijst', { method: 'POST', body: new URLSearchParams({ code }), headers: { 'X-Forwarded-For': from } });
}

const count = (ctx: TestContext, sql: string, ...params: unknown[]) => (ctx.db.$client.prepare(sql).get(...params) as { n: number }).n;

/** The survey form filled in for every step it asks (the first option of each question). */
async function answerSurvey(ctx: TestContext, path: string): Promise<Response> {
  const page = await (await ctx.app.request(path)).text();
  const form = new URLSearchParams();
  for (const [, name, value] of page.matchAll(/type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]+)"/g)) if (!form.has(name!)) form.set(name!, value!);
  return ctx.app.request(path, { method: 'POST', body: form });
}

/**
 * Draws the SVG the way a printer would: the qrcode package's output is a white square and one
 * stroked path of horizontal runs (`M x y.5 h n m dx dy …`, stroke width 1). Anything else in
 * the path fails the test rather than being drawn wrong.
 */
function rasterise(svg: string, scale = 8): PNG {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const png = new PNG({ width: size * scale, height: size * scale });
  png.data.fill(255);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  let x = 0;
  let y = 0;
  for (const [, command, args] of path.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const numbers = args!.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    if (command === 'M') [x, y] = numbers as [number, number];
    else if (command === 'm') [x, y] = [x + numbers[0]!, y + numbers[1]!];
    else if (command === 'h') {
      const row = Math.floor(y);
      for (let px = x * scale; px < (x + numbers[0]!) * scale; px++) {
        for (let py = row * scale; py < (row + 1) * scale; py++) png.data.fill(0, (py * png.width + px) * 4, (py * png.width + px) * 4 + 3);
      }
      x += numbers[0]!;
    } else throw new Error(`unexpected path command ${command}`);
  }
  return png;
}

describe('letter delivery', () => {
  it('needs no e-mail address, queues no mail, and answers with the link and a readable code', async () => {
    const ctx = createTestContext();
    const before = tableCounts(ctx.db);
    const body = await sendLetter(ctx);
    expect(body.status).toBe('accepted');
    expect(body.survey?.url).toMatch(new RegExp(`^${ctx.config.PUBLIC_URL}/s/[A-Za-z0-9_-]{43}$`));
    expect(body.survey?.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(tableCounts(ctx.db).outbox).toBe(before.outbox);
    const row = ctx.db.$client.prepare('SELECT * FROM invitations WHERE id = ?').get(body.invitationId) as Record<string, unknown>;
    expect(row).toMatchObject({ delivery: 'letter', email: null, status: 'open' });
    // Neither the code nor the link's token is stored in clear.
    const stored = JSON.stringify(ctx.db.$client.prepare('SELECT * FROM invitations').all()) + JSON.stringify(ctx.db.$client.prepare('SELECT * FROM events').all());
    const token = body.survey!.url.split('/s/')[1]!;
    for (const secret of [token, body.survey!.code, body.survey!.code.replace('-', '')]) expect(stored).not.toContain(secret);
  });

  it('counts a letter as sent when its link goes to the case system, also for letters from before (migration 0020)', async () => {
    const ctx = createTestContext();
    const { invitationId } = await sendLetter(ctx);
    const sentAt = () => ctx.db.$client.prepare('SELECT mailed_at = created_at AS same, mailed_at IS NOT NULL AS sent FROM invitations WHERE id = ?').get(invitationId);
    expect(sentAt()).toEqual({ same: 1, sent: 1 });
    const funnel = () => ctx.db.$client.prepare('SELECT sum(invitations) AS invited, sum(mailed) AS mailed FROM invitation_hour_counts').get();
    expect(funnel()).toEqual({ invited: 1, mailed: 1 });
    // As before: no mailed_at; the migration sets it, and the funnel's roll-up follows (trigger).
    ctx.db.$client.prepare('UPDATE invitations SET mailed_at = NULL').run();
    expect(funnel()).toEqual({ invited: 1, mailed: 0 });
    ctx.db.$client.exec(readFileSync(new URL('../../migrations/0020_letters_reached.sql', import.meta.url), 'utf8'));
    expect(sentAt()).toEqual({ same: 1, sent: 1 });
    expect(funnel()).toEqual({ invited: 1, mailed: 1 });
  });

  it('still requires an address for e-mail delivery, the default', async () => {
    const ctx = createTestContext();
    const response = await ctx.postEvent(caseClosedEvent({ citizen: { language: 'nl' } }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors).toEqual([expect.objectContaining({ field: 'citizen.email' })]);
  });

  it('answers a duplicate event with the same code and link, and creates nothing new', async () => {
    const ctx = createTestContext();
    const event = letterEvent();
    const first = await sendLetter(ctx, event);
    const before = tableCounts(ctx.db);
    const again = await sendLetter(ctx, event);
    expect(again.status).toBe('duplicate');
    expect(again.survey).toEqual(first.survey);
    expect(tableCounts(ctx.db)).toEqual(before);
  });

  it('gives different letters different codes', async () => {
    const ctx = createTestContext();
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await sendLetter(ctx)).survey!.code);
    expect(codes.size).toBe(20);
  });

  it('takes the next candidate when a code is taken, and finds it again for a duplicate event', async () => {
    const ctx = createTestContext();
    const taken = await sendLetter(ctx);
    const nextId = taken.invitationId + 1;
    // Plant the collision: the earlier letter holds the next invitation's first candidate.
    ctx.db.$client.prepare('UPDATE invitations SET code_hash = ? WHERE id = ?').run(codeHash(ctx.addressHashKey, candidateCode(ctx.addressHashKey, nextId, 0)), taken.invitationId);
    const event = letterEvent();
    const letter = await sendLetter(ctx, event);
    expect(letter.invitationId).toBe(nextId);
    expect(letter.survey!.code).toBe(formatCode(candidateCode(ctx.addressHashKey, nextId, 1)));
    expect((await sendLetter(ctx, event)).survey).toEqual(letter.survey);
    expect((await typeCode(ctx, letter.survey!.code)).headers.get('Location')).toBe(new URL(letter.survey!.url).pathname);
  });

  it('applies fatigue and opt-out by citizen.key, keeping only its keyed hash', async () => {
    const ctx = createTestContext();
    const key = 'adres-hash-van-het-zaaksysteem-42';
    const first = await sendLetter(ctx, letterEvent({ key }));
    expect(first.status).toBe('accepted');
    const second = await sendLetter(ctx, letterEvent({ key }));
    expect(second).toMatchObject({ status: 'suppressed', reason: 'recently-invited' });
    // The letter's link leads to the same opt-out page as a mail's; it holds for later letters with this key.
    expect((await ctx.app.request(`/afmelden/${first.survey!.url.split('/s/')[1]}`, { method: 'POST' })).status).toBe(200);
    ctx.clock.advanceDays(ctx.config.FATIGUE_DAYS + 1);
    expect(await sendLetter(ctx, letterEvent({ key }))).toMatchObject({ status: 'suppressed', reason: 'opted-out' });
    expect((await sendLetter(ctx, letterEvent({ key: 'een-andere-burger' }))).status).toBe('accepted');
    // Without a key nothing links two letters: both are sent.
    expect((await sendLetter(ctx)).status).toBe('accepted');
    expect((await sendLetter(ctx)).status).toBe('accepted');
    const stored = JSON.stringify(ctx.db.$client.prepare('SELECT * FROM invitations').all()) + JSON.stringify(ctx.db.$client.prepare('SELECT * FROM events').all());
    expect(stored).not.toContain(key);
  });

  it('lets the code open the survey once; afterwards it is refused like any unknown code', async () => {
    const ctx = createTestContext();
    const { survey, invitationId } = await sendLetter(ctx);
    const page = await ctx.app.request('/vragenlijst');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(escapeHtml(nl.letterCode.title));

    // Typed in lower case, with spaces instead of the dash.
    const typed = survey!.code.toLowerCase().replace('-', ' ');
    const opened = await typeCode(ctx, ` ${typed} `);
    expect(opened.status).toBe(303);
    const path = opened.headers.get('Location')!;
    expect(`${ctx.config.PUBLIC_URL}${path}`).toBe(survey!.url);
    expect((await answerSurvey(ctx, path)).status).toBe(200);
    expect(count(ctx, "SELECT count(*) AS n FROM invitations WHERE id = ? AND status = 'answered'", invitationId)).toBe(1);

    const used = await typeCode(ctx, survey!.code, '192.0.2.2');
    const unknown = await typeCode(ctx, 'ABCD-EFGH', '192.0.2.2');
    for (const response of [used, unknown]) {
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('id="foutoverzicht"');
      expect(html).toContain(escapeHtml(nl.letterCode.notFound));
    }
    // The link itself tells the citizen it was answered already.
    expect((await ctx.app.request(path)).status).toBe(409);
  });

  it('refuses a wrong, malformed or expired code with the same message', async () => {
    const ctx = createTestContext();
    const { survey } = await sendLetter(ctx);
    const code = survey!.code;
    const oneOff = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    const pages: string[] = [];
    for (const wrong of [oneOff, 'K7QX', 'O0I1-L000', '<script>']) {
      const response = await typeCode(ctx, wrong, '192.0.2.3');
      expect(response.status).toBe(422);
      pages.push((await response.text()).replace(/value="[^"]*"/, ''));
    }
    ctx.clock.advanceDays(ctx.config.INVITATION_EXPIRY_DAYS + 1);
    const expired = await typeCode(ctx, code, '192.0.2.3');
    expect(expired.status).toBe(422);
    pages.push((await expired.text()).replace(/value="[^"]*"/, ''));
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain(escapeHtml(nl.letterCode.notFound));
  });

  it('limits guessing per address, even when a right code comes after', async () => {
    const ctx = createTestContext({ TRUST_PROXY: 'true' });
    const { survey } = await sendLetter(ctx);
    for (let i = 0; i < CODE_TRIES_PER_ADDRESS; i++) expect((await typeCode(ctx, `ZZZZ-ZZ${String(i + 22).slice(-2)}`, '198.51.100.7')).status).toBe(422);
    const blocked = await typeCode(ctx, survey!.code, '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another address is not held up.
    expect((await typeCode(ctx, survey!.code, '198.51.100.8')).status).toBe(303);
    ctx.clock.advanceMs(15 * 60_000);
    expect((await typeCode(ctx, survey!.code, '198.51.100.7')).status).toBe(303);
  });

  it('limits wrong codes from all addresses together, says so once in the audit log, and the link keeps working', async () => {
    const ctx = createTestContext({ TRUST_PROXY: 'true' });
    const { survey } = await sendLetter(ctx);
    // Guessing spread over many addresses, each under its own limit: 5 wrong codes from each of 60 addresses.
    let address = 0;
    for (let i = 0; i < CODE_FAILURES_IN_TOTAL; i++) {
      if (i % 5 === 0) address++;
      expect((await typeCode(ctx, `ZZZZ-Z${String(1000 + i).slice(-3).replace(/[01]/g, 'Z')}`, `203.0.113.${address}`)).status).toBe(422);
    }
    // Now everyone waits, also a citizen with the right code from a fresh address …
    const blocked = await typeCode(ctx, survey!.code, '198.51.100.200');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain(escapeHtml(nl.letterCode.busyBody));
    // … but the letter's link (and so its QR code) still opens the survey.
    expect((await ctx.app.request(new URL(survey!.url).pathname)).status).toBe(200);
    const guessingAlerts = () => ctx.db.$client.prepare("SELECT result, actor FROM audit_log WHERE action = 'letter-code.guessing-limit'").all();
    expect(guessingAlerts()).toEqual([{ result: 'denied', actor: 'anoniem' }]);
    // Blocked attempts are not counted again; after the quarter hour the code works.
    ctx.clock.advanceMs(15 * 60_000);
    expect((await typeCode(ctx, survey!.code, '198.51.100.200')).status).toBe(303);
    expect(guessingAlerts()).toHaveLength(1);
  });

  it('draws the link as a QR code for the sending API key only', async () => {
    const ctx = createTestContext();
    const { survey } = await sendLetter(ctx);
    const qr = (code: string, key: string | null = ctx.apiKey) =>
      ctx.app.request(`/api/v1/invitations/${code}/qr.svg`, key ? { headers: { Authorization: `Bearer ${key}` } } : {});

    const response = await qr(survey!.code);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/);
    const png = rasterise(await response.text());
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(survey!.url);

    // The code as typed by a person works too.
    expect((await qr(survey!.code.toLowerCase().replace('-', ''))).status).toBe(200);
    expect((await qr(survey!.code, null)).status).toBe(401);
    expect((await qr('ABCD-EFGH')).status).toBe(404);
    const otherKey = createApiKey(ctx.db, 'ander zaaksysteem', ctx.clock).key;
    expect((await qr(survey!.code, otherKey)).status).toBe(404);
  });

  it('forgets the code when retention anonymises the invitation', async () => {
    const ctx = createTestContext();
    const { survey, invitationId } = await sendLetter(ctx);
    ctx.clock.advanceDays(800);
    expect((await runRetention(ctx.db, { clock: ctx.clock, config: ctx.config })).complete).toBe(true);
    expect(ctx.db.$client.prepare('SELECT code_hash, token_hash FROM invitations WHERE id = ?').get(invitationId)).toEqual({ code_hash: null, token_hash: null });
    expect((await typeCode(ctx, survey!.code)).status).toBe(422);
    expect((await ctx.app.request(`/api/v1/invitations/${survey!.code}/qr.svg`, { headers: { Authorization: `Bearer ${ctx.apiKey}` } })).status).toBe(404);
  });
});
