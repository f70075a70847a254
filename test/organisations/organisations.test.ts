/**
 * Organisations (issue 24): an existing installation migrates with everything its own; partner
 * organisations are added; an API key's events belong to its organisation (its own case types,
 * its invitations), and a case type of another organisation is unknown to it.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import { applyMigrations } from '../../src/db/client';
import { HOSTING_ORGANISATION_ID, invitations, organisations, outbox } from '../../src/db/schema';
import { findJourneyBySlug, importJourney, listJourneys } from '../../src/journeys/journeys';
import {
  createOrganisation,
  findOrganisation,
  organisationForCli,
  OrganisationError,
  syncHostingOrganisation,
} from '../../src/organisations/organisations';
import { getSetting } from '../../src/settings';
import { migratedUpToBefore } from '../helpers/migrations';
import { caseClosedEvent, createTestContext } from '../helpers/test-context';

describe('migration to organisations', () => {
  it('creates the hosting organisation and makes every existing row its own; case types and products keep working', () => {
    const { sqlite, db } = migratedUpToBefore('CREATE TABLE `organisations`');
    sqlite.prepare("INSERT INTO journeys (id, slug, name, type) VALUES (7, 'paspoort', 'Paspoort', 'feitelijk')").run();
    sqlite.prepare("INSERT INTO touchpoints (id, journey_id, slug, name, channel, position) VALUES (31, 7, 'balie', 'Balie', 'balie', 0)").run();
    sqlite.prepare("INSERT INTO journey_case_types (case_type, journey_id) VALUES ('paspoort-aanvragen', 7)").run();
    sqlite.prepare("INSERT INTO appointment_products (product, journey_id, touchpoint_id) VALUES ('paspoort', 7, 31)").run();
    sqlite.prepare("INSERT INTO users (email, role, created_at) VALUES ('admin@gemeente.test', 'admin', 0)").run();
    sqlite.prepare("INSERT INTO api_keys (name, key_hash, prefix) VALUES ('zaaksysteem', 'hash', 'mh_abcd')").run();
    sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('callbackOfferToAll', 'true', 0)`).run();

    applyMigrations(db);

    expect(findOrganisation(db, HOSTING_ORGANISATION_ID)).toMatchObject({ id: 1, slug: 'eigen-organisatie' });
    for (const table of ['journeys', 'journey_case_types', 'appointment_products', 'users', 'api_keys', 'settings']) {
      expect(sqlite.prepare(`SELECT DISTINCT organisation_id AS o FROM ${table}`).all(), table).toEqual([{ o: 1 }]);
    }
    expect(findJourneyBySlug(db, 'paspoort')?.journey.id).toBe(7);
    expect(getSetting(db, 'callbackOfferToAll')).toBe(true);
    expect(sqlite.prepare('SELECT case_type, journey_id FROM journey_case_types').all()).toEqual([{ case_type: 'paspoort-aanvragen', journey_id: 7 }]);
    expect(sqlite.prepare('SELECT product, journey_id, touchpoint_id FROM appointment_products').all()).toEqual([{ product: 'paspoort', journey_id: 7, touchpoint_id: 31 }]);
    // The name and slug follow the configuration at start-up; the slug is kept after that.
    syncHostingOrganisation(db, { ORGANISATION_NAME: 'Gemeente Eindhoven', ORGANISATION_EMAIL: 'info@eindhoven.test' });
    expect(findOrganisation(db, 1)).toMatchObject({ name: 'Gemeente Eindhoven', slug: 'gemeente-eindhoven', citizenContact: 'info@eindhoven.test' });
    syncHostingOrganisation(db, { ORGANISATION_NAME: 'Gemeente Eindhoven (KCC)' });
    expect(findOrganisation(db, 1)).toMatchObject({ name: 'Gemeente Eindhoven (KCC)', slug: 'gemeente-eindhoven', citizenContact: null });
    sqlite.close();
  });
});

describe('partner organisations', () => {
  it('are created with a unique, well-formed slug; bad input is refused in Dutch', () => {
    const ctx = createTestContext();
    const svb = createOrganisation(ctx.db, ctx.clock, { name: 'Sociale Verzekeringsbank', slug: 'SVB', privacyContact: 'privacy@svb.test' });
    expect(svb).toMatchObject({ slug: 'svb', name: 'Sociale Verzekeringsbank', privacyContact: 'privacy@svb.test', citizenContact: null });
    expect(() => createOrganisation(ctx.db, ctx.clock, { name: 'Nog een SVB', slug: 'svb' })).toThrow(/al in gebruik/);
    expect(() => createOrganisation(ctx.db, ctx.clock, { name: 'Fout', slug: 'met spatie' })).toThrow(OrganisationError);
    expect(() => createOrganisation(ctx.db, ctx.clock, { name: '', slug: 'leeg' })).toThrow(/naam/);
    expect(organisationForCli(ctx.db, undefined).id).toBe(HOSTING_ORGANISATION_ID);
    expect(organisationForCli(ctx.db, 'svb').id).toBe(svb.id);
    expect(() => organisationForCli(ctx.db, 'uwv')).toThrow(/No organisation with slug "uwv"/);
    expect(ctx.db.select().from(organisations).all()).toHaveLength(2);
  });

  it('may use the same journey slug as another organisation; look-ups stay within the organisation', () => {
    const ctx = createTestContext();
    const other = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
    const definition = { ...exampleDefinition, name: 'Paspoort (Buurdorp)' };
    const { journeyId } = importJourney(ctx.db, definition, ctx.clock, other.id);
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')?.journey.name).not.toBe('Paspoort (Buurdorp)');
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen', other.id)?.journey.id).toBe(journeyId);
    expect(listJourneys(ctx.db, other.id).map((journey) => journey.id)).toEqual([journeyId]);
    expect(listJourneys(ctx.db).map((journey) => journey.id)).not.toContain(journeyId);
  });
});

const exampleDefinition = {
  slug: 'paspoort-aanvragen',
  name: 'Paspoort aanvragen',
  type: 'feitelijk' as const,
  caseTypes: ['paspoort-aanvragen'],
  touchpoints: [
    { slug: 'afspraak-maken', name: 'Afspraak maken', channel: 'web' as const, momentOfTruth: false, askedByDefault: true },
    { slug: 'balie', name: 'Aan de balie', channel: 'balie' as const, momentOfTruth: true, askedByDefault: true },
  ],
};

describe("an API key's events are its organisation's", () => {
  it("triggers the organisation's own journey for its case type, in its name; another organisation's case type is unknown to it", async () => {
    const ctx = createTestContext();
    const other = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
    const { journeyId } = importJourney(ctx.db, { ...exampleDefinition, caseTypes: ['reisdocument'] }, ctx.clock, other.id);
    const { key } = createApiKey(ctx.db, 'buurdorp-zaaksysteem', ctx.clock, other.id);

    const own = await ctx.postEvent(caseClosedEvent({ case: { reference: 'B-1', caseType: 'reisdocument' }, touchpoints: ['balie'] }), { key });
    expect(own.status).toBe(202);
    const { invitationId } = (await own.json()) as { invitationId: number };
    const invitation = ctx.db.select().from(invitations).where(eq(invitations.id, invitationId)).get()!;
    expect(invitation).toMatchObject({ organisationId: other.id, journeyId });
    expect(ctx.db.select({ organisationId: outbox.organisationId }).from(outbox).where(eq(outbox.invitationId, invitationId)).all()).toEqual([
      { organisationId: other.id },
      { organisationId: other.id },
    ]);

    // The hosting organisation's case type means nothing to Buurdorp's key, and the other way round.
    const foreign = await ctx.postEvent(caseClosedEvent(), { key });
    expect(foreign.status).toBe(422);
    expect(((await foreign.json()) as { detail: string }).detail).toContain('Unknown caseType "paspoort-aanvragen"');
    const hosting = await ctx.postEvent(caseClosedEvent({ case: { reference: 'H-1', caseType: 'reisdocument' } }));
    expect(hosting.status).toBe(422);
    // The hosting key still triggers its own journey.
    const mine = await ctx.postEvent(caseClosedEvent());
    const mineId = ((await mine.json()) as { invitationId: number }).invitationId;
    expect(ctx.db.select({ organisationId: invitations.organisationId }).from(invitations).where(eq(invitations.id, mineId)).get()).toEqual({ organisationId: 1 });
  });

  it("keeps appointments apart: the same reference from two organisations' keys is two appointments", async () => {
    const ctx = createTestContext();
    const other = createOrganisation(ctx.db, ctx.clock, { name: 'Gemeente Buurdorp', slug: 'buurdorp' });
    const { key } = createApiKey(ctx.db, 'buurdorp-afspraken', ctx.clock, other.id);
    const booked = (id: string) => ({
      id,
      type: 'appointment.booked',
      occurredAt: ctx.clock.now().toISOString(),
      appointment: { reference: 'A-991', product: 'paspoort', startsAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString() },
    });
    expect((await ctx.postEvent(booked('a-1'))).status).toBe(202);
    expect((await ctx.postEvent(booked('b-1'), { key })).status).toBe(202);
    const rows = ctx.db.$client.prepare('SELECT organisation_id AS o, reference FROM appointments ORDER BY organisation_id').all();
    expect(rows).toEqual([
      { o: 1, reference: 'A-991' },
      { o: other.id, reference: 'A-991' },
    ]);
  });
});
