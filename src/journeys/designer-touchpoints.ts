/*
 * The journey designer's touchpoints: added, changed, moved, archived, restored and deleted, each
 * in one transaction with its audit line. Answers point at touchpoint ids, so renames and
 * reorders never touch them; a touchpoint with history can be archived, never deleted. Adding or
 * changing a step may make the journey a contact journey: it then asks "Is uw vraag beantwoord?"
 * (once; archiving or deleting a step leaves the items as the administrator set them).
 */
import { and, asc, count, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { audit } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import { answers, improvementActions, invitations, journeys, type Touchpoint, touchpoints } from '../db/schema';
import { nl } from '../texts';
import { MAX_TOUCHPOINTS } from './definition';
import { slugify } from '../slugs';
import { type TouchpointForm, uniqueSlug } from './designer-forms';
import { replaceQuestions, type TouchpointWithQuestions, withQuestions } from './touchpoint-questions';
import type { Store, Tx } from '../db/client';
import type { ChangedBy, ChangeResult } from './designer-journeys';
import { ensureDefaultItemsAudited } from './designer-items';

const t = nl.journeyDesigner;

function activeOf(tx: Store, journeyId: number): Touchpoint[] {
  return tx
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.journeyId, journeyId), isNull(touchpoints.archivedAt)))
    .orderBy(asc(touchpoints.position), asc(touchpoints.id))
    .all();
}

/** Positions 0…n−1 in this order: the survey and the heart monitor follow them. */
function renumber(tx: Tx, ordered: Pick<Touchpoint, 'id' | 'position'>[]) {
  ordered.forEach((touchpoint, position) => {
    if (touchpoint.position !== position) tx.update(touchpoints).set({ position }).where(eq(touchpoints.id, touchpoint.id)).run();
  });
}

/** A touchpoint of this journey (archived or not), with its questions in other languages. */
export function findTouchpoint(tx: Store, journeyId: number, touchpointId: number): TouchpointWithQuestions | undefined {
  const touchpoint = tx
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.id, touchpointId), eq(touchpoints.journeyId, journeyId)))
    .get();
  return touchpoint && withQuestions(tx, [touchpoint])[0];
}

const journeySlugOf = (tx: Store, journeyId: number) => tx.select({ slug: journeys.slug }).from(journeys).where(eq(journeys.id, journeyId)).get()?.slug;

const touchpointFields = (form: TouchpointForm) => ({
  name: form.touchpointName,
  channel: form.channel,
  serviceNorm: form.serviceNorm,
  momentOfTruth: form.momentOfTruth,
  askedByDefault: form.askedByDefault,
  question: form.question,
});

/** The audit details of a change to a touchpoint's questions in other languages (only what changed). */
function languageDetails(change: ReturnType<typeof replaceQuestions>): Record<string, string> {
  return Object.fromEntries(
    (['added', 'changed', 'removed'] as const).filter((kind) => change[kind].length > 0).map((kind) => [`languages${kind[0]!.toUpperCase()}${kind.slice(1)}`, change[kind].join(', ')]),
  );
}

/** Adds a touchpoint at the end; its slug is made from its name, unique within the journey (archived ones included). */
export function addTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, form: TouchpointForm): ChangeResult<Touchpoint> | undefined {
  return db.transaction((tx) => {
    const journeySlug = journeySlugOf(tx, journeyId);
    if (!journeySlug) return undefined;
    const active = activeOf(tx, journeyId);
    if (active.length >= MAX_TOUCHPOINTS) return { ok: false, errors: { touchpointName: t.errors.tooManyTouchpoints(MAX_TOUCHPOINTS) } };
    const taken = new Set(
      tx
        .select({ slug: touchpoints.slug })
        .from(touchpoints)
        .where(eq(touchpoints.journeyId, journeyId))
        .all()
        .map((row) => row.slug),
    );
    const slug = uniqueSlug(slugify(form.touchpointName, 'contactmoment'), taken);
    const touchpoint = tx
      .insert(touchpoints)
      .values({ ...touchpointFields(form), journeyId, slug, position: active.length })
      .returning()
      .get();
    renumber(tx, [...active, touchpoint]);
    const languages = replaceQuestions(tx, touchpoint.id, form.questions);
    audit(tx, clock.now(), {
      action: 'touchpoint.created',
      object: `${journeySlug}/${slug}`,
      result: 'success',
      ...by,
      details: { name: form.touchpointName, channel: form.channel, ...languageDetails(languages) },
    });
    ensureDefaultItemsAudited(tx, clock.now(), by, journeyId);
    return { ok: true, value: touchpoint };
  });
}

/** Renames a touchpoint or changes its channel, norm, flags and questions; id and slug stay, so its answers do too. */
export function updateTouchpoint(
  db: Db,
  clock: Clock,
  by: ChangedBy,
  journeyId: number,
  touchpointId: number,
  form: TouchpointForm,
): ChangeResult<Touchpoint> | undefined {
  return db.transaction((tx) => {
    const before = findTouchpoint(tx, journeyId, touchpointId);
    if (!before) return undefined;
    const after = touchpointFields(form);
    const changed: string[] = (Object.keys(after) as (keyof typeof after)[]).filter((field) => before[field] !== after[field]);
    const touchpoint = tx.update(touchpoints).set(after).where(eq(touchpoints.id, touchpointId)).returning().get();
    const languages = languageDetails(replaceQuestions(tx, touchpointId, form.questions));
    if (Object.keys(languages).length > 0) changed.push('questions');
    audit(tx, clock.now(), {
      action: 'touchpoint.updated',
      object: `${journeySlugOf(tx, journeyId)}/${before.slug}`,
      result: 'success',
      ...by,
      details: { changed: changed.join(', ') || 'niets', ...(changed.includes('name') ? { from: before.name, to: after.name } : {}), ...languages },
    });
    ensureDefaultItemsAudited(tx, clock.now(), by, journeyId);
    return { ok: true, value: touchpoint };
  });
}

