/**
 * Two organisations in one installation, each with a distinctive word planted in everything it
 * owns (comments, addresses, names, titles), for the isolation tests of issue 24: whatever one
 * organisation's staff open, the other's word must never appear. Data goes in through the real
 * paths (event API with the organisation's own key, survey and call-back forms, panel sign-up);
 * objects that only staff pages create are inserted as rows of their organisation.
 */
import { expect } from 'vitest';
import { createApiKey } from '../../src/api-keys/api-keys';
import type { Role } from '../../src/db/schema';
import { exportJourney, findJourneyBySlug, importJourney } from '../../src/journeys/journeys';
import { createOrganisation, HOSTING_ORGANISATION_ID } from '../../src/organisations/organisations';
import { answerSurvey } from './privacy-fixtures';
import { allowAdminsWithoutSecondFactor, createStaff, login } from './staff';
import { surveyTokenOf } from './survey-link';
import { caseClosedEvent, type TestContext } from './test-context';

export const ROLES: readonly Role[] = ['admin', 'manager', 'researcher', 'kcc'];
const JOURNEY = 'paspoort-aanvragen';
const DAY_MS = 86_400_000;

export interface PlantedOrganisation {
  id: number;
  slug: string;
  /** In every comment, address, name and title of this organisation. */
  word: string;
  key: string;
  journeyId: number;
  touchpointId: number;
  cookies: Record<Role, string>;
  /** One id per kind of object, by the table it is in. */
  ids: Record<string, number>;
}

const insert = (ctx: TestContext, sql: string, ...params: unknown[]) => Number(ctx.db.$client.prepare(sql).run(...params).lastInsertRowid);

