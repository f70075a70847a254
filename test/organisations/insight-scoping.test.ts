/**
 * Issue 24: the dashboard and insight pages, exports, codebook, digest, assisted answering and
 * improvement actions are scoped to the user's organisation. Two organisations each get real
 * responses (events posted with their own API keys, surveys answered through the form), each with a
 * distinctive word in its comments; each organisation's manager opens every page and export: its
 * own word shows where comments are shown, the other's never appears anywhere, and the other's ids
 * and slugs give 404 (or, for `?reis=`, the page as for an unknown journey) and change nothing.
 * A chain journey's responses stay off the regular pages even for the organisation that coordinates it.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { improvementActions, journeys, outbox, themeCodes } from '../../src/db/schema';
import { queueDigests } from '../../src/digest/send';
import { setSubscription } from '../../src/digest/subscriptions';
import { indexPendingComments } from '../../src/insight/theme-index';
import { exportJourney, findJourneyBySlug, importJourney } from '../../src/journeys/journeys';
import { createOrganisation } from '../../src/organisations/organisations';
import { mailTemplates } from '../../views/mail';
import { decodeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { surveyPathOf } from '../helpers/survey-link';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const OWN_WORD = 'kwartelkoning';
const OTHER_WORD = 'zeekraal';
const OTHER_SLUG = 'paspoort-buurdorp';
const OTHER_JOURNEY_NAME = 'Paspoort in Buurdorp';
const CHAIN_WORD = 'grutto';
const CHAIN_SLUG = 'ketenreis-paspoort';
const CHAIN_JOURNEY_NAME = 'Ketenreis Paspoort';
const october = (day: number) => new Date(Date.UTC(2026, 9, day, 10));

let sequence = 0;

/** One citizen's answer through the front doors: the event with this key, then the survey form, both at `at`. */
async function answer(ctx: TestContext, key: string, caseType: string, at: Date, word: string, feeling: number) {
  const saved = ctx.clock.now();
  ctx.clock.advanceMs(at.getTime() - saved.getTime());
  try {
    sequence++;
    const response = await ctx.postEvent(
      caseClosedEvent({
        id: `scoping-${sequence}`,
        occurredAt: at.toISOString(),
        case: { reference: `Z-SCOPE-${sequence}`, caseType, openedAt: new Date(at.getTime() - 5 * 86_400_000).toISOString(), channel: 'balie' },
        citizen: { email: `inwoner-${sequence}@example.nl`, language: 'nl' },
      }),
      { key },
    );
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    const form = new URLSearchParams({ grade: '5', effort: '4', 'feeling-afspraak-maken': '1', 'feeling-balie': String(feeling), 'feeling-ophalen': '1' });
    form.set('comment-balie', `Bij de balie ging het mis, net een ${word} in de wachtrij.`);
    form.set('comment-ophalen', `Ophalen ging goed, als een ${word} in de wind.`);
    const submitted = await ctx.app.request(surveyPathOf(ctx.db, invitationId), { method: 'POST', body: form });
    expect(submitted.status).toBe(200);
  } finally {
    ctx.clock.advanceMs(saved.getTime() - ctx.clock.now().getTime());
  }
}

/** A letter invitation made by this key's event; returns the code staff would read out. */
async function letterCode(ctx: TestContext, key: string, caseType: string): Promise<string> {
  const response = await ctx.postEvent(caseClosedEvent({ delivery: 'letter', citizen: { language: 'nl' }, touchpoints: ['balie'], case: { reference: `Z-LETTER-${++sequence}`, caseType } }), { key });
  expect(response.status).toBe(202);
  return ((await response.json()) as { survey: { code: string } }).survey.code;
}

const form = (body: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(body) });
const fragment = { headers: { 'HX-Request': 'true' } };

