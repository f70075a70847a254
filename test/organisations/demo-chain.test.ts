/**
 * The demo's chain journey "Overlijden doorgeven": the SVB and a pension fund as partners owning
 * their steps, responses triggered by each organisation's own key (its invitations are its own),
 * a manager per partner who can sign in, and the planted ketenknelpunt: the first SVB step after
 * the gemeente's is clearly negative, with enough responses per step for the minimum group size and
 * comments about not knowing what the gemeente passed on.
 */
import { describe, expect, it } from 'vitest';
import { listApiKeys } from '../../src/api-keys/api-keys';
import { addDemoChain, DEMO_CHAIN_PASSWORD, DEMO_CHAIN_SLUG, DEMO_HAND_OFF_STEP } from '../../src/demo/demo-chain';
import { generateDemoHistory } from '../../src/demo/demo-history';
import { findJourneyBySlug } from '../../src/journeys/journeys';
import { findOrganisationBySlug } from '../../src/organisations/organisations';
import { maskPersonalData } from '../../src/mask';
import { unescapeHtml } from '../helpers/html-text';
import { asStaff, createStaff, login } from '../helpers/staff';
import { createTestContext, TEST_DATA_KEY, type TestContext } from '../helpers/test-context';
import { mailTemplates } from '../../views/mail';

const deps = (ctx: TestContext) => ({ config: ctx.config, addressHashKey: ctx.addressHashKey, dataKey: TEST_DATA_KEY, mail: mailTemplates });
const options = { days: 30, responses: 120, seed: 3 };
const rows = <T>(ctx: TestContext, query: string, ...params: unknown[]) => ctx.db.$client.prepare(query).all(...params) as T[];