/** Plants an organisation's data: the hosting organisation when no name is given, else a new partner. */
export async function plantOrganisation(ctx: TestContext, word: string, partner?: { name: string; slug: string }): Promise<PlantedOrganisation> {
  allowAdminsWithoutSecondFactor(ctx.db, ctx.clock);
  const organisationId = partner ? createOrganisation(ctx.db, ctx.clock, partner).id : HOSTING_ORGANISATION_ID;
  const slug = (ctx.db.$client.prepare('SELECT slug FROM organisations WHERE id = ?').get(organisationId) as { slug: string }).slug;
  // The same journey definition (as when imported from one file): slugs and steps alike.
  if (partner) importJourney(ctx.db, exportJourney(ctx.db, JOURNEY)!, ctx.clock, organisationId);
  const journey = findJourneyBySlug(ctx.db, JOURNEY, organisationId)!;
  const key = createApiKey(ctx.db, `${word} koppeling`, ctx.clock, organisationId).key;
  const now = ctx.clock.now();
  const ids: Record<string, number> = { journeys: journey.journey.id, api_keys: 0 };
  ids.api_keys = Number((ctx.db.$client.prepare('SELECT max(id) AS id FROM api_keys').get() as { id: number }).id);

  // Six answered surveys: comments with the word; the first asks for a call-back, the second joins the panel.
  for (let i = 0; i < 6; i++) {
    const event = caseClosedEvent({
      occurredAt: now.toISOString(),
      case: { reference: `${word}-Z-${i}`, caseType: JOURNEY, channel: 'balie' },
      citizen: { email: `${word}.burger${i}@example.nl`, language: 'nl' },
    });
    const response = await ctx.postEvent(event, { key });
    expect(response.status).toBe(202);
    const { invitationId } = (await response.json()) as { invitationId: number };
    const token = surveyTokenOf(ctx.db, invitationId);
    ids.invitations = invitationId;
    ids.responses = await answerSurvey(ctx, token, {
      feelings: i === 0 ? ['-2', '-2', '0'] : ['-1', '1', '2'],
      grade: i === 0 ? '3' : '7',
      comment: `Het ${word} loket was lang dicht en niemand wist waarom.`,
      ...(i === 1 ? { panel: { email: `${word}.panel@example.nl`, name: `Panellid ${word}`, phone: '0612345678' } } : {}),
    });
    if (i === 0) {
      const asked = await ctx.app.request(`/s/${token}/terugbellen`, {
        method: 'POST',
        body: new URLSearchParams({ 'callback-method': 'email', 'callback-email': `${word}.terugbellen@example.nl` }),
      });
      expect(asked.status).toBe(200);
    }
  }
  ids.callback_requests = lastId(ctx, 'callback_requests', organisationId);
  ids.panel_members = lastId(ctx, 'panel_members', organisationId);
  ids.outbox = lastId(ctx, 'outbox', organisationId);

  // A missed appointment at a location with the word.
  const startsAt = new Date(now.getTime() - 3_600_000).toISOString();
  const appointment = { reference: `${word}-A-1`, product: 'paspoort', location: `${word} kantoor`, channel: 'web', bookedAt: new Date(now.getTime() - 9 * DAY_MS).toISOString(), startsAt };
  expect((await ctx.postEvent({ id: `${word}-booked`, type: 'appointment.booked', occurredAt: now.toISOString(), appointment }, { key })).status).toBe(202);
  expect((await ctx.postEvent({ id: `${word}-missed`, type: 'appointment.no_show', occurredAt: now.toISOString(), appointment: { reference: appointment.reference } }, { key })).status).toBe(202);
  ids.appointments = lastId(ctx, 'appointments', organisationId);

  const touchpointId = journey.touchpoints[0]!.id;
  ids.touchpoints = touchpointId;
  ids.improvement_actions = insert(
    ctx,
    "INSERT INTO improvement_actions (organisation_id, journey_id, touchpoint_id, title, owner, status, created_at) VALUES (?, ?, ?, ?, ?, 'gepland', ?)",
    organisationId,
    journey.journey.id,
    touchpointId,
    `Actie ${word}`,
    `Team ${word}`,
    now.getTime(),
  );
  ids.theme_codes = insert(ctx, 'INSERT INTO theme_codes (organisation_id, name, entries, created_at) VALUES (?, ?, ?, ?)', organisationId, `Thema ${word}`, JSON.stringify([word]), now.getTime());
  ids.studies = insert(
    ctx,
    'INSERT INTO studies (organisation_id, title, purpose, journey_id, invitation_text, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    organisationId,
    `Onderzoek ${word}`,
    `Doel ${word}`,
    journey.journey.id,
    `Uitnodiging ${word}`,
    now.getTime(),
  );
  ids.study_participants = insert(ctx, "INSERT INTO study_participants (study_id, member_id, status, invited_at) VALUES (?, ?, 'invited', ?)", ids.studies, ids.panel_members, now.getTime());
  ids.zgw_subscriptions = insert(
    ctx,
    'INSERT INTO zgw_subscriptions (organisation_id, name, auth_hash, zaken_api, catalogi_api, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    organisationId,
    `Zaken ${word}`,
    `hash-${word}`,
    `https://zaken.${word}.test/zaken/api/v1`,
    `https://zaken.${word}.test/catalogi/api/v1`,
    `client-${word}`,
    now.getTime(),
  );
  ids.zgw_mappings = insert(ctx, "INSERT INTO zgw_mappings (organisation_id, kind, key, journey_id, created_at) VALUES (?, 'zaaktype-identificatie', ?, ?, ?)", organisationId, `${word}-zaaktype`, journey.journey.id, now.getTime());
  ids.zgw_notifications = insert(
    ctx,
    "INSERT INTO zgw_notifications (subscription_id, dedupe_key, source, kanaal, resource, actie, resource_url, hoofd_object, aanmaakdatum, kenmerken, received_at, status, next_attempt_at, skip_reason, detail) VALUES (?, ?, 'notification', 'zaken', 'status', 'create', ?, ?, ?, '{}', ?, 'skipped', ?, 'unmapped', ?)",
    ids.zgw_subscriptions,
    `dedupe-${word}`,
    `https://zaken.${word}.test/zaken/api/v1/statussen/1`,
    `https://zaken.${word}.test/zaken/api/v1/zaken/1`,
    now.getTime(),
    now.getTime(),
    now.getTime(),
    `zaaktype ${word}`,
  );
  // A journey item to address by id, already stopped: no survey asks it, no exported definition carries it.
  ids.journey_items = insert(ctx, "INSERT INTO journey_items (journey_id, item_code, position, added_at, removed_at) VALUES (?, 'MH-SERIEUS', 99, ?, ?)", journey.journey.id, now.getTime(), now.getTime());

  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await createStaff(ctx.db, ctx.clock, role, `${role}.${word}@example.org`, organisationId);
    ids.users = user.id;
    const { cookie } = await login(ctx.app, user.email);
    cookies[role] = cookie!;
  }
  return { id: organisationId, slug, word, key, journeyId: journey.journey.id, touchpointId, cookies, ids };
}

function lastId(ctx: TestContext, table: string, organisationId?: number): number {
  const where = organisationId === undefined ? '' : ' WHERE organisation_id = ?';
  const row = ctx.db.$client.prepare(`SELECT max(id) AS id FROM ${table}${where}`).get(...(organisationId === undefined ? [] : [organisationId])) as { id: number | null };
  return row.id ?? 0;
}
