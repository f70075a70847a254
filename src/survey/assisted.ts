import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/client';
import { assistedModes, HOSTING_ORGANISATION_ID, MODE_SEGMENT_KEY, type AskedItem, type AssistedMode, type Journey, type Touchpoint } from '../db/schema';
import { journeyDimensionValues } from '../heartmonitor/queries';
import { findRegularJourney } from '../journeys/regular-journeys';
import { createInvitation, findInvitationByToken, type InvitationDeps } from '../invitations/invitations';
import { findInvitationByCode, letterToken, normaliseCode } from '../invitations/letter-codes';
import { surveyJourney } from '../journeys/journey-cache';
import type { TouchpointWithQuestions } from '../journeys/touchpoint-questions';
import { nl } from '../texts';

/*
 * Staff-assisted answering (/dashboard/afname): an employee types the survey's answers as a
 * citizen says them on the phone or at the counter. Both ways in end at an open invitation with a
 * letter code — the citizen's own letter, or one started for the case — and the survey form posts
 * that code back, so the form never names an invitation by id: only who holds its code can answer.
 */

const t = nl.assisted;

/** An open invitation staff may fill in, found by its code. */
export interface AssistedSurvey {
  code: string;
  token: string;
  journey: Journey;
  touchpoints: TouchpointWithQuestions[];
  /** The items the invitation was made with. */
  items: AskedItem[];
}

export type AssistedLookup = { state: 'open'; survey: AssistedSurvey } | { state: 'unknown' | 'expired' | 'answered' };

/**
 * The invitation behind a code typed by staff, with its state judged as the citizen's link would be.
 * Only the organisation's own invitations (made by its events): another's code is unknown here.
 */
export function findAssistedSurvey(db: Db, addressHashKey: string, typed: string, now: Date, organisationId: number = HOSTING_ORGANISATION_ID): AssistedLookup {
  const invitation = findInvitationByCode(db, addressHashKey, typed);
  if (!invitation || invitation.organisationId !== organisationId) return { state: 'unknown' };
  const token = letterToken(addressHashKey, invitation.id);
  const found = findInvitationByToken(db, token, now);
  if (found.state !== 'open') return { state: found.state };
  const { journey, touchpoints } = surveyJourney(db, invitation.journeyId, invitation.touchpointIds)!;
  return { state: 'open', survey: { code: normaliseCode(typed)!, token, journey, touchpoints, items: found.invitation.items ?? [] } };
}

const modeField = z.enum(assistedModes, { error: t.errors.mode });

/** The code form: a code in the letters' alphabet and a mode. */
export const codeFormSchema = z.object({
  code: z.string({ error: t.errors.code }).max(20, t.errors.code).refine((typed) => normaliseCode(typed) !== undefined, t.errors.code),
  manier: modeField,
});

/** The hidden fields the staff survey form posts with its answers. */
export const assistedSurveyFieldsSchema = codeFormSchema;

/** What staff may choose for a case of one of the organisation's regular journeys: its active steps and its known segment values (never the mode's own key). */
export function caseChoices(db: Db, journeySlug: string, organisationId: number = HOSTING_ORGANISATION_ID) {
  const found = findRegularJourney(db, journeySlug, organisationId);
  if (!found) return undefined;
  const segments = [...journeyDimensionValues(db, found.journey.id).segments].filter(([key]) => key !== MODE_SEGMENT_KEY);
  return { journey: found.journey, touchpoints: found.touchpoints, segments: new Map(segments) };
}
export type CaseChoices = NonNullable<ReturnType<typeof caseChoices>>;

export interface CaseRequest {
  mode: AssistedMode;
  touchpoints: Touchpoint[];
  segment: Record<string, string>;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** Reads the case form against the journey's choices: a checkbox `stap-<slug>` per step, `segment-<key>`, `manier`. Unknown values are refused, not stored. */
export function parseCaseForm(body: Record<string, unknown>, choices: CaseChoices): FormResult<CaseRequest> {
  const slugs = choices.touchpoints.map((touchpoint) => touchpoint.slug);
  const keys = [...choices.segments.keys()];
  const schema = z.object({
    manier: modeField,
    stap: z.array(z.enum(slugs as [string, ...string[]], { error: t.errors.steps })).min(1, t.errors.steps),
    ...Object.fromEntries(keys.map((key) => [`segment-${key}`, z.union([z.literal(''), z.enum(choices.segments.get(key) as [string, ...string[]])], { error: t.errors.segment })])),
  });
  const result = schema.safeParse({ ...Object.fromEntries(keys.map((key) => [`segment-${key}`, typeof body[`segment-${key}`] === 'string' ? body[`segment-${key}`] : ''])), manier: body.manier, stap: slugs.filter((slug) => body[`stap-${slug}`] !== undefined) });
  if (!result.success) {
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return { ok: false, errors };
  }
  const data = result.data as Record<string, string> & { manier: AssistedMode; stap: string[] };
  const segment = Object.fromEntries(keys.flatMap((key) => (data[`segment-${key}`] ? [[key, data[`segment-${key}`]!]] : [])));
  return { ok: true, value: { mode: data.manier, touchpoints: choices.touchpoints.filter((touchpoint) => data.stap.includes(touchpoint.slug)), segment } };
}

/**
 * Starts an invitation for a case staff answer on the spot: created as a letter without citizen
 * key (no address, so no fatigue or opt-out applies), which gives it the code the form posts back.
 */
export function startAssistedInvitation(db: Db, deps: InvitationDeps, journey: Journey, request: CaseRequest): { invitationId: number; code: string } {
  return db.transaction((tx) => {
    const outcome = createInvitation(tx, deps, {
      delivery: 'letter',
      journey,
      touchpoints: request.touchpoints,
      caseReference: `afname-${request.mode}-${randomUUID()}`,
      language: 'nl',
      segment: request.segment,
      channel: null,
      leadTimeDays: null,
      caseClosedAt: deps.clock.now(),
    });
    // An address-less letter is never suppressed: it matches no opt-out and no earlier invitation.
    if (outcome.status !== 'accepted' || !outcome.survey) throw new Error('An assisted invitation was not accepted');
    return { invitationId: outcome.invitationId, code: outcome.survey.code };
  });
}
