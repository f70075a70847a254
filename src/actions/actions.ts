/**
 * Creating and changing improvement actions (verbeteracties): the form is validated at the edge
 * with zod, then checked against the database (the step must belong to the action's journey),
 * and every change is stored together with its audit line in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit/audit-log';
import { parseDay } from '../calendar';
import type { Db } from '../db/client';
import { actionStatuses, HOSTING_ORGANISATION_ID, improvementActions, journeys, touchpoints, type ActionStatus, type ImprovementAction } from '../db/schema';
import { nl } from '../texts';
import { MAX_DESCRIPTION, MAX_OWNER, MAX_SUMMARY, MAX_TITLE } from './limits';

const e = nl.actions.errors;

/** The form's fields, in page order (the error summary lists them in this order). */
export const actionFields = ['journey', 'touchpoint', 'title', 'description', 'owner', 'dueOn', 'status', 'doneOn', 'publicSummary', 'publish'] as const;
export type ActionField = (typeof actionFields)[number];
export type ActionFormValues = Partial<Record<ActionField, string>>;
export type ActionFormErrors = Partial<Record<ActionField, string>>;

export interface ActionInput {
  journeyId: number;
  touchpointId: number;
  title: string;
  description: string | null;
  owner: string;
  dueOn: string | null;
  status: ActionStatus;
  /** Only with status "klaar"; otherwise null. */
  doneOn: string | null;
  publicSummary: string | null;
  publish: boolean;
}

const trimmed = (max: number) =>
  z
    .string()
    .default('')
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .refine((text) => text.length <= max, e.tooLong(max));
const required = (max: number, message: string) => trimmed(max).refine((text) => text.length > 0, message);
const optionalDay = z
  .string()
  .default('')
  .transform((text) => text.trim())
  .refine((text) => text === '' || parseDay(text) !== undefined, e.date);
const id = (message: string) => z.string({ error: message }).regex(/^\d{1,9}$/, message).transform(Number);

const formSchema = z
  .object({
    journey: id(e.journey),
    touchpoint: id(e.touchpoint),
    title: required(MAX_TITLE, e.title),
    description: trimmed(MAX_DESCRIPTION),
    owner: required(MAX_OWNER, e.owner),
    dueOn: optionalDay,
    status: z.enum(actionStatuses, { error: e.status }),
    doneOn: optionalDay,
    publicSummary: trimmed(MAX_SUMMARY),
    // A checkbox: present ("ja") when ticked, absent otherwise.
    publish: z.literal('ja').optional(),
  })
  .superRefine((form, context) => {
    if (form.status === 'klaar' && form.doneOn === '') context.addIssue({ code: 'custom', path: ['doneOn'], message: e.doneOn });
    if (form.publish && form.publicSummary === '') context.addIssue({ code: 'custom', path: ['publicSummary'], message: e.publicSummary });
  });

export type ActionParseResult = { ok: true; input: ActionInput } | { ok: false; values: ActionFormValues; errors: ActionFormErrors };

/** The submitted text values, to re-render the form with what was typed. */
export function formValues(body: Record<string, unknown>): ActionFormValues {
  const values: ActionFormValues = {};
  for (const field of actionFields) {
    const value = body[field];
    if (typeof value === 'string') values[field] = value.slice(0, MAX_DESCRIPTION * 2);
  }
  return values;
}

/**
 * Validates a submitted action form. `today` ('YYYY-MM-DD', from the injected clock) bounds the
 * done day; `existing` is the action being changed (its journey is fixed, and it may stay at an
 * archived step). The step must be a step of the chosen journey.
 */
