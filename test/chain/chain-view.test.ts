/**
 * The chain view (issue 24) over real HTTP: a chain journey "Overlijden doorgeven" with the
 * gemeente (coordinator), the SVB and a pension fund as partners, triggered by the gemeente's and
 * the SVB's own API keys and answered through the survey form. A dip planted at the hand-off from
 * gemeente to SVB is ranked first, above a worse dip inside the gemeente; owners and hand-offs are
 * shown; quotes are masked and only from chain steps; no partner sees another's own journeys; a
 * non-partner gets 404; shared actions follow their owner organisation; the comparison view
 * anonymises and respects opt-in and the minimum group size; cross-organisation views are audited.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { comparisonLabels, markChain, rankChainDips } from '../../src/chain/chain-view';
import { buildHeartMonitor } from '../../src/heartmonitor/heart-monitor';
import { auditLog, HOSTING_ORGANISATION_ID, improvementActions, organisations } from '../../src/db/schema';
import { exportJourney, importJourney } from '../../src/journeys/journeys';
import { MASKS } from '../../src/mask';
import { createOrganisation, findOrganisation } from '../../src/organisations/organisations';
import { formatNumber, nl } from '../../src/texts';
import { submitOverHttp } from '../helpers/answers-over-http';
import { asStaff, createStaff, login } from '../helpers/staff';
import { surveyPathOf } from '../helpers/survey-link';
import { CHAIN_SLUG, chainDefinition, setUpChain } from '../helpers/chain';
import { caseClosedEvent, createTestContext, type TestContext } from '../helpers/test-context';

const t = nl.chain;
const SLUG = CHAIN_SLUG;
const SVB_SECRET = 'Zwaluwstaartgeheim';
const GEMEENTE_SECRET = 'Kievietsbloemgeheim';

let sequence = 0;

/** One citizen's answer through the front doors with an organisation's key: the event, the link from the mail, the survey form. */
async function answer(ctx: TestContext, key: string, caseType: string, feelings: Record<string, number>, comments: Record<string, string> = {}) {
  sequence++;
  const response = await ctx.postEvent(
    caseClosedEvent({
      id: `chain-${sequence}`,
      case: { reference: `K-${sequence}`, caseType },
      citizen: { email: `nabestaande-${sequence}@example.nl`, language: 'nl' },
      touchpoints: Object.keys(feelings),
    }),
    { key },
  );
  expect(response.status, await response.clone().text()).toBe(202);
  const { invitationId } = (await response.json()) as { invitationId: number };
  await submitOverHttp(ctx, surveyPathOf(ctx.db, invitationId), { at: ctx.clock.now(), feelings, comments });
}

interface World {
  ctx: TestContext;
  svb: number;
  pensioen: number;
  buurdorp: number;
  journeyId: number;
  step: (slug: string) => number;
  as: (email: string) => Promise<ReturnType<typeof asStaff>>;
}

