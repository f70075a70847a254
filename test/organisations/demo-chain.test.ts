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
import { login } from '../helpers/staff';
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
