import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { openDb } from '../../src/db/client';
import { formatIssues, journeyDefinitionSchema, type JourneyDefinitionInput } from '../../src/journeys/definition';
import { demoJourneys } from '../../src/journeys/demo-journeys';
import {
  exportJourney,
  findJourneyByCaseType,
  findJourneyBySlug,
  importJourney,
  JourneyImportError,
} from '../../src/journeys/journeys';
import { caseClosedEvent, createTestContext, TestClock, type TestContext } from '../helpers/test-context';

type Row = Record<string, unknown>;

function all(db: Db, sql: string, ...params: unknown[]): Row[] {
  return db.$client.prepare(sql).all(...params) as Row[];
}

/** A journey definition as a journey designer would write it. */
function sampleJourney(overrides: Partial<JourneyDefinitionInput> = {}): JourneyDefinitionInput {
  return {
    slug: 'parkeervergunning',
    name: 'Parkeervergunning aanvragen',
    type: 'transactioneel',
    lifeEvent: 'Verhuizen',
    description: 'Een bewonersvergunning aanvragen en ontvangen.',
    caseTypes: ['parkeervergunning-bewoner', 'parkeervergunning-bedrijf'],
    touchpoints: [
      { slug: 'aanvragen', name: 'Aanvraag indienen', channel: 'web', serviceNorm: 'Binnen 5 minuten klaar', question: 'Hoe ging het aanvragen?' },
      { slug: 'betalen', name: 'Betalen', channel: 'web', momentOfTruth: true },
      { slug: 'besluit', name: 'Besluit ontvangen', channel: 'post', askedByDefault: false, questionEn: 'How did you feel about the decision?' },
    ],
    ...overrides,
  };
}

function importDefinition(ctx: Pick<TestContext, 'db' | 'clock'>, definition: JourneyDefinitionInput) {
  return importJourney(ctx.db, journeyDefinitionSchema.parse(definition), ctx.clock);
}

/** Touchpoint rows of a journey, archived ones included. */
function touchpointRows(db: Db, slug: string) {
  return all(
    db,
    `SELECT t.id, t.slug, t.name, t.position, t.archived_at FROM touchpoints t JOIN journeys j ON j.id = t.journey_id WHERE j.slug = ? ORDER BY t.id`,
    slug,
  );
}

function issuesOf(input: unknown) {
  const result = journeyDefinitionSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('journeyDefinitionSchema', () => {
  it('accepts the demo journeys and fills in defaults', () => {
    for (const journey of demoJourneys) expect(journeyDefinitionSchema.safeParse(journey).success).toBe(true);
    const parsed = journeyDefinitionSchema.parse({
      slug: 'minimaal',
      name: 'Minimaal',
      type: 'feitelijk',
      touchpoints: [{ slug: 'stap', name: 'Stap', channel: 'balie' }],
    });
    expect(parsed.caseTypes).toEqual([]);
    expect(parsed.touchpoints[0]).toEqual({ slug: 'stap', name: 'Stap', channel: 'balie', momentOfTruth: false, askedByDefault: true });
  });

  it.each(['Paspoort', 'paspoort aanvragen', '-paspoort', 'paspoort-', 'paspoort--aanvragen', 'paspoort_aanvragen', 'páspoort', ''])(
    'refuses the journey slug %j with a message that explains the form',
    (slug) => {
      const issues = issuesOf(sampleJourney({ slug }));
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.path).toBe('slug');
        expect(issue.message).toMatch(/\S/);
      }
    },
  );

  it('explains what a slug may contain', () => {
    const [issue] = issuesOf(sampleJourney({ slug: 'Paspoort Aanvragen' }));
    expect(issue!.message).toMatch(/kleine letters/);
  });

  it('refuses a bad touchpoint slug at its path', () => {
    const journey = sampleJourney();
    journey.touchpoints[1] = { ...journey.touchpoints[1]!, slug: 'Betalen!' };
    expect(issuesOf(journey).map((issue) => issue.path)).toEqual(['touchpoints.1.slug']);
  });

  it('refuses a duplicate touchpoint slug, naming it', () => {
    const journey = sampleJourney();
    journey.touchpoints.push({ slug: 'betalen', name: 'Nog eens betalen', channel: 'balie' });
    const issues = issuesOf(journey);
    expect(issues).toEqual([{ path: 'touchpoints.3.slug', message: expect.stringContaining('betalen') }]);
  });

  it('refuses an unknown channel', () => {
    const journey = sampleJourney();
    journey.touchpoints[0] = { ...journey.touchpoints[0]!, channel: 'fax' as never };
    const issues = issuesOf(journey);
    expect(issues.map((issue) => issue.path)).toEqual(['touchpoints.0.channel']);
    // The message tells which channels there are.
    expect(issues[0]!.message).toMatch(/balie/);
  });

  it('refuses a journey without touchpoints', () => {
    expect(issuesOf(sampleJourney({ touchpoints: [] })).map((issue) => issue.path)).toEqual(['touchpoints']);
    const { touchpoints: _none, ...withoutKey } = sampleJourney();
    expect(issuesOf(withoutKey).map((issue) => issue.path)).toEqual(['touchpoints']);
  });

  it('refuses an unknown journey type and a duplicate case type', () => {
    expect(issuesOf(sampleJourney({ type: 'avontuurlijk' as never })).map((issue) => issue.path)).toEqual(['type']);
    expect(issuesOf(sampleJourney({ caseTypes: ['a', 'b', 'a'] })).map((issue) => issue.path)).toEqual(['caseTypes']);
  });

  it('reports every field problem at once, as "path: message" lines', () => {
    const result = journeyDefinitionSchema.safeParse({
      slug: 'Fout Slug',
      name: '',
      type: 'transactioneel',
      touchpoints: [
        { slug: 'stap', name: 'Stap', channel: 'fax' },
        { slug: 'Stap Twee', name: 'Stap twee', channel: 'web' },
      ],
    });
    expect(result.success).toBe(false);
    const lines = formatIssues(result.error!);
    for (const path of ['slug', 'name', 'touchpoints.0.channel', 'touchpoints.1.slug']) {
      expect(lines.some((line) => line.startsWith(`${path}: `)), `${path} in ${JSON.stringify(lines)}`).toBe(true);
    }
  });
});