async function buildWorld(): Promise<World> {
  const ctx = createTestContext();
  const { svb, pensioen, journeyId, svbKey, step } = setUpChain(ctx.db, ctx.clock);
  const buurdorp = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' }).id;

  // The SVB's own journey and the gemeente's own passport journey, each with a distinctive comment nobody else may read.
  importJourney(ctx.db, { ...chainDefinition, slug: 'svb-eigen', name: 'SVB eigen reis', caseTypes: ['svb-eigen'], touchpoints: chainDefinition.touchpoints.slice(2, 4) }, ctx.clock, svb);
  for (let i = 0; i < 10; i++) {
    await answer(ctx, svbKey, 'svb-eigen', { aow: -2, nabestaanden: -2 }, { aow: `${SVB_SECRET} ${i}` });
    await answer(ctx, ctx.apiKey, 'paspoort-aanvragen', { 'afspraak-maken': -2, balie: -2, ophalen: -2 }, { balie: `${GEMEENTE_SECRET} ${i}` });
  }

  // The chain: 12 citizens, half triggered by the gemeente, half by the SVB. The hand-off step "AOW
  // stopzetten" is negative (−1/−2); "Akte" inside the gemeente is worse (−2) but no hand-off; the
  // pension fund's step was asked of only 4 citizens: below the minimum group size.
  for (let i = 0; i < 12; i++) {
    const feelings: Record<string, number> = { melding: 1, akte: -2, aow: i % 2 === 0 ? -1 : -2, nabestaanden: 1 };
    if (i < 4) feelings.pensioen = 1;
    const comments = { aow: i === 11 ? 'De AOW liep door, niemand belde terug op 06-12345678.' : `Brief van de SVB kwam pas na weken (${i}).` };
    ctx.clock.advanceMs(60_000);
    await answer(ctx, i % 2 === 0 ? ctx.apiKey : svbKey, i % 2 === 0 ? 'overlijden' : 'svb-overlijden', feelings, comments);
  }

  await createStaff(ctx.db, ctx.clock, 'manager', 'manager@gemeente.test');
  await createStaff(ctx.db, ctx.clock, 'manager', 'manager@svb.test', svb);
  await createStaff(ctx.db, ctx.clock, 'manager', 'manager@pensioenfonds.test', pensioen);
  await createStaff(ctx.db, ctx.clock, 'manager', 'manager@buurdorp.test', buurdorp);
  const as = async (email: string) => asStaff(ctx.app, (await login(ctx.app, email)).cookie!);
  return { ctx, svb, pensioen, buurdorp, journeyId, step, as };
}

const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));