describe('the demo chain journey', () => {
  it('has partners owning their steps, each trigger’s invitations its own, managers, and the planted dip at the gemeente → SVB hand-off', async () => {
    const ctx = createTestContext();
    generateDemoHistory(ctx.db, deps(ctx), options, ctx.clock.now());
    const report = await addDemoChain(ctx.db, deps(ctx), options, ctx.clock.now());
    const svb = findOrganisationBySlug(ctx.db, 'svb')!;
    const pfzw = findOrganisationBySlug(ctx.db, 'pfzw')!;
    expect(svb.name).toBe('Sociale Verzekeringsbank');
    expect(pfzw.name).toBe('Pensioenfonds Zorg en Welzijn');

    const { journey, touchpoints } = findJourneyBySlug(ctx.db, DEMO_CHAIN_SLUG)!;
    expect(journey.chain).toBe(true);
    expect(touchpoints.map((step) => [step.slug, step.ownerOrganisationId])).toEqual([
      ['aangifte-overlijden', null],
      [DEMO_HAND_OFF_STEP, svb.id],
      ['nabestaandenpensioen', pfzw.id],
      ['afronding-gemeente', null],
    ]);

    // Each organisation's key triggered surveys; each invitation is the triggering organisation's.
    const byOrganisation = rows<{ organisationId: number; caseType: string; n: number }>(
      ctx,
      `SELECT i.organisation_id AS organisationId, json_extract(e.payload, '$.case.caseType') AS caseType, count(*) AS n
       FROM invitations i JOIN events e ON e.invitation_id = i.id WHERE i.journey_id = ? GROUP BY 1, 2 ORDER BY 1`,
      journey.id,
    );
    expect(byOrganisation.map((row) => [row.organisationId, row.caseType])).toEqual([
      [1, 'overlijden-aangifte'],
      [svb.id, 'nabestaanden-aow-anw'],
      [pfzw.id, 'nabestaandenpensioen'],
    ]);
    expect(report.responses).toBeGreaterThan(100);
    expect(listApiKeys(ctx.db).filter((key) => key.name.startsWith('demo-keten-')).every((key) => key.revokedAt)).toBe(true);

    // Enough answers per step, and the step after the hand-off clearly the lowest and negative.
    const perStep = new Map(
      rows<{ slug: string; n: number; mean: number }>(
        ctx,
        'SELECT t.slug, count(a.feeling) AS n, avg(a.feeling) AS mean FROM answers a JOIN touchpoints t ON t.id = a.touchpoint_id WHERE t.journey_id = ? GROUP BY t.slug',
        journey.id,
      ).map((row) => [row.slug, row]),
    );
    for (const step of touchpoints) expect(perStep.get(step.slug)!.n, step.slug).toBeGreaterThanOrEqual(ctx.config.MIN_GROUP_SIZE * 3);
    const handOff = perStep.get(DEMO_HAND_OFF_STEP)!.mean;
    expect(handOff).toBeLessThan(-0.7);
    expect(perStep.get('aangifte-overlijden')!.mean).toBeGreaterThan(0.4);
    for (const step of touchpoints.filter((tp) => tp.slug !== DEMO_HAND_OFF_STEP)) expect(perStep.get(step.slug)!.mean - handOff, step.slug).toBeGreaterThan(1);
    // Per triggering organisation too: the dip is the chain's, not one partner's sample.
    for (const organisationId of [1, svb.id, pfzw.id]) {
      const [row] = rows<{ mean: number; n: number }>(
        ctx,
        `SELECT avg(a.feeling) AS mean, count(a.feeling) AS n FROM answers a JOIN responses r ON r.id = a.response_id JOIN invitations i ON i.id = r.invitation_id
         JOIN touchpoints t ON t.id = a.touchpoint_id WHERE t.slug = ? AND t.journey_id = ? AND i.organisation_id = ?`,
        DEMO_HAND_OFF_STEP,
        journey.id,
        organisationId,
      );
      expect(row!.n).toBeGreaterThanOrEqual(ctx.config.MIN_GROUP_SIZE);
      expect(row!.mean).toBeLessThan(0);
    }

    const handOffComments = rows<{ comment: string }>(
      ctx,
      'SELECT a.comment FROM answers a JOIN touchpoints t ON t.id = a.touchpoint_id WHERE t.slug = ? AND t.journey_id = ? AND a.comment IS NOT NULL AND a.feeling < 0',
      DEMO_HAND_OFF_STEP,
      journey.id,
    ).map((row) => row.comment);
    expect(handOffComments.length).toBeGreaterThanOrEqual(ctx.config.MIN_GROUP_SIZE);
    expect(handOffComments.filter((comment) => /gemeente/.test(comment)).length).toBeGreaterThanOrEqual(5);
    const withNumber = handOffComments.find((comment) => comment.includes('06-12345678'));
    if (withNumber) expect(maskPersonalData(withNumber)).not.toContain('06-12345678');

    // The partners' managers sign in with the demo password, each in their own organisation.
    const managers = rows<{ email: string; role: string; organisationId: number }>(ctx, "SELECT email, role, organisation_id AS organisationId FROM users WHERE email LIKE 'manager@%' ORDER BY email");
    expect(managers).toEqual([
      { email: 'manager@pfzw.test', role: 'manager', organisationId: pfzw.id },
      { email: 'manager@svb.test', role: 'manager', organisationId: svb.id },
    ]);
    expect((await login(ctx.app, 'manager@svb.test', DEMO_CHAIN_PASSWORD)).cookie).toBeDefined();

    // A second run adds history but no second set of partners or managers.
    const again = await addDemoChain(ctx.db, deps(ctx), { ...options, seed: 4 }, ctx.clock.now());
    expect(again.managers).toEqual([]);
    expect(rows(ctx, "SELECT id FROM organisations WHERE slug IN ('svb', 'pfzw')")).toHaveLength(2);
  });
});