describe('importJourney and exportJourney', () => {
  it('round-trips a definition: export gives back what was imported', () => {
    const ctx = createTestContext();
    const definition = journeyDefinitionSchema.parse(sampleJourney());
    expect(importJourney(ctx.db, definition, ctx.clock)).toEqual({ journeyId: expect.any(Number), created: true });
    const exported = exportJourney(ctx.db, 'parkeervergunning');
    expect(exported).toEqual({ ...definition, caseTypes: [...definition.caseTypes].sort() });
    // ... and the export is itself a valid definition that imports unchanged.
    expect(journeyDefinitionSchema.parse(exported)).toEqual(exported);
    expect(importJourney(ctx.db, journeyDefinitionSchema.parse(exported), ctx.clock).created).toBe(false);
    expect(exportJourney(ctx.db, 'parkeervergunning')).toEqual(exported);
  });

  it('exports a demo journey as it was defined, and moves it to another database intact', () => {
    const ctx = createTestContext();
    for (const demo of demoJourneys) {
      const expected = journeyDefinitionSchema.parse(demo);
      const exported = exportJourney(ctx.db, expected.slug)!;
      expect({ ...exported, caseTypes: [...exported.caseTypes].sort() }).toEqual({ ...expected, caseTypes: [...expected.caseTypes].sort() });
    }
    const paspoort = exportJourney(ctx.db, 'paspoort-aanvragen')!;
    expect(paspoort.touchpoints.map((touchpoint) => touchpoint.slug)).toEqual(['afspraak-maken', 'balie', 'ophalen']);

    const other = openDb(':memory:');
    importJourney(other, journeyDefinitionSchema.parse(JSON.parse(JSON.stringify(paspoort))), new TestClock());
    expect(exportJourney(other, 'paspoort-aanvragen')).toEqual(paspoort);
    expect(findJourneyByCaseType(other, 'id-kaart-aanvragen')?.journey.slug).toBe('paspoort-aanvragen');
  });

  it('returns undefined for an unknown slug', () => {
    const ctx = createTestContext();
    expect(exportJourney(ctx.db, 'bestaat-niet')).toBeUndefined();
  });

  it('keeps touchpoint ids when a re-import renames and reorders them', () => {
    const ctx = createTestContext();
    const { journeyId } = importDefinition(ctx, sampleJourney());
    const before = Object.fromEntries(touchpointRows(ctx.db, 'parkeervergunning').map((row) => [row.slug, row.id]));

    const original = sampleJourney();
    const [aanvragen, betalen, besluit] = original.touchpoints;
    const result = importDefinition(ctx, {
      ...original,
      name: 'Parkeervergunning voor bewoners',
      touchpoints: [
        { ...besluit!, name: 'Het besluit' },
        { ...aanvragen!, name: 'Online aanvragen', channel: 'chat' },
        { ...betalen! },
      ],
    });
    expect(result).toEqual({ journeyId, created: false });

    const after = touchpointRows(ctx.db, 'parkeervergunning');
    expect(after).toHaveLength(3);
    expect(Object.fromEntries(after.map((row) => [row.slug, row.id]))).toEqual(before);
    const found = findJourneyBySlug(ctx.db, 'parkeervergunning')!;
    expect(found.journey.name).toBe('Parkeervergunning voor bewoners');
    expect(found.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint.slug, touchpoint.name, touchpoint.position, touchpoint.channel])).toEqual([
      [before.besluit, 'besluit', 'Het besluit', 0, 'post'],
      [before.aanvragen, 'aanvragen', 'Online aanvragen', 1, 'chat'],
      [before.betalen, 'betalen', 'Betalen', 2, 'web'],
    ]);
    expect(exportJourney(ctx.db, 'parkeervergunning')!.touchpoints.map((touchpoint) => touchpoint.slug)).toEqual(['besluit', 'aanvragen', 'betalen']);
  });

  it('archives a touchpoint left out of a re-import: kept, not asked, and restored under its id when it returns', async () => {
    const ctx = createTestContext();
    const original = journeyDefinitionSchema.parse(exportJourney(ctx.db, 'paspoort-aanvragen'));
    const ids = Object.fromEntries(touchpointRows(ctx.db, 'paspoort-aanvragen').map((row) => [row.slug, row.id as number]));

    // An answer to the touchpoint must keep pointing at it (a delete would break the foreign key).
    const { invitationId } = (await (await ctx.postEvent(caseClosedEvent())).json()) as { invitationId: number };
    const journeyId = findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.journey.id;
    const now = ctx.clock.now().getTime();
    const responseId = ctx.db.$client
      .prepare(`INSERT INTO responses (invitation_id, journey_id, grade, effort, segment, submitted_at) VALUES (?, ?, 8, 2, '{}', ?)`)
      .run(invitationId, journeyId, now).lastInsertRowid;
    ctx.db.$client
      .prepare(`INSERT INTO answers (response_id, journey_id, touchpoint_id, feeling, segment, answered_at) VALUES (?, ?, ?, 1, '{}', ?)`)
      .run(responseId, journeyId, ids.balie, now);

    ctx.clock.advanceDays(1);
    importJourney(ctx.db, { ...original, touchpoints: original.touchpoints.filter((touchpoint) => touchpoint.slug !== 'balie') }, ctx.clock);

    const rows = touchpointRows(ctx.db, 'paspoort-aanvragen');
    expect(rows.map((row) => [row.slug, row.archived_at])).toEqual([
      ['afspraak-maken', null],
      ['balie', ctx.clock.now().getTime()],
      ['ophalen', null],
    ]);
    expect(all(ctx.db, 'SELECT touchpoint_id FROM answers')).toEqual([{ touchpoint_id: ids.balie }]);
    expect(findJourneyBySlug(ctx.db, 'paspoort-aanvragen')!.touchpoints.map((touchpoint) => touchpoint.slug)).toEqual(['afspraak-maken', 'ophalen']);
    expect(exportJourney(ctx.db, 'paspoort-aanvragen')!.touchpoints.map((touchpoint) => touchpoint.slug)).toEqual(['afspraak-maken', 'ophalen']);

    // No longer asked: neither by default nor when an event names it.
    const asked = async (event: Record<string, unknown>) => {
      const response = await ctx.postEvent(event);
      const body = (await response.json()) as { status: string; invitationId: number };
      expect(body.status).toBe('accepted');
      const row = all(ctx.db, 'SELECT touchpoint_ids FROM invitations WHERE id = ?', body.invitationId)[0]!;
      return JSON.parse(String(row.touchpoint_ids)) as number[];
    };
    const { touchpoints: _all, ...byDefault } = caseClosedEvent();
    expect(await asked(byDefault)).toEqual([ids['afspraak-maken'], ids.ophalen]);
    expect(await asked(caseClosedEvent({ touchpoints: ['balie', 'ophalen'] }))).toEqual([ids.ophalen]);
    const onlyArchived = await ctx.postEvent(caseClosedEvent({ touchpoints: ['balie'] }));
    expect(onlyArchived.status).toBe(422);

    // Put back: the same row, active again.
    importJourney(ctx.db, original, ctx.clock);
    expect(touchpointRows(ctx.db, 'paspoort-aanvragen').map((row) => [row.slug, row.id, row.archived_at])).toEqual([
      ['afspraak-maken', ids['afspraak-maken'], null],
      ['balie', ids.balie, null],
      ['ophalen', ids.ophalen, null],
    ]);
    expect(exportJourney(ctx.db, 'paspoort-aanvragen')).toEqual(original);
  });

  it('refuses a case type already used by another journey, naming it, and changes nothing', () => {
    const ctx = createTestContext();
    const journeysBefore = all(ctx.db, 'SELECT * FROM journeys ORDER BY id');
    const caseTypesBefore = all(ctx.db, 'SELECT * FROM journey_case_types ORDER BY case_type');
    const touchpointsBefore = all(ctx.db, 'SELECT * FROM touchpoints ORDER BY id');

    const attempt = () => importDefinition(ctx, sampleJourney({ caseTypes: ['parkeervergunning-bewoner', 'id-kaart-aanvragen'] }));
    expect(attempt).toThrow(JourneyImportError);
    expect(attempt).toThrow(/id-kaart-aanvragen/);
    expect(attempt).toThrow(/paspoort-aanvragen/); // the journey that has it
    let message = '';
    try {
      attempt();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toMatch(/parkeervergunning-bewoner/);

    expect(all(ctx.db, 'SELECT * FROM journeys ORDER BY id')).toEqual(journeysBefore);
    expect(all(ctx.db, 'SELECT * FROM journey_case_types ORDER BY case_type')).toEqual(caseTypesBefore);
    expect(all(ctx.db, 'SELECT * FROM touchpoints ORDER BY id')).toEqual(touchpointsBefore);
    expect(findJourneyBySlug(ctx.db, 'parkeervergunning')).toBeUndefined();
    expect(findJourneyByCaseType(ctx.db, 'id-kaart-aanvragen')?.journey.slug).toBe('paspoort-aanvragen');
  });

  it('refuses taking a case type on a re-import of an existing journey too, leaving it as it was', () => {
    const ctx = createTestContext();
    importDefinition(ctx, sampleJourney());
    const before = exportJourney(ctx.db, 'parkeervergunning');
    expect(() => importDefinition(ctx, sampleJourney({ name: 'Nieuwe naam', caseTypes: ['schuldhulp-aanvragen'] }))).toThrow(
      /schuldhulp-aanvragen/,
    );
    expect(exportJourney(ctx.db, 'parkeervergunning')).toEqual(before);
  });

  it('lets a journey re-import its own case types, and frees the case types it drops', async () => {
    const ctx = createTestContext();
    const paspoort = journeyDefinitionSchema.parse(exportJourney(ctx.db, 'paspoort-aanvragen'));
    importJourney(ctx.db, paspoort, ctx.clock);
    importJourney(ctx.db, { ...paspoort, caseTypes: ['paspoort-aanvragen'] }, ctx.clock);
    expect(findJourneyByCaseType(ctx.db, 'id-kaart-aanvragen')).toBeUndefined();

    const idKaart = caseClosedEvent({ case: { reference: 'Z-ID-1', caseType: 'id-kaart-aanvragen' } });
    expect((await ctx.postEvent(idKaart)).status).toBe(422);

    importDefinition(ctx, sampleJourney({ caseTypes: ['id-kaart-aanvragen'] }));
    const { touchpoints: _t, ...event } = idKaart;
    const response = await ctx.postEvent(event);
    expect(response.status).toBe(202);
    const body = (await response.json()) as { invitationId: number };
    const row = all(ctx.db, 'SELECT j.slug FROM invitations i JOIN journeys j ON j.id = i.journey_id WHERE i.id = ?', body.invitationId);
    expect(row).toEqual([{ slug: 'parkeervergunning' }]);
  });

  it('makes the case types of an imported journey accepted by the event API, asking its default touchpoints', async () => {
    const ctx = createTestContext();
    const { touchpoints: _t, ...event } = caseClosedEvent({ case: { reference: 'Z-P-1', caseType: 'parkeervergunning-bedrijf' } });
    expect((await ctx.postEvent(event)).status).toBe(422);

    importDefinition(ctx, sampleJourney());
    const response = await ctx.postEvent(event);
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    const ids = Object.fromEntries(touchpointRows(ctx.db, 'parkeervergunning').map((row) => [row.slug, row.id]));
    const [row] = all(ctx.db, 'SELECT touchpoint_ids FROM invitations WHERE id = ?', invitationId);
    expect(JSON.parse(String(row!.touchpoint_ids))).toEqual([ids.aanvragen, ids.betalen]);
  });
});
