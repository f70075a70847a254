/**
 * Issue 18 (#14): Open Zaak decodes the ZGW JWT with PyJWT and no leeway, so a token whose `iat`
 * lies in the server's future is refused. meethuis back-dates `iat` and sends `exp`; with its clock
 * 5 s ahead of the ZGW server's (the test server keeps its own clock) an end status still leads to
 * one invitation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invitations, zgwNotifications } from '../../src/db/schema';
import { JWT_BACKDATE_SECONDS, JWT_LIFETIME_SECONDS, signZgwJwt } from '../../src/zgw/jwt';
import { saveMapping } from '../../src/zgw/mappings';
import { processDueNotifications, type ZgwDeps } from '../../src/zgw/processor';
import { addSubscription, subscriptionInputSchema } from '../../src/zgw/subscriptions';
import { mailTemplates } from '../../views/mail';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { CLIENT_ID, CLIENT_SECRET, statusNotification, ZgwTestServer } from '../helpers/zgw-server';

const AUTH = 'Token notificaties-0123456789-abcdef';
let zgw: ZgwTestServer;
let ctx: TestContext;

beforeAll(async () => {
  zgw = await new ZgwTestServer().start();
});
afterAll(async () => {
  await zgw?.stop();
});
beforeEach(() => {
  ctx = createTestContext();
  zgw.reset(true);
  addSubscription(
    ctx.db,
    TEST_DATA_KEY,
    ctx.clock,
    subscriptionInputSchema.parse({
      name: 'Open Zaak',
      auth: AUTH,
      ...zgw.apiFields(),
    }),
  );
});

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const sign = (issuedAt: Date) => signZgwJwt(CLIENT_SECRET, { clientId: CLIENT_ID, userId: 'meethuis', userRepresentation: 'meethuis', issuedAt });

describe('the ZGW JWT and a clock that is not the server\'s', () => {
  it('carries an iat back-dated by 30 s and an exp', () => {
    const now = ctx.clock.now();
    const claims = claimsOf(sign(now));
    const seconds = Math.floor(now.getTime() / 1000);
    expect(claims).toMatchObject({ iss: CLIENT_ID, client_id: CLIENT_ID, iat: seconds - JWT_BACKDATE_SECONDS, exp: seconds + JWT_LIFETIME_SECONDS });
  });

  it('a meethuis clock 5 s ahead of the Zaken API: still one invitation, no refused request', async () => {
    zgw.now = () => new Date(ctx.clock.now().getTime() - 5_000);
    const zaaktype = zgw.zaaktype({ identificatie: 'PASPOORT' });
    saveMapping(ctx.db, ctx.clock, { kind: 'zaaktype', value: zaaktype, journey: 'paspoort-aanvragen' });
    const zaak = zgw.zaak({ zaaktype, identificatie: 'ZAAK-2026-0000000001', startdatum: '2026-11-02', einddatum: '2026-11-20', email: 'j.jansen@example.nl' });
    const status = zgw.status(zaak, zgw.statustype(zaaktype, { eind: true }));
    const response = await ctx.app.request('/api/v1/zgw/notificaties', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: AUTH },
      body: JSON.stringify(statusNotification(zaak, status, zaaktype)),
    });
    expect(response.status).toBe(204);
    const deps: ZgwDeps = { clock: ctx.clock, config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates, timeoutMs: 2_000 };
    expect(await processDueNotifications(ctx.db, deps)).toMatchObject({ invited: 1 });
    expect(zgw.authFailures).toEqual([]);
    expect(zgw.requests.length).toBeGreaterThanOrEqual(4);
    expect(ctx.db.select().from(zgwNotifications).all()).toMatchObject([{ status: 'done', outcome: 'invited' }]);
    expect(ctx.db.select().from(invitations).all()).toMatchObject([{ email: 'j.jansen@example.nl' }]);
  });

  it('the test server refuses as Open Zaak does: an iat in its future, an exp in its past (403 problem details)', async () => {
    zgw.now = () => ctx.clock.now();
    const status = zgw.status(`${zgw.zakenApi}/zaken/x`, `${zgw.catalogiApi}/statustypen/x`);
    const at = (issuedAt: Date) => fetch(status, { headers: { Authorization: `Bearer ${sign(issuedAt)}` } });
    const now = ctx.clock.now().getTime();

    // A clock more than the back-dating ahead: iat lies in the server's future.
    const future = await at(new Date(now + (JWT_BACKDATE_SECONDS + 2) * 1000));
    expect(future.status).toBe(403);
    expect(await future.json()).toMatchObject({ code: 'permission_denied', status: 403, detail: 'The token is not yet valid (iat)', title: expect.any(String), type: expect.any(String) });
    // A clock behind by more than the token's lifetime: exp has passed.
    const expired = await at(new Date(now - (JWT_LIFETIME_SECONDS + 1) * 1000));
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { detail: string }).detail).toBe('Signature has expired');
    expect((await at(new Date(now))).status).toBe(200);
  });
});