describe('the done path of issue 24, after the demo', () => {
  it('a gemeente manager and an SVB manager see the same chain heart line with the hand-off dip on top, agree on a shared action, and neither reads the other’s own surveys', async () => {
    const ctx = createTestContext();
    generateDemoHistory(ctx.db, deps(ctx), options, ctx.clock.now());
    await addDemoChain(ctx.db, deps(ctx), options, ctx.clock.now());
    const gemeenteUser = await createStaff(ctx.db, ctx.clock, 'manager', 'manager@gemeente.test');
    const gemeente = asStaff(ctx.app, (await login(ctx.app, gemeenteUser.email)).cookie!);
    const svb = asStaff(ctx.app, (await login(ctx.app, 'manager@svb.test', DEMO_CHAIN_PASSWORD)).cookie!);
    const chainPath = `/dashboard/keten/${DEMO_CHAIN_SLUG}`;

    // Both find the chain from their dashboard and see the same figures, the hand-off dip ranked first.
    const views: string[] = [];
    for (const manager of [gemeente, svb]) {
      expect(await (await manager('/dashboard')).text()).toContain(`href="${chainPath}"`);
      const html = await (await manager(chainPath)).text();
      const knelpunten = [...between(html, 'data-hook="knelpunten"', '</ol>').matchAll(/data-touchpoint="([^"]+)" data-chain="(ja|nee)"/g)];
      expect(knelpunten[0]?.slice(1)).toEqual([DEMO_HAND_OFF_STEP, 'ja']);
      views.push(between(html, 'data-hook="chain-steps"', '</table>'));
    }
    expect(views[0]).toBe(views[1]);

    // The SVB proposes an action on its step, the gemeente sees it; the SVB closes it, the gemeente sees it closed.
    const step = findJourneyBySlug(ctx.db, DEMO_CHAIN_SLUG)!.touchpoints.find((touchpoint) => touchpoint.slug === DEMO_HAND_OFF_STEP)!;
    const created = await svb(`${chainPath}/acties`, {
      method: 'POST',
      body: new URLSearchParams({ touchpoint: String(step.id), title: 'Gemeente geeft het overlijden direct door aan de SVB', owner: 'Team AOW', status: 'gepland' }),
    });
    expect(created.status).toBe(303);
    const action = rows<{ id: number }>(ctx, "SELECT id FROM improvement_actions WHERE title LIKE 'Gemeente geeft het overlijden%'")[0]!;
    expect(between(await (await gemeente(chainPath)).text(), `data-action-id="${action.id}"`, '</tr>')).toContain('Gemeente geeft het overlijden direct door');
    expect((await gemeente(`${chainPath}/acties/${action.id}`, { method: 'POST', body: new URLSearchParams({ status: 'klaar' }) })).status).toBe(404);
    expect((await svb(`${chainPath}/acties/${action.id}`, { method: 'POST', body: new URLSearchParams({ status: 'klaar' }) })).status).toBe(303);
    expect(between(await (await gemeente(chainPath)).text(), `data-action-id="${action.id}"`, '</tr>')).toContain('data-status="klaar"');

    // The gemeente's own surveys (the passport journey's comments) stay its own.
    const ownComments = rows<{ comment: string }>(
      ctx,
      "SELECT a.comment FROM answers a JOIN responses r ON r.id = a.response_id JOIN journeys j ON j.id = r.journey_id WHERE j.slug = 'paspoort-aanvragen' AND a.comment IS NOT NULL LIMIT 20",
    ).map((row) => maskPersonalData(row.comment).slice(0, 40));
    expect(ownComments.length).toBeGreaterThan(0);
    for (const path of ['/dashboard', '/dashboard/themas/opmerkingen?reis=paspoort-aanvragen', '/dashboard/klantreiskaart?reis=paspoort-aanvragen', chainPath, `${chainPath}/kaart`]) {
      const page = unescapeHtml(await (await svb(path)).text());
      for (const comment of ownComments) expect(page, path).not.toContain(comment);
    }
    expect((await svb('/dashboard/themas/opmerkingen?reis=paspoort-aanvragen')).status).toBeLessThan(500);
  });
});

const between = (html: string, from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));
