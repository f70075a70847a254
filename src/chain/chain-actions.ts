/**
 * Shared improvement actions on a chain journey (the CKA's action plan). A partner creates an
 * action on a chain step with an owner organisation chosen among the partners; every partner
 * sees all of them; only the owner organisation changes one (status, due day, description).
 * The validation, storing and audit are the action domain's own (src/actions/actions.ts).
 */
import { findAction } from '../actions/action-queries';
import { createAction, parseActionForm, updateAction, type Actor, type ActionFormErrors, type ActionFormValues } from '../actions/actions';
import type { Db } from '../db/client';
import type { ImprovementAction, Journey } from '../db/schema';
import { nl } from '../texts';
import type { ChainOwner } from './chain-view';

export type ChainActionField = 'organisation' | keyof ActionFormValues;
export type ChainActionForm = { values: Partial<Record<ChainActionField, string>>; errors: Partial<Record<ChainActionField, string>> };
type Result = { ok: true; action: ImprovementAction } | ({ ok: false } & ChainActionForm);

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Creates a chain action from the chain view's form; the owner organisation defaults to the viewer's own. */
export function createChainAction(db: Db, now: Date, today: string, journey: Journey, partners: ChainOwner[], viewerId: number, body: Record<string, unknown>, actor: Actor): Result {
  const chosen = text(body.organisation) || String(viewerId);
  const organisation = partners.find((partner) => String(partner.id) === chosen);
  const parsed = parseActionForm(db, { ...body, journey: String(journey.id), status: text(body.status) || 'idee', doneOn: text(body.doneOn) || today }, today, [journey]);
  const organisationError = organisation ? undefined : nl.chain.actions.organisationError;
  if (!parsed.ok || organisationError) {
    const values = { ...(parsed.ok ? {} : parsed.values), ...Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')), organisation: chosen };
    const errors = { ...(organisationError ? { organisation: organisationError } : {}), ...(parsed.ok ? {} : (parsed.errors as ActionFormErrors)) };
    return { ok: false, values, errors };
  }
  return { ok: true, action: createAction(db, now, parsed.input, actor, organisation!.id) };
}

/** The chain action `id` of this journey that the viewer's organisation owns; undefined for anything else (a 404). */
export function ownChainAction(db: Db, journey: Journey, id: number, viewerId: number): ImprovementAction | undefined {
  const action = findAction(db, id);
  return action && action.journeyId === journey.id && action.organisationId === viewerId ? action : undefined;
}

/**
 * Changes what a partner may change of its own chain action: status, due day, done day and
 * description. The rest (step, title, owner, publication) stays as it was.
 */
export function updateChainAction(db: Db, now: Date, today: string, action: ImprovementAction, body: Record<string, unknown>, actor: Actor): Result {
  const status = text(body.status);
  const form = {
    touchpoint: String(action.touchpointId),
    title: action.title,
    owner: action.owner,
    publicSummary: action.publicSummary ?? '',
    publish: action.publishedAt ? 'ja' : undefined,
    description: text(body.description),
    dueOn: text(body.dueOn),
    status,
    // Closing without a day: closed today.
    doneOn: text(body.doneOn) || (status === 'klaar' ? (action.doneOn ?? today) : ''),
  };
  const parsed = parseActionForm(db, form, today, [{ id: action.journeyId }], action);
  if (!parsed.ok) return { ok: false, values: parsed.values, errors: parsed.errors };
  return { ok: true, action: updateAction(db, now, action.id, parsed.input, actor)!.action };
}