describe('the chain view', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  }, 60_000);

  it('ranks the planted hand-off dip first, marks owners and hand-offs, and shows masked quotes of chain steps only', async () => {
    const gemeente = await world.as('manager@gemeente.test');
    const list = await (await gemeente('/dashboard/keten')).text();
    expect(list).toContain(`href="/dashboard/keten/${SLUG}"`);

    const response = await gemeente(`/dashboard/keten/${SLUG}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const hosting = findOrganisation(world.ctx.db, HOSTING_ORGANISATION_ID)!.name;

    // Ketenknelpunten first: "AOW stopzetten" (hand-off gemeente → SVB) above the worse "Akte" inside the gemeente.
    const knelpunten = [...between(html, 'data-hook="knelpunten"', '</ol>').matchAll(/data-touchpoint="([^"]+)" data-chain="(ja|nee)"/g)].map((m) => [m[1], m[2]]);
    expect(knelpunten).toEqual([
      ['aow', 'ja'],
      ['akte', 'nee'],
    ]);
    expect(html).toContain(t.handOff(hosting, 'Sociale Verzekeringsbank'));
    expect(html).toContain(t.handOff('Sociale Verzekeringsbank', 'Pensioenfonds Zorg'));
    // Owners per step in the table, and the steps per partner.
    const owners = [...between(html, 'data-hook="chain-steps"', '</table>').matchAll(/data-touchpoint="([^"]+)" data-owner="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    const hostingSlug = findOrganisation(world.ctx.db, HOSTING_ORGANISATION_ID)!.slug;
    expect(owners).toEqual([`melding:${hostingSlug}`, `akte:${hostingSlug}`, 'aow:svb', 'nabestaanden:svb', 'pensioen:pensioenfonds']);
    expect(between(between(html, 'data-hook="ownership"', '</ul>'), 'data-owner="svb"', '</li>')).toContain('AOW stopzetten, Nabestaandenuitkering');
    // The pension fund's step has too few answers: no mean.
    expect(between(html, 'data-touchpoint="pensioen" data-owner', '</tr>')).toContain(t.tooFew(10));

    // Quotes: masked, and only the chain step's own comments.
    const first = between(html, 'data-touchpoint="aow" data-chain="ja"', '</li>\n');
    expect(html).not.toContain('06-12345678');
    expect(first).toContain(`De AOW liep door, niemand belde terug op ${MASKS.phone}.`);
    expect(first).toContain('Brief van de SVB kwam pas na weken (9)');
    expect(html).not.toContain(SVB_SECRET);
    expect(html).not.toContain(GEMEENTE_SECRET);
  });

  it('shows the SVB the same chain without anything of the gemeente’s own journeys, and audits the view; the coordinator’s view is not audited', async () => {
    const svb = await world.as('manager@svb.test');
    const before = world.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'chain.viewed')).all().length;
    for (const path of [`/dashboard/keten/${SLUG}`, `/dashboard/keten/${SLUG}/kaart`]) {
      const response = await svb(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html).not.toContain(GEMEENTE_SECRET);
      expect(html).not.toContain(SVB_SECRET);
      expect(html).not.toContain('06-12345678');
    }
    const html = await (await svb(`/dashboard/keten/${SLUG}`)).text();
    expect(html.indexOf('data-touchpoint="aow" data-chain="ja"')).toBeGreaterThan(-1);
    expect(html.indexOf('data-touchpoint="aow" data-chain="ja"')).toBeLessThan(html.indexOf('data-touchpoint="akte" data-chain="nee"'));
    // The SVB's list has the chain journey, never the gemeente's own journeys.
    const list = await (await svb('/dashboard/keten')).text();
    expect(list).toContain(`/dashboard/keten/${SLUG}`);
    expect(list).not.toContain('paspoort');

    const audited = world.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'chain.viewed')).all();
    expect(audited.length - before).toBe(3);
    expect(audited.at(-1)).toMatchObject({ object: SLUG, actor: 'manager@svb.test' });
    expect(audited.at(-1)!.details).toMatchObject({ organisationId: world.svb });

    const gemeente = await world.as('manager@gemeente.test');
    await gemeente(`/dashboard/keten/${SLUG}`);
    expect(world.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'chain.viewed')).all()).toHaveLength(audited.length);
  });

  it('gives a non-partner organisation the 404 page on every chain address', async () => {
    const buurdorp = await world.as('manager@buurdorp.test');
    expect(await (await buurdorp('/dashboard/keten')).text()).toContain(t.listNone);
    for (const path of [`/dashboard/keten/${SLUG}`, `/dashboard/keten/${SLUG}/kaart`, `/dashboard/keten/svb-eigen`, '/dashboard/keten/paspoort-aanvragen']) {
      expect((await buurdorp(path)).status, path).toBe(404);
    }
    const post = await buurdorp(`/dashboard/keten/${SLUG}/acties`, { method: 'POST', body: new URLSearchParams({ touchpoint: String(world.step('aow')), title: 'Inbraak', owner: 'x' }) });
    expect(post.status).toBe(404);
    // The SVB's own (non-chain) journey is no chain, also not for the SVB.
    const svb = await world.as('manager@svb.test');
    expect((await svb('/dashboard/keten/svb-eigen')).status).toBe(404);
  });

  it('shares actions: each with an owner organisation, changed only by that organisation, a closed one visible to all', async () => {
    const { ctx, step, svb: svbId } = world;
    const svb = await world.as('manager@svb.test');
    const gemeente = await world.as('manager@gemeente.test');
    const pensioen = await world.as('manager@pensioenfonds.test');

    const wrongOrganisation = await svb(`/dashboard/keten/${SLUG}/acties`, {
      method: 'POST',
      body: new URLSearchParams({ touchpoint: String(step('aow')), title: 'Eén loket', owner: 'Team AOW', organisation: String(world.buurdorp) }),
    });
    expect(wrongOrganisation.status).toBe(422);
    expect(await wrongOrganisation.text()).toContain(t.actions.organisationError);

    const created = await svb(`/dashboard/keten/${SLUG}/acties`, {
      method: 'POST',
      body: new URLSearchParams({ touchpoint: String(step('aow')), title: 'Gemeente meldt overlijden direct aan SVB', owner: 'Team AOW', status: 'gepland' }),
    });
    expect(created.status).toBe(303);
    const forGemeente = await svb(`/dashboard/keten/${SLUG}/acties`, {
      method: 'POST',
      body: new URLSearchParams({ touchpoint: String(step('melding')), title: 'Balie geeft folder SVB mee', owner: 'Burgerzaken', organisation: String(HOSTING_ORGANISATION_ID) }),
    });
    expect(forGemeente.status).toBe(303);
    const rows = ctx.db.select().from(improvementActions).where(eq(improvementActions.journeyId, world.journeyId)).all();
    const svbAction = rows.find((row) => row.title.startsWith('Gemeente meldt'))!;
    const gemeenteAction = rows.find((row) => row.title.startsWith('Balie geeft'))!;
    expect(svbAction.organisationId).toBe(svbId);
    expect(gemeenteAction.organisationId).toBe(HOSTING_ORGANISATION_ID);

    // The SVB cannot change the gemeente's action (404, unchanged), nor open its edit page.
    expect((await svb(`/dashboard/keten/${SLUG}/acties/${gemeenteAction.id}`)).status).toBe(404);
    const foreign = await svb(`/dashboard/keten/${SLUG}/acties/${gemeenteAction.id}`, { method: 'POST', body: new URLSearchParams({ status: 'klaar' }) });
    expect(foreign.status).toBe(404);
    expect(ctx.db.select().from(improvementActions).where(eq(improvementActions.id, gemeenteAction.id)).get()!.status).toBe('idee');
    // Nor can the pension fund change the SVB's.
    expect((await pensioen(`/dashboard/keten/${SLUG}/acties/${svbAction.id}`, { method: 'POST', body: new URLSearchParams({ status: 'klaar' }) })).status).toBe(404);

    // The gemeente closes its own action; everyone sees it closed, with its effect line.
    expect((await gemeente(`/dashboard/keten/${SLUG}/acties/${gemeenteAction.id}`)).status).toBe(200);
    const closed = await gemeente(`/dashboard/keten/${SLUG}/acties/${gemeenteAction.id}`, { method: 'POST', body: new URLSearchParams({ status: 'klaar', description: 'Folder ligt klaar' }) });
    expect(closed.status).toBe(303);
    expect(ctx.db.select().from(improvementActions).where(eq(improvementActions.id, gemeenteAction.id)).get()).toMatchObject({ status: 'klaar', description: 'Folder ligt klaar' });

    for (const viewer of [svb, pensioen, gemeente]) {
      const html = await (await viewer(`/dashboard/keten/${SLUG}`)).text();
      expect(html).toContain(`data-action-id="${gemeenteAction.id}" data-status="klaar"`);
      expect(html).toContain(`data-action-id="${svbAction.id}" data-status="gepland"`);
      expect(between(html, `data-action-id="${gemeenteAction.id}"`, '</tr>')).toContain(nl.actions.effect.short.waiting);
    }
    const svbHtml = await (await svb(`/dashboard/keten/${SLUG}`)).text();
    expect(between(svbHtml, `data-action-id="${svbAction.id}"`, '</tr>')).toContain(`/acties/${svbAction.id}`);
    expect(between(svbHtml, `data-action-id="${gemeenteAction.id}"`, '</tr>')).not.toContain(`/acties/${gemeenteAction.id}`);

    // The printable map shows the actions per step, the hand-offs and the A3 stylesheet.
    const map = await (await pensioen(`/dashboard/keten/${SLUG}/kaart`)).text();
    expect(map).toContain('/assets/journey-map.css');
    expect(map).toContain('Gemeente meldt overlijden direct aan SVB');
    expect(map).toContain(t.handOff('Sociale Verzekeringsbank', 'Pensioenfonds Zorg'));
  });
});

describe('the comparison view', () => {
  it('shows only opted-in organisations with the same definition, anonymised unless named, with the minimum group size per organisation, and audits it', async () => {
    const ctx = createTestContext();
    const definition = exportJourney(ctx.db, 'paspoort-aanvragen')!;
    const slugs = definition.touchpoints.map((touchpoint) => touchpoint.slug);
    const org = (name: string, slug: string, same = true) => {
      const id = createOrganisation(ctx.db, ctx.clock, { name, slug }).id;
      importJourney(ctx.db, { ...definition, caseTypes: [`${slug}-paspoort`], touchpoints: same ? definition.touchpoints : definition.touchpoints.slice(0, 2) }, ctx.clock, id);
      return { id, key: createApiKey(ctx.db, slug, ctx.clock, id).key, caseType: `${slug}-paspoort` };
    };
    const buurdorp = org('Gemeente Buurdorp', 'buurdorp');
    const achterdorp = org('Gemeente Achterdorp', 'achterdorp');
    const zonder = org('Gemeente Zonderdorp', 'zonderdorp');
    const anders = org('Gemeente Andersdorp', 'andersdorp', false);
    const all = (feeling: number) => Object.fromEntries(slugs.map((slug) => [slug, feeling]));
    for (let i = 0; i < 10; i++) {
      await answer(ctx, ctx.apiKey, 'paspoort-aanvragen', all(1));
      // Buurdorp: its last step asked of only 4 citizens.
      await answer(ctx, buurdorp.key, buurdorp.caseType, i < 4 ? all(-1) : { [slugs[0]!]: -1, [slugs[1]!]: -1 });
      await answer(ctx, achterdorp.key, achterdorp.caseType, all(2));
      await answer(ctx, zonder.key, zonder.caseType, all(0));
    }
    ctx.db.update(organisations).set({ comparisonOptIn: true }).where(eq(organisations.id, buurdorp.id)).run();
    ctx.db.update(organisations).set({ comparisonOptIn: true, comparisonNamed: true }).where(eq(organisations.id, achterdorp.id)).run();
    ctx.db.update(organisations).set({ comparisonOptIn: true, comparisonNamed: true }).where(eq(organisations.id, anders.id)).run();
    await createStaff(ctx.db, ctx.clock, 'manager', 'manager@gemeente.test');
    const gemeente = asStaff(ctx.app, (await login(ctx.app, 'manager@gemeente.test')).cookie!);

    // Not opted in: the page explains how to take part and shows nobody.
    const closed = await (await gemeente('/dashboard/vergelijken?reis=paspoort-aanvragen')).text();
    expect(closed).toContain('data-hook="not-opted-in"');
    expect(closed).not.toContain('Achterdorp');
    expect(ctx.db.select().from(auditLog).where(eq(auditLog.action, 'comparison.viewed')).all()).toHaveLength(0);

    ctx.db.update(organisations).set({ comparisonOptIn: true }).where(eq(organisations.id, HOSTING_ORGANISATION_ID)).run();
    const response = await gemeente('/dashboard/vergelijken?reis=paspoort-aanvragen');
    expect(response.status).toBe(200);
    const html = await response.text();
    const table = between(html, 'data-hook="comparison"', '</table>');
    const rows = [...table.matchAll(/<tr class="utrecht-table__row" data-own="(ja|nee)"><th[^>]*>([^<]+)<\/th>/g)].map((m) => [m[1], m[2]]);
    const own = findOrganisation(ctx.db, HOSTING_ORGANISATION_ID)!.name;
    expect(rows).toEqual([
      ['ja', `${own} ${t.comparison.own}`],
      ['nee', 'Gemeente Achterdorp'],
      ['nee', t.comparison.anonymous('A')],
    ]);
    // Not opted in (Zonderdorp) or another definition (Andersdorp): not there at all.
    expect(html).not.toContain('Zonderdorp');
    expect(html).not.toContain('Andersdorp');
    expect(html).not.toContain('Buurdorp');
    // Buurdorp's last step: 4 answers, no mean.
    const anonymousRow = between(table, t.comparison.anonymous('A'), '</tr>');
    expect(anonymousRow).toContain(`data-touchpoint="${slugs[2]}">${t.comparison.cell(undefined, 4)}`);
    expect(anonymousRow).toContain(`data-touchpoint="${slugs[0]}">${t.comparison.cell(formatNumber(-1, 2, true), 10)}`);

    const audited = ctx.db.select().from(auditLog).where(eq(auditLog.action, 'comparison.viewed')).all();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ object: 'paspoort-aanvragen', actor: 'manager@gemeente.test' });
  }, 60_000);
});

describe('ketenknelpunten (pure)', () => {
  const moments = (n: number, mean: number, spread = 0.5) => ({ answers: n, n, sum: n * mean, sumSquares: n * (mean * mean + spread * spread) });
  const owners: Record<number, { id: number; name: string; slug: string }> = {
    1: { id: 1, name: 'Gemeente', slug: 'gemeente' },
    2: { id: 2, name: 'SVB', slug: 'svb' },
  };
  const stepOwner = [1, 1, 2, 2, 1, 1];
  const means = [1, 1, 1, -0.5, 1, -1.5];
  const touchpointsOf = means.map((_, i) => ({ id: i + 1, slug: `s${i + 1}`, name: `Stap ${i + 1}`, channel: 'web' as const, position: i, momentOfTruth: false, serviceNorm: null }));
  const current = new Map(means.map((mean, i) => [i + 1, moments(40, mean)]));

  it('marks hand-offs and the step after them, finds negative steps and drops from the previous step, and ranks dips at or after a hand-off first', () => {
    const steps = markChain(buildHeartMonitor(touchpointsOf, current, undefined, 10), (id) => owners[stepOwner[id - 1]!]!, current);
    expect(steps.map((step) => (step.handOff ? `${step.handOff.from.slug}>${step.handOff.to.slug}` : ''))).toEqual(['', '', 'gemeente>svb', '', 'svb>gemeente', '']);
    expect(steps.map((step) => step.afterHandOff)).toEqual([false, false, false, true, false, true]);
    // Step 4 (just after the gemeente → SVB hand-off): −0.5, a drop of 1.5; step 6 (just after the hand-off back): −1.5, a drop of 2.5.
    const ranked = rankChainDips(steps);
    expect(ranked.map((step) => step.point.touchpoint.slug)).toEqual(['s6', 's4']);
    expect(ranked.every((step) => step.dip.chainRelated)).toBe(true);
    expect(ranked[1]!.dip.drop!.difference).toBeCloseTo(-1.5);

    // Owned by one organisation throughout, the same dips are no ketenknelpunten; the worse one leads.
    const single = rankChainDips(markChain(buildHeartMonitor(touchpointsOf, current, undefined, 10), () => owners[1]!, current));
    expect(single.map((step) => [step.point.touchpoint.slug, step.dip.chainRelated])).toEqual([
      ['s6', false],
      ['s4', false],
    ]);
  });

  it('ranks a milder dip at a hand-off above a worse one inside an organisation', () => {
    const owner = [1, 1, 1, 2];
    const feel = new Map([1, -2, 1, -0.6].map((mean, i) => [i + 1, moments(40, mean)]));
    const points = buildHeartMonitor(touchpointsOf.slice(0, 4), feel, undefined, 10);
    const ranked = rankChainDips(markChain(points, (id) => owners[owner[id - 1]!]!, feel));
    expect(ranked.map((step) => step.point.touchpoint.slug)).toEqual(['s4', 's2']);
    expect(ranked[0]!.dip.score).toBeLessThan(ranked[1]!.dip.score);
  });

  it('names the viewer and the named organisations, and letters the others', () => {
    const labels = comparisonLabels(
      [
        { id: 3, name: 'C', comparisonNamed: false },
        { id: 1, name: 'Eigen', comparisonNamed: false },
        { id: 2, name: 'Genoemd', comparisonNamed: true },
        { id: 5, name: 'E', comparisonNamed: false },
      ],
      1,
      (letter) => `org ${letter}`,
    );
    expect([...labels]).toEqual([
      [1, 'Eigen'],
      [2, 'Genoemd'],
      [3, 'org A'],
      [5, 'org B'],
    ]);
  });
});