export type TouchpointChange = { ok: true } | { ok: false; status: 404 | 409 | 422; message: string };

const notFound: TouchpointChange = { ok: false, status: 404, message: t.errors.touchpointNotFound };

/** Removes a touchpoint's question in one language: citizens with that language get the Dutch question again. */
export function removeTouchpointQuestion(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number, language: string): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    if (!(language in touchpoint.questions)) return { ok: false, status: 404, message: t.errors.languageNotFound };
    const kept = Object.fromEntries(Object.entries(touchpoint.questions).filter(([code]) => code !== language));
    const change = replaceQuestions(tx, touchpointId, kept);
    audit(tx, clock.now(), {
      action: 'touchpoint.updated',
      object: `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`,
      result: 'success',
      ...by,
      details: { changed: 'questions', ...languageDetails(change) },
    });
    return { ok: true };
  });
}

/** Moves an active touchpoint one place up or down. */
export function moveTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number, direction: 'up' | 'down'): TouchpointChange {
  return db.transaction((tx) => {
    const active = activeOf(tx, journeyId);
    const index = active.findIndex((touchpoint) => touchpoint.id === touchpointId);
    if (index < 0) return findTouchpoint(tx, journeyId, touchpointId) ? { ok: false, status: 409, message: t.errors.cannotMove } : notFound;
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= active.length) return { ok: false, status: 409, message: t.errors.cannotMove };
    const ordered = [...active];
    [ordered[index], ordered[target]] = [ordered[target]!, ordered[index]!];
    renumber(tx, ordered);
    audit(tx, clock.now(), {
      action: 'touchpoint.moved',
      object: `${journeySlugOf(tx, journeyId)}/${active[index]!.slug}`,
      result: 'success',
      ...by,
      details: { direction, from: index + 1, to: target + 1 },
    });
    return { ok: true };
  });
}

/** Archives a touchpoint: no longer asked, left out of new surveys and exports; its answers stay. */
export function archiveTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    if (touchpoint.archivedAt) return { ok: false, status: 409, message: t.errors.alreadyArchived };
    const now = clock.now();
    tx.update(touchpoints).set({ archivedAt: now }).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, activeOf(tx, journeyId));
    audit(tx, now, { action: 'touchpoint.archived', object: `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`, result: 'success', ...by });
    return { ok: true };
  });
}

/** Brings an archived touchpoint back, at the end of the journey, under its old id and slug. */
export function restoreTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    if (!touchpoint.archivedAt) return { ok: false, status: 409, message: t.errors.notArchived };
    const active = activeOf(tx, journeyId);
    if (active.length >= MAX_TOUCHPOINTS) return { ok: false, status: 409, message: t.errors.tooManyTouchpoints(MAX_TOUCHPOINTS) };
    tx.update(touchpoints).set({ archivedAt: null, position: active.length }).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, [...active, touchpoint]);
    audit(tx, clock.now(), { action: 'touchpoint.restored', object: `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`, result: 'success', ...by });
    return { ok: true };
  });
}

/** Why a touchpoint may not be deleted (it has history), or undefined when it may. */
function deleteRefusal(tx: Tx, journeyId: number, touchpointId: number, now: Date): string | undefined {
  const answered = tx.select({ n: count() }).from(answers).where(eq(answers.touchpointId, touchpointId)).get()?.n ?? 0;
  if (answered > 0) return t.errors.deleteHasAnswers(answered);
  const actions = tx.select({ n: count() }).from(improvementActions).where(eq(improvementActions.touchpointId, touchpointId)).get()?.n ?? 0;
  if (actions > 0) return t.errors.deleteHasActions(actions);
  // A citizen with an open link would see the step vanish from their survey.
  const open =
    tx
      .select({ n: count() })
      .from(sql`${invitations}, json_each(${invitations.touchpointIds}) AS asked`)
      .where(
        and(
          eq(invitations.journeyId, journeyId),
          eq(invitations.status, 'open'),
          gt(invitations.expiresAt, now),
          isNotNull(invitations.tokenHash),
          sql`asked.value = ${touchpointId}`,
        ),
      )
      .get()?.n ?? 0;
  if (open > 0) return t.errors.deleteOpenInvitations(open);
  return undefined;
}

/** Deletes a touchpoint that has no history (no answers, actions or open invitations); otherwise refuses and says why. */
export function deleteTouchpoint(db: Db, clock: Clock, by: ChangedBy, journeyId: number, touchpointId: number): TouchpointChange {
  return db.transaction((tx) => {
    const touchpoint = findTouchpoint(tx, journeyId, touchpointId);
    if (!touchpoint) return notFound;
    const now = clock.now();
    const object = `${journeySlugOf(tx, journeyId)}/${touchpoint.slug}`;
    const refusal = deleteRefusal(tx, journeyId, touchpointId, now);
    if (refusal) {
      audit(tx, now, { action: 'touchpoint.deleted', object, result: 'failure', ...by, details: { reason: refusal } });
      return { ok: false, status: 409, message: refusal };
    }
    tx.delete(touchpoints).where(eq(touchpoints.id, touchpointId)).run();
    renumber(tx, activeOf(tx, journeyId));
    audit(tx, now, { action: 'touchpoint.deleted', object, result: 'success', ...by, details: { name: touchpoint.name } });
    return { ok: true };
  });
}