describe('insight pages scoped to the organisation', () => {
  let ctx: TestContext;
  let own: ReturnType<typeof asStaff>;
  let other: ReturnType<typeof asStaff>;
  let otherOrganisationId: number;
  let ownSlug: string;
  let ownJourney: NonNullable<ReturnType<typeof findJourneyBySlug>>;
  let otherJourney: NonNullable<ReturnType<typeof findJourneyBySlug>>;
  let otherActionId: number;
  let ownActionId: number;
  let otherCodeId: number;
  let otherCode: string;

  beforeAll(async () => {
    ctx = createTestContext({ MIN_GROUP_SIZE: '3' });
    const buurdorp = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
    otherOrganisationId = buurdorp.id;
    // The same journey definition as the hosting organisation's passport journey, under its own slug and name.
    const definition = exportJourney(ctx.db, 'paspoort-aanvragen')!;
    importJourney(ctx.db, { ...definition, slug: OTHER_SLUG, name: OTHER_JOURNEY_NAME }, ctx.clock, buurdorp.id);
    const { key: otherKey } = createApiKey(ctx.db, 'buurdorp', ctx.clock, buurdorp.id);
    ownSlug = 'paspoort-aanvragen';
    ownJourney = findJourneyBySlug(ctx.db, ownSlug)!;
    otherJourney = findJourneyBySlug(ctx.db, OTHER_SLUG, buurdorp.id)!;
    // A chain journey the hosting organisation coordinates: seen only through the chain view.
    const chain = importJourney(ctx.db, { ...definition, slug: CHAIN_SLUG, name: CHAIN_JOURNEY_NAME, caseTypes: ['keten-paspoort'] }, ctx.clock);
    ctx.db.update(journeys).set({ chain: true }).where(eq(journeys.id, chain.journeyId)).run();

    for (let i = 0; i < 6; i++) {
      await answer(ctx, ctx.apiKey, 'paspoort-aanvragen', october(3 + i), OWN_WORD, -2);
      await answer(ctx, otherKey, 'paspoort-aanvragen', october(3 + i), OTHER_WORD, -2);
      await answer(ctx, ctx.apiKey, 'keten-paspoort', october(3 + i), CHAIN_WORD, -2);
    }
    indexPendingComments(ctx.db);
    otherCode = await letterCode(ctx, otherKey, 'paspoort-aanvragen');

    await createStaff(ctx.db, ctx.clock, 'manager', 'manager@gemeente.test');
    await createStaff(ctx.db, ctx.clock, 'manager', 'manager@buurdorp.test', buurdorp.id);
    own = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);
    other = asStaff(ctx.app, (await login(ctx.app, 'manager@buurdorp.test')).cookie!);

    const step = (journey: typeof ownJourney, slug: string) => String(journey.touchpoints.find((touchpoint) => touchpoint.slug === slug)!.id);
    const newAction = async (get: typeof own, journey: typeof ownJourney, title: string) => {
      const response = await get(
        '/dashboard/verbeteracties',
        form({ journey: String(journey.journey.id), touchpoint: step(journey, 'balie'), title, owner: 'Team balie', status: 'gepland', dueOn: '2026-12-01' }),
      );
      expect(response.status).toBe(303);
      return Number(/verbeteracties\/(\d+)/.exec(response.headers.get('location')!)![1]);
    };
    ownActionId = await newAction(own, ownJourney, `Actie ${OWN_WORD}`);
    otherActionId = await newAction(other, otherJourney, `Actie ${OTHER_WORD}`);

    // The codebook's names are unique per organisation: both may keep a "Wachten".
    for (const [get, word] of [
      [own, OWN_WORD],
      [other, OTHER_WORD],
    ] as const) {
      expect((await get('/dashboard/themas/codeboek', form({ name: 'Wachten', entries: `wachtrij\n${word}` }))).status).toBe(303);
    }
    otherCodeId = ctx.db.select().from(themeCodes).where(eq(themeCodes.organisationId, buurdorp.id)).get()!.id;
  });

  /** Every page and export of a manager, for their journey's slug. */
  const pages = (slug: string) => [
    '/dashboard',
    `/dashboard?reis=${slug}`,
    `/dashboard/export.csv?reis=${slug}`,
    '/dashboard/export.csv',
    '/dashboard/export/antwoorden.csv?opmerkingen=1',
    '/dashboard/export/antwoorden.json?opmerkingen=1',
    '/dashboard/export/codeboek.csv',
    `/dashboard/export/antwoorden.csv?reis=${slug}&opmerkingen=1`,
    `/dashboard/klantreiskaart?reis=${slug}`,
    '/dashboard/klantreiskaart',
    `/dashboard/drijfveren?reis=${slug}`,
    `/dashboard/themas?reis=${slug}`,
    '/dashboard/themas',
    `/dashboard/themas/opmerkingen?reis=${slug}`,
    `/dashboard/themas/opmerkingen?reis=${slug}&stap=balie&term=wachtrij`,
    '/dashboard/themas/codeboek',
    '/dashboard/samenvatting',
    '/dashboard/samenvatting?over=maand&begin=2026-10-01',
    '/dashboard/verbeteracties',
    `/dashboard/verbeteracties/nieuw?journey=${slug}`,
    '/dashboard/afname',
    '/dashboard/afname/zaak',
    `/dashboard/afname/zaak?reis=${slug}`,
  ];

  /** The page without its list of chain journeys (links to their chain views: /dashboard names them there). */
  const withoutChainLinks = (body: string) => {
    const start = body.indexOf('id="ketenreizen"');
    return start < 0 ? body : body.slice(0, start) + body.slice(body.indexOf('</section>', start));
  };

  async function bodyOf(get: typeof own, path: string, init: RequestInit = {}) {
    const response = await get(path, init);
    expect(response.status, path).toBe(200);
    return decodeHtml(withoutChainLinks(await response.text()));
  }

  for (const who of ['hosting', 'other'] as const) {
    it(`shows the ${who} organisation's manager its own comments and nothing of the other organisation, on every page, fragment and export`, async () => {
      const get = who === 'hosting' ? own : other;
      const slug = who === 'hosting' ? ownSlug : OTHER_SLUG;
      const mine = who === 'hosting' ? OWN_WORD : OTHER_WORD;
      // Everything of the other organisation that may never show: its word, its journey, its action.
      const theirs = [CHAIN_WORD, CHAIN_JOURNEY_NAME, ...(who === 'hosting' ? [OTHER_WORD, OTHER_JOURNEY_NAME] : [OWN_WORD, ownJourney.journey.name, 'Verhuizing doorgeven'])];
      for (const path of pages(slug)) {
        const body = await bodyOf(get, path);
        for (const word of theirs) expect(body, `${path} shows "${word}"`).not.toContain(word);
      }
      // The chain journey is named only as a link to its chain view, for the organisations that take part.
      const chainLink = `href="/dashboard/keten/${encodeURIComponent(CHAIN_SLUG)}"`;
      expect((await (await get('/dashboard')).text()).includes(chainLink)).toBe(who === 'hosting');
      for (const path of [`/dashboard?reis=${slug}`, `/dashboard/drijfveren?reis=${slug}`]) {
        const body = await bodyOf(get, path, fragment);
        for (const word of theirs) expect(body, `${path} (fragment) shows "${word}"`).not.toContain(word);
      }
      // Where comments are shown, the organisation's own word is there.
      for (const path of [
        '/dashboard',
        `/dashboard?reis=${slug}`,
        `/dashboard/klantreiskaart?reis=${slug}`,
        `/dashboard/themas/opmerkingen?reis=${slug}`,
        '/dashboard/export/antwoorden.csv?opmerkingen=1',
        '/dashboard/export/antwoorden.json?opmerkingen=1',
        '/dashboard/verbeteracties',
      ]) {
        expect(await bodyOf(get, path), `${path} lacks the own word`).toContain(mine);
      }
      expect(await bodyOf(get, `/dashboard/verbeteracties/${who === 'hosting' ? ownActionId : otherActionId}`)).toContain(mine);
    });
  }

  it("treats the other organisation's journey slug, and a chain journey's, as unknown: the own first journey, or 404 for the export and assisted answering", async () => {
    for (const slug of [OTHER_SLUG, CHAIN_SLUG]) {
      for (const path of [`/dashboard?reis=${slug}`, `/dashboard/klantreiskaart?reis=${slug}`, `/dashboard/drijfveren?reis=${slug}`, `/dashboard/themas?reis=${slug}`, `/dashboard/themas/opmerkingen?reis=${slug}`, `/dashboard/verbeteracties?reis=${slug}`]) {
        const body = await bodyOf(own, path);
        for (const word of [OTHER_WORD, OTHER_JOURNEY_NAME, CHAIN_WORD, CHAIN_JOURNEY_NAME]) expect(body, path).not.toContain(word);
      }
      for (const path of ['/dashboard/export/antwoorden.csv', '/dashboard/export/antwoorden.json', '/dashboard/export/codeboek.csv']) {
        expect((await own(`${path}?reis=${slug}`)).status, path).toBe(404);
      }
      expect((await own(`/dashboard/afname/zaak?reis=${slug}`)).status).toBe(422);
    }
    expect((await own('/dashboard/export/antwoorden.csv?reis=bestaat-niet')).status).toBe(404);
    expect((await own(`/dashboard/afname/zaak?reis=${OTHER_SLUG}`, form({ manier: 'telefoon', 'stap-balie': 'on' }))).status).toBe(422);
    expect((await other(`/dashboard/afname/zaak?reis=${ownSlug}`)).status).toBe(422);
    expect((await other(`/dashboard/afname/zaak?reis=${OTHER_SLUG}`)).status).toBe(200);
  });

  it("gives 404 for the other organisation's action and theme code, and changes nothing", async () => {
    const actionBefore = ctx.db.select().from(improvementActions).where(eq(improvementActions.id, otherActionId)).get();
    expect((await own(`/dashboard/verbeteracties/${otherActionId}`)).status).toBe(404);
    const update = { touchpoint: String(otherJourney.touchpoints[1]!.id), title: 'Overgenomen', owner: 'Iemand anders', status: 'klaar', doneOn: '2026-11-19' };
    expect((await own(`/dashboard/verbeteracties/${otherActionId}`, form(update))).status).toBe(404);
    expect(ctx.db.select().from(improvementActions).where(eq(improvementActions.id, otherActionId)).get()).toEqual(actionBefore);
    expect((await other(`/dashboard/verbeteracties/${ownActionId}`)).status).toBe(404);

    const codeBefore = ctx.db.select().from(themeCodes).where(eq(themeCodes.id, otherCodeId)).get();
    expect((await own(`/dashboard/themas/codeboek/${otherCodeId}`)).status).toBe(404);
    expect((await own(`/dashboard/themas/codeboek/${otherCodeId}`, form({ name: 'Overgenomen', entries: 'balie' }))).status).toBe(404);
    expect((await own(`/dashboard/themas/codeboek/${otherCodeId}/verwijderen`, { method: 'POST' })).status).toBe(404);
    expect((await own(`/dashboard/themas/opmerkingen?reis=${ownSlug}&code=${otherCodeId}`)).status).toBe(404);
    expect(ctx.db.select().from(themeCodes).where(eq(themeCodes.id, otherCodeId)).get()).toEqual(codeBefore);
    expect(await bodyOf(other, `/dashboard/themas/opmerkingen?reis=${OTHER_SLUG}&code=${otherCodeId}`)).toContain(OTHER_WORD);
  });

  it("refuses an action on the other organisation's journey or step as it refuses an unknown one, and stores nothing", async () => {
    const count = () => ctx.db.select().from(improvementActions).all().length;
    const before = count();
    const fields = { title: 'Overgenomen', owner: 'Iemand', status: 'idee' };
    const otherStep = String(otherJourney.touchpoints[1]!.id);
    const foreign = await own('/dashboard/verbeteracties', form({ ...fields, journey: String(otherJourney.journey.id), touchpoint: otherStep }));
    const unknown = await own('/dashboard/verbeteracties', form({ ...fields, journey: '999999', touchpoint: otherStep }));
    expect(foreign.status).toBe(unknown.status);
    expect(foreign.status).toBe(422);
    expect(decodeHtml(await foreign.text())).not.toContain(OTHER_JOURNEY_NAME);
    // The own action moved to the other organisation's step: refused.
    const ownBefore = ctx.db.select().from(improvementActions).where(eq(improvementActions.id, ownActionId)).get();
    const moved = await own(`/dashboard/verbeteracties/${ownActionId}`, form({ ...fields, touchpoint: otherStep }));
    expect(moved.status).toBe(422);
    expect(ctx.db.select().from(improvementActions).where(eq(improvementActions.id, ownActionId)).get()).toEqual(ownBefore);
    expect(count()).toBe(before);
    expect(ctx.db.select().from(improvementActions).where(eq(improvementActions.id, otherActionId)).get()!.organisationId).toBe(otherOrganisationId);
  });

  it("lets staff answer only their own organisation's letters", async () => {
    const refused = await own('/dashboard/afname', form({ code: otherCode, manier: 'telefoon' }));
    expect(refused.status).toBe(422);
    expect(decodeHtml(await refused.text())).not.toContain(OTHER_JOURNEY_NAME);
    const shown = await other('/dashboard/afname', form({ code: otherCode, manier: 'telefoon' }));
    expect(shown.status).toBe(200);
    expect(decodeHtml(await shown.text())).toContain(OTHER_JOURNEY_NAME);
  });

  it("mails each subscriber their own organisation's digest", () => {
    for (const email of ['manager@gemeente.test', 'manager@buurdorp.test']) {
      const user = ctx.db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as { id: number };
      setSubscription(ctx.db, user.id, 'month', ctx.clock.now());
    }
    const report = queueDigests({ db: ctx.db, config: ctx.config, clock: ctx.clock, mail: mailTemplates }, 'month', { mode: 'now' });
    expect(report.period.key).toContain('2026-10');
    expect(report.queued).toBe(2);
    const mails = ctx.db.select().from(outbox).where(eq(outbox.kind, 'digest')).all();
    const mailTo = (address: string) => mails.find((mail) => mail.toAddress === address)!;
    const hosting = mailTo('manager@gemeente.test');
    const buurdorp = mailTo('manager@buurdorp.test');
    expect(buurdorp.organisationId).toBe(otherOrganisationId);
    const text = (mail: typeof hosting) => decodeHtml(`${mail.subject}\n${mail.textBody}\n${mail.htmlBody}`);
    expect(text(buurdorp)).toContain(OTHER_JOURNEY_NAME);
    expect(text(buurdorp)).toContain('Gemeente Buurdorp');
    expect(text(buurdorp)).toContain(OTHER_WORD);
    for (const word of [OWN_WORD, ownJourney.journey.name, 'Verhuizing doorgeven']) expect(text(buurdorp)).not.toContain(word);
    expect(text(hosting)).toContain(OWN_WORD);
    for (const word of [OTHER_WORD, OTHER_JOURNEY_NAME, 'Buurdorp', CHAIN_WORD, CHAIN_JOURNEY_NAME]) expect(text(hosting)).not.toContain(word);
  });
});