export function parseActionForm(db: Db, body: Record<string, unknown>, today: string, existing?: ImprovementAction): ActionParseResult {
  const values = formValues(body);
  const raw = existing ? { ...values, journey: String(existing.journeyId) } : values;
  const errors: ActionFormErrors = {};
  const result = formSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0]) as ActionField] ??= issue.message;
  }
  const form = result.success ? result.data : undefined;

  // Against the database: the journey exists, the step belongs to it (and is not archived, unless the action is already there).
  const journeyId = form?.journey ?? (errors.journey ? undefined : Number(raw.journey));
  if (!errors.journey && (journeyId === undefined || !db.select({ id: journeys.id }).from(journeys).where(eq(journeys.id, journeyId)).get())) {
    errors.journey = e.journey;
  }
  if (!errors.journey && !errors.touchpoint) {
    const touchpointId = Number(raw.touchpoint);
    const step = db
      .select({ archivedAt: touchpoints.archivedAt })
      .from(touchpoints)
      .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.journeyId, journeyId!)))
      .get();
    if (!step || (step.archivedAt !== null && existing?.touchpointId !== touchpointId)) errors.touchpoint = e.touchpoint;
  }
  if (form && form.status === 'klaar' && form.doneOn !== '' && form.doneOn > today && !errors.doneOn) errors.doneOn = e.doneOnFuture;

  if (!form || Object.keys(errors).length > 0) {
    // In page order.
    const ordered: ActionFormErrors = {};
    for (const field of actionFields) if (errors[field]) ordered[field] = errors[field];
    return { ok: false, values, errors: ordered };
  }
  return {
    ok: true,
    input: {
      journeyId: form.journey,
      touchpointId: form.touchpoint,
      title: form.title,
      description: form.description || null,
      owner: form.owner,
      dueOn: form.dueOn || null,
      status: form.status,
      doneOn: form.status === 'klaar' ? form.doneOn : null,
      publicSummary: form.publicSummary || null,
      publish: form.publish === 'ja',
    },
  };
}

export interface Actor {
  /** Null for the command line. */
  userId: number | null;
  label: string;
  origin?: string | null;
}

const objectOf = (id: number) => `improvement-action:${id}`;

/** Stores a new action with its audit line(s); one transaction. `organisationId` owns it (a chain action: any partner). */
export function createAction(db: Db, now: Date, input: ActionInput, actor: Actor, organisationId = HOSTING_ORGANISATION_ID): ImprovementAction {
  return db.transaction((tx) => {
    const { publish, ...fields } = input;
    const action = tx
      .insert(improvementActions)
      .values({ ...fields, organisationId, publishedAt: publish ? now : null, createdBy: actor.userId, createdAt: now })
      .returning()
      .get();
    const who = { origin: actor.origin ?? null, actor: { userId: actor.userId, label: actor.label } };
    audit(tx, now, {
      action: 'improvement-action.created',
      object: objectOf(action.id),
      result: 'success',
      ...who,
      details: { journeyId: action.journeyId, touchpointId: action.touchpointId, status: action.status },
    });
    if (publish) audit(tx, now, { action: 'improvement-action.published', object: objectOf(action.id), result: 'success', ...who });
    return action;
  });
}

const comparable = ['touchpointId', 'title', 'description', 'owner', 'dueOn', 'status', 'doneOn', 'publicSummary'] as const;

/**
 * Changes an action; audits which fields changed (names, status and days only — no free text)
 * and, separately, publishing or withdrawing it. Nothing changed: nothing written.
 */
export function updateAction(db: Db, now: Date, id: number, input: ActionInput, actor: Actor): { action: ImprovementAction; changed: string[] } | undefined {
  return db.transaction((tx) => {
    const existing = tx.select().from(improvementActions).where(eq(improvementActions.id, id)).get();
    if (!existing) return undefined;
    const changed: string[] = comparable.filter((field) => existing[field] !== input[field]);
    const wasPublished = existing.publishedAt !== null;
    const publishedAt = input.publish ? (existing.publishedAt ?? now) : null;
    if (changed.length === 0 && wasPublished === input.publish) return { action: existing, changed };

    const action = tx
      .update(improvementActions)
      .set({
        touchpointId: input.touchpointId,
        title: input.title,
        description: input.description,
        owner: input.owner,
        dueOn: input.dueOn,
        status: input.status,
        doneOn: input.doneOn,
        publicSummary: input.publicSummary,
        publishedAt,
        updatedAt: now,
      })
      .where(eq(improvementActions.id, id))
      .returning()
      .get();
    const who = { origin: actor.origin ?? null, actor: { userId: actor.userId, label: actor.label } };
    if (changed.length > 0) {
      audit(tx, now, {
        action: 'improvement-action.updated',
        object: objectOf(id),
        result: 'success',
        ...who,
        details: { fields: changed.join(','), status: action.status, doneOn: action.doneOn },
      });
    }
    if (wasPublished !== input.publish) {
      audit(tx, now, { action: input.publish ? 'improvement-action.published' : 'improvement-action.unpublished', object: objectOf(id), result: 'success', ...who });
      changed.push(input.publish ? 'published' : 'unpublished');
    }
    return { action, changed };
  });
}
