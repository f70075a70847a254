/**
 * Privacy of call-back requests: the retention rule erases contact details after the term (or
 * once closed), and the data-subject export and erasure find a request by the address hash,
 * its response, or the address typed into it.
 */
import { describe, expect, it } from 'vitest';
import { readCallbackContact } from '../../src/callbacks/requests';
import { runRetention } from '../../src/privacy/retention';
import { eraseSubject, findSubjectData, subjectExport, summarise } from '../../src/privacy/subject-requests';
import { closeCase, count } from '../helpers/privacy-fixtures';
import { decodeHtml } from '../helpers/html-text';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';

const unhappy = { 'feeling-afspraak-maken': '-2', 'feeling-balie': '0', 'feeling-ophalen': '1', grade: '4', effort: '2' };
const DAY = 86_400_000;

/** A citizen answers unhappily and asks to be contacted, all over HTTP; returns the request id. */
async function askForCallback(ctx: TestContext, invited: string, contact: Record<string, string>): Promise<number> {
  const { token } = await closeCase(ctx, invited);
  expect((await ctx.app.request(`/s/${token}`, { method: 'POST', body: new URLSearchParams(unhappy) })).status).toBe(200);
  expect((await ctx.app.request(`/s/${token}/terugbellen`, { method: 'POST', body: new URLSearchParams(contact) })).status).toBe(200);
  return (ctx.db.$client.prepare('SELECT max(id) AS id FROM callback_requests').get() as { id: number }).id;
}

const row = (ctx: TestContext, id: number) => ctx.db.$client.prepare('SELECT contact, erased_at, address_hash, response_id, created_at FROM callback_requests WHERE id = ?').get(id) as {
  contact: string | null;
  erased_at: number | null;
  address_hash: string | null;
  response_id: number | null;
  created_at: number;
};
const retention = (ctx: TestContext) => runRetention(ctx.db, { clock: ctx.clock, config: ctx.config }, { only: ['callback-contacts'] });

describe('call-back requests and privacy', () => {
  it('retention erases the contact details after RETENTION_CALLBACK_DAYS, and of a closed request at once', async () => {
    const ctx = createTestContext({ RETENTION_CALLBACK_DAYS: '10' });
    const old = await askForCallback(ctx, 'oud@example.nl', { 'callback-method': 'phone', 'callback-phone': '06 11111111' });
    ctx.clock.advanceDays(5);
    const recent = await askForCallback(ctx, 'nieuw@example.nl', { 'callback-method': 'email', 'callback-email': 'nieuw@example.nl' });
    const closed = await askForCallback(ctx, 'klaar@example.nl', { 'callback-method': 'phone', 'callback-phone': '06 33333333' });
    ctx.db.$client.prepare("UPDATE callback_requests SET status = 'closed', outcome = 'solved', closed_at = ? WHERE id = ?").run(ctx.clock.now().getTime(), closed);

    // One day short of the old request's term: only the closed one goes.
    ctx.clock.advanceDays(4);
    expect((await retention(ctx)).rules[0]).toMatchObject({ rule: 'callback-contacts', rows: 1 });
    expect(row(ctx, closed).contact).toBeNull();
    expect(row(ctx, old).contact).not.toBeNull();

    // Past the term of the old one (10 days since it was made), not of the recent one.
    ctx.clock.advanceMs(DAY + 1);
    const report = await retention(ctx);
    expect(report.rules[0]).toMatchObject({ rule: 'callback-contacts', rows: 1, complete: true });
    expect(row(ctx, old)).toMatchObject({ contact: null, erased_at: ctx.clock.now().getTime() });
    expect(readCallbackContact({ dataKey: TEST_DATA_KEY }, row(ctx, recent))).toEqual({ method: 'email', email: 'nieuw@example.nl' });
    // The request itself stays (anonymous), so the figures do.
    expect(count(ctx.db, 'SELECT count(*) AS n FROM callback_requests')).toBe(3);
  });

  it('the retention rule is listed on the admin page and the /privacy statement covers call-back requests', async () => {
    const ctx = createTestContext({ RETENTION_CALLBACK_DAYS: '14' });
    const statement = decodeHtml(await (await ctx.app.request('/privacy')).text());
    expect(statement).toContain('Terugbelverzoeken');
    expect(statement).toContain('Omdat u er zelf om vraagt');
    expect(statement).toContain('wissen wij uw contactgegevens meteen. Uiterlijk na 14 dagen');
    expect(statement).toContain('Terugbelverzoek: uw telefoonnummer of e-mailadres tot wij klaar zijn met uw verzoek, en uiterlijk 14 dagen');
    expect(await (await ctx.app.request('/privacy')).text()).toContain('id="terugbelverzoeken"');
  });

  it('the data-subject export includes the request, found by the address hash and by an address typed in; erasure erases it', async () => {
    const ctx = createTestContext();
    const deps = { addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, clock: ctx.clock };
    const byPhone = await askForCallback(ctx, 'piet@example.nl', { 'callback-method': 'phone', 'callback-phone': '06 12345678', 'callback-time': 'middag' });
    // Someone else's invitation, but Piet's address typed in as the way to reach him.
    const byAddress = await askForCallback(ctx, 'buurvrouw@example.nl', { 'callback-method': 'email', 'callback-email': 'Piet@Example.nl' });
    const unrelated = await askForCallback(ctx, 'ander@example.nl', { 'callback-method': 'phone', 'callback-phone': '06 99999999' });

    const data = findSubjectData(ctx.db, deps, 'piet@example.nl');
    expect(data.callbacks.map((request) => request.id)).toEqual([byPhone, byAddress]);
    expect(data.callbacks[0]).toMatchObject({ status: 'open', reason: 'low-grade', contact: { method: 'phone', phone: '06 12345678', bestTime: 'middag' }, erasedAt: null });
    expect(summarise(data).callbacks).toBe(2);
    const exported = JSON.stringify(subjectExport(ctx.db, { ...deps, organisation: ctx.config.ORGANISATION_NAME }, 'piet@example.nl'));
    expect(exported).toContain('06 12345678');

    const report = eraseSubject(ctx.db, deps, 'piet@example.nl', { optOut: false });
    expect(report.callbacksErased).toBe(2);
    for (const id of [byPhone, byAddress]) expect(row(ctx, id)).toMatchObject({ contact: null, address_hash: null, response_id: null, erased_at: ctx.clock.now().getTime() });
    expect(row(ctx, unrelated).contact).not.toBeNull();
    // Nothing readable of Piet remains; the export now shows nothing held about him in a request.
    expect(findSubjectData(ctx.db, deps, 'piet@example.nl').callbacks).toEqual([]);
  });
});
