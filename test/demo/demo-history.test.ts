/**
 * The demo history leaves nothing usable behind that nobody asked for (the API key that carried
 * its events is revoked), and leaves a consent panel a researcher can work with: members who gave
 * consent in their survey and confirmed by the link in their mail, with the proof to show.
 */
import { describe, expect, it } from 'vitest';
import { findActiveApiKey, listApiKeys } from '../../src/api-keys/api-keys';
import { consentText } from '../../src/consent-text';
import { dutch } from '../../src/texts/citizen';
import { DEMO_MAIL_DOMAIN, generateDemoHistory } from '../../src/demo/demo-history';
import { countMailbox } from '../../src/mail/mailbox';
import { readCallbackContact } from '../../src/callbacks/requests';
import { workingHoursBetween } from '../../src/callbacks/service-norm';
import { formatDateTime, nl } from '../../src/texts';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';

const demo = (ctx: TestContext, seed = 3) =>
  generateDemoHistory(ctx.db, { config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates }, { days: 30, responses: 120, seed }, ctx.clock.now());

const rows = <T>(ctx: TestContext, query: string, ...params: unknown[]) => ctx.db.$client.prepare(query).all(...params) as T[];

describe('generateDemoHistory', () => {
  it('revokes the API key its events came in with, and leaves other keys alone', () => {
    const ctx = createTestContext();
    const report = demo(ctx);
    expect(report.responses).toBeGreaterThan(50);
    const demoKeys = listApiKeys(ctx.db).filter((key) => key.name.startsWith('demo-'));
    expect(demoKeys).toHaveLength(1);
    expect(demoKeys[0]!.revokedAt).toBeInstanceOf(Date);
    expect(findActiveApiKey(ctx.db, ctx.apiKey)).toBeDefined();
  });

  it('has some answers given by phone and at the counter, their feelings running higher than by e-mail', () => {
    const ctx = createTestContext();
    demo(ctx, 3);
    const byMode = Object.fromEntries(
      rows<{ mode: string; n: number; mean: number }>(ctx, 'SELECT r.mode, count(DISTINCT r.id) AS n, avg(a.feeling) AS mean FROM responses r JOIN answers a ON a.response_id = r.id GROUP BY r.mode').map((row) => [row.mode, row]),
    );
    expect(Object.keys(byMode).sort()).toEqual(['balie', 'email', 'letter', 'telefoon']);
    expect(byMode.telefoon!.n + byMode.balie!.n).toBeGreaterThanOrEqual(5);
    const assistedMean = (byMode.telefoon!.mean * byMode.telefoon!.n + byMode.balie!.mean * byMode.balie!.n) / (byMode.telefoon!.n + byMode.balie!.n);
    expect(assistedMean).toBeGreaterThan(byMode.email!.mean);
  });

  it('reaches some citizens only by letter and some not at all, the oldest more often, so the dashboard has them to count', () => {
    const ctx = createTestContext();
    demo(ctx, 3);
    const byAge = rows<{ age: string; cases: number; none: number; letters: number; answeredLetters: number }>(
      ctx,
      `SELECT json_extract(segment, '$.leeftijd') AS age, count(*) AS cases,
              sum(suppressed_reason = 'no-address') AS none, sum(delivery = 'letter') AS letters,
              sum(delivery = 'letter' AND status = 'answered') AS answeredLetters
       FROM invitations GROUP BY age`,
    );
    const share = (age: string, field: 'none' | 'letters') => byAge.filter((row) => row.age === age).reduce((total, row) => total + row[field], 0) / byAge.filter((row) => row.age === age).reduce((total, row) => total + row.cases, 0);
    expect(share('65+', 'none')).toBeGreaterThan(share('18-34', 'none'));
    expect(byAge.reduce((total, row) => total + row.answeredLetters, 0)).toBeGreaterThan(0);
    // Not invitable: no address kept, no mail queued.
    expect(rows(ctx, "SELECT id FROM invitations WHERE suppressed_reason = 'no-address' AND (email IS NOT NULL OR delivery <> 'none')")).toEqual([]);
    expect(rows(ctx, "SELECT o.id FROM outbox o JOIN invitations i ON i.id = o.invitation_id WHERE i.delivery <> 'email'")).toEqual([]);
  });

  it('signs respondents up for the panel through their survey and the confirmation link, with the proof on the proof page', async () => {
    const ctx = createTestContext();
    const now = ctx.clock.now();
    const { panel } = demo(ctx);
    expect(panel!.signedUp).toBeGreaterThanOrEqual(20);

    const members = rows<{ id: number; status: string; response_id: number | null; journey_id: number; created_at: number; confirmed_at: number | null }>(
      ctx,
      'SELECT id, status, response_id, journey_id, created_at, confirmed_at FROM panel_members ORDER BY id',
    );
    expect(members).toHaveLength(panel!.signedUp);
    const active = members.filter((member) => member.status === 'active');
    expect(active.length).toBe(panel!.confirmed - panel!.withdrawn);
    expect(active.length).toBeGreaterThanOrEqual(10);
    expect(panel!.withdrawn).toBeGreaterThan(0);
    expect(members.filter((member) => member.status === 'withdrawn')).toHaveLength(panel!.withdrawn);
    // Spread over the history and over the journeys, each confirmed after signing up, none in the future.
    expect(new Set(members.map((member) => member.journey_id)).size).toBeGreaterThanOrEqual(2);
    const days = new Set(members.map((member) => Math.floor(member.created_at / 86_400_000)));
    expect(days.size).toBeGreaterThanOrEqual(10);
    for (const member of active) {
      expect(member.confirmed_at!).toBeGreaterThan(member.created_at);
      expect(member.confirmed_at!).toBeLessThanOrEqual(now.getTime());
    }

    // Each came from a stored survey response, with the consent given in that response and then confirmed.
    const consentText_ = consentText(ctx.config, dutch);
    for (const member of members) {
      const response = rows<{ id: number; segment: string }>(ctx, 'SELECT id, segment FROM responses WHERE id = ?', member.response_id)[0];
      expect(response).toBeDefined();
      expect(Object.keys(JSON.parse(response!.segment))).toEqual(['leeftijd', 'wijk']);
      const events = rows<{ event: string; response_id: number | null; text_hash: string | null; by: string }>(
        ctx,
        'SELECT event, response_id, text_hash, by FROM panel_consents WHERE member_id = ? ORDER BY at, id',
        member.id,
      );
      expect(events[0]).toEqual({ event: 'given', response_id: member.response_id, text_hash: consentText_.hash, by: 'citizen' });
      if (member.status === 'active') expect(events.map((event) => event.event)).toEqual(['given', 'confirmed']);
    }

    // The researcher's pages: members to find, and the proof with the text version and the time.
    await createStaff(ctx.db, ctx.clock, 'researcher');
    const { cookie } = await login(ctx.app, 'researcher@gemeente.test');
    const get = asStaff(ctx.app, cookie!);
    const list = decodeHtml(await (await get('/panel')).text());
    expect(list).toContain(nl.panel.staff.count(active.length));
    const member = active[0]!;
    const proofResponse = await get(`/panel/leden/${member.id}/toestemming`);
    expect(proofResponse.status).toBe(200);
    const proof = decodeHtml(await proofResponse.text());
    expect(proof).toContain(consentText_.version);
    expect(proof).toContain(consentText_.hash);
    expect(proof).toContain(formatDateTime(new Date(member.created_at)));
    expect(proof).toContain(formatDateTime(new Date(member.confirmed_at!)));

    // A small study: some invited, answers by their links.
    const participants = rows<{ status: string }>(ctx, 'SELECT status FROM study_participants');
    expect(participants.length).toBe(panel!.invited);
    expect(participants.map((p) => p.status)).toEqual(expect.arrayContaining(['interviewed', 'accepted', 'declined']));
  });

  it('leaves no panel mail that could still go out, and only fictitious addresses', () => {
    const ctx = createTestContext();
    demo(ctx);
    const mails = rows<{ kind: string; status: string; to_address: string }>(ctx, "SELECT kind, status, to_address FROM outbox WHERE kind LIKE 'panel-%'");
    expect(mails.length).toBeGreaterThan(20);
    expect(mails.filter((mail) => mail.status === 'queued')).toEqual([]);
    for (const mail of mails) expect(mail.to_address === '' || mail.to_address.endsWith(`@${DEMO_MAIL_DOMAIN}`)).toBe(true);
  });

  it('leaves none of its mails in the embedded mailbox: every one is marked as the story\'s, without body or link', () => {
    const ctx = createTestContext();
    demo(ctx);
    expect(rows<{ n: number }>(ctx, 'SELECT count(*) n FROM outbox')[0]!.n).toBeGreaterThan(100);
    expect(countMailbox(ctx.db)).toBe(0);
    expect(rows(ctx, "SELECT id FROM outbox WHERE transport IS NOT 'demo' OR text_body IS NOT NULL OR html_body IS NOT NULL OR link_token IS NOT NULL OR headers != '{}'")).toEqual([]);
  });

  it('leaves call-back requests of the last days open for the KCC, made through the real path: encrypted, due in working hours', () => {
    const ctx = createTestContext();
    const report = demo(ctx);
    const requests = rows<{ contact: string; due_at: number; created_at: number; status: string; response_id: number; reason: string }>(ctx, 'SELECT * FROM callback_requests');
    expect(report.callbacks).toBeGreaterThan(0);
    expect(requests).toHaveLength(report.callbacks);
    for (const request of requests) {
      expect(request.status).toBe('open');
      expect(request.contact).not.toContain(DEMO_MAIL_DOMAIN);
      expect(readCallbackContact({ dataKey: TEST_DATA_KEY }, request)!.email).toMatch(new RegExp(`@${DEMO_MAIL_DOMAIN.replace(/\./g, '\\.')}$`));
      expect(workingHoursBetween(new Date(request.created_at), new Date(request.due_at))).toBe(ctx.config.CALLBACK_SLA_HOURS);
      expect(ctx.clock.now().getTime() - request.created_at).toBeLessThan(4 * 86_400_000);
    }
    // Each one from an unhappy response, or one whose question was not (fully) answered, and for that reason.
    const unhappy = rows<{ n: number }>(
      ctx,
      `SELECT count(*) n FROM callback_requests c JOIN responses r ON r.id = c.response_id
       WHERE (c.reason <> 'question-not-answered' AND (r.grade <= 5 OR EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.feeling < 0)))
          OR (c.reason = 'question-not-answered' AND EXISTS (SELECT 1 FROM item_answers i WHERE i.response_id = r.id AND i.item_code = 'MH-BEANTWOORD' AND i.value < 3))`,
    )[0]!.n;
    expect(unhappy).toBe(requests.length);
  });

  it('asks the story\'s bank items from the start, with "Is uw vraag beantwoord?" answered less often "ja" for moving, and feeling taken seriously weighing in the debt-help grade', () => {
    const ctx = createTestContext();
    demo(ctx, 3);
    const asked = rows<{ slug: string; code: string; step: string | null; addedAt: number }>(
      ctx,
      'SELECT j.slug, i.item_code AS code, t.slug AS step, i.added_at AS addedAt FROM journey_items i JOIN journeys j ON j.id = i.journey_id LEFT JOIN touchpoints t ON t.id = i.touchpoint_id WHERE i.removed_at IS NULL ORDER BY j.slug, i.position',
    );
    expect(asked.filter((row) => row.slug === 'paspoort-aanvragen').map((row) => [row.code, row.step])).toEqual([
      ['MH-BEANTWOORD', null],
      ['BP-WACHTTIJD', 'afspraak-maken'],
      ['BP-BEJEGENING', 'balie'],
    ]);
    expect(Math.max(...asked.map((row) => row.addedAt))).toBeLessThanOrEqual(ctx.clock.now().getTime() - 29 * 86_400_000);
    const yesShare = (slug: string) =>
      rows<{ share: number }>(ctx, "SELECT avg(a.value = 3) AS share FROM item_answers a JOIN journeys j ON j.id = a.journey_id WHERE j.slug = ? AND a.item_code = 'MH-BEANTWOORD'", slug)[0]!.share;
    expect(yesShare('verhuizing-doorgeven')).toBeLessThan(yesShare('paspoort-aanvragen'));
    // Every response of a journey with items has them answered, as its invitation asked.
    expect(rows(ctx, 'SELECT r.id FROM responses r JOIN journeys j ON j.id = r.journey_id WHERE NOT EXISTS (SELECT 1 FROM item_answers a WHERE a.response_id = r.id)')).toEqual([]);
    const pairs = rows<{ grade: number; value: number }>(
      ctx,
      "SELECT r.grade, a.value FROM item_answers a JOIN responses r ON r.id = a.response_id WHERE a.item_code = 'MH-SERIEUS' AND a.value IS NOT NULL",
    );
    const mean = (list: number[]) => list.reduce((total, value) => total + value, 0) / list.length;
    const high = pairs.filter((pair) => pair.value >= 4).map((pair) => pair.grade);
    const low = pairs.filter((pair) => pair.value <= 2).map((pair) => pair.grade);
    expect(mean(high) - mean(low)).toBeGreaterThan(1.5);
  });

  it('adds no panel members on a second run', () => {
    const ctx = createTestContext();
    const first = demo(ctx);
    const count = () => rows<{ n: number }>(ctx, 'SELECT count(*) n FROM panel_members')[0]!.n;
    const studies = () => rows<{ n: number }>(ctx, 'SELECT count(*) n FROM studies')[0]!.n;
    expect(count()).toBe(first.panel!.signedUp);
    const second = demo(ctx, 4);
    expect(second.panel).toBeUndefined();
    expect(count()).toBe(first.panel!.signedUp);
    expect(studies()).toBe(1);
  });

  it('seeds the same panel for the same seed', () => {
    const shape = (ctx: TestContext) =>
      rows<Record<string, unknown>>(ctx, 'SELECT status, journey_id, created_at, confirmed_at, response_id FROM panel_members ORDER BY id');
    const [a, b] = [createTestContext(), createTestContext()];
    demo(a);
    demo(b);
    expect(shape(a)).toEqual(shape(b));
  });
});
