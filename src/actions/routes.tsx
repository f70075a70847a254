import { Hono } from 'hono';
import { ActionDetailPage, ActionListPage, NewActionPage } from '../../views/actions/action-pages';
import { ImprovementsPage } from '../../views/actions/improvements-page';
import type { AppDeps } from '../app';
import { dayOf } from '../calendar';
import type { ImprovementAction, Journey, Touchpoint } from '../db/schema';
import type { AppEnv } from '../http/env';
import { idParam } from '../http/params';
import { actorOf, staffRouter, type StaffContext } from '../http/staff';
import { regularJourneys } from '../journeys/regular-journeys';
import { nl } from '../texts';
import { actionEffect, actionOverview, findAction, isOverdue, listPublishedImprovements, touchpointsOfJourney, type StatusFilter } from './action-queries';
import { createAction, parseActionForm, updateAction, type ActionFormErrors, type ActionFormValues } from './actions';
import { groupByQuarter } from './quarters';
import { readForm } from '../http/form-body';

const statusFilters: readonly StatusFilter[] = ['', 'idee', 'gepland', 'bezig', 'klaar', 'te-laat'];

/** A journey by slug or id (links from the heart monitor and the journey map use the slug). */
function journeyFrom(journeys: Journey[], value: string | undefined): Journey | undefined {
  if (!value) return undefined;
  return journeys.find((journey) => journey.slug === value) ?? journeys.find((journey) => String(journey.id) === value);
}

/** Steps that can be chosen: the active ones, plus an archived one the action already sits at. */
const choosable = (steps: Touchpoint[], current?: number) => steps.filter((step) => step.archivedAt === null || step.id === current);

/** The form's values for an existing action; the done day is prefilled with today until it is set. */
function valuesOf(action: ImprovementAction, today: string): ActionFormValues {
  return {
    touchpoint: String(action.touchpointId),
    title: action.title,
    description: action.description ?? '',
    owner: action.owner,
    dueOn: action.dueOn ?? '',
    status: action.status,
    doneOn: action.doneOn ?? today,
    publicSummary: action.publicSummary ?? '',
    publish: action.publishedAt ? 'ja' : '',
  };
}

/**
 * /dashboard/verbeteracties — improvement actions for managers (and admins): the list per journey,
 * adding one (prefilled from the heart monitor with ?journey=&touchpoint=), and its page with the
 * measured effect and the form to change it. Only the user's organisation's actions on its regular
 * journeys: another organisation's action is not found (chain actions live in the chain view).
 */
export function actionRoutes({ db, clock, config }: Pick<AppDeps, 'db' | 'clock' | 'config'>) {
  const app = staffRouter();
  const minGroupSize = config.MIN_GROUP_SIZE;
  const today = () => dayOf(clock.now());
  const actor = (c: StaffContext) => ({ ...actorOf(c.var.user), origin: c.var.clientAddress });
  const journeysOf = (c: StaffContext) => regularJourneys(db, c.var.user.organisationId);
  /** The user's organisation's action on one of its regular journeys. */
  const ownAction = (c: StaffContext) => {
    const id = idParam(c.req.param('id'));
    const action = id === undefined ? undefined : findAction(db, id, c.var.user.organisationId);
    return action && journeysOf(c).some((journey) => journey.id === action.journeyId) ? action : undefined;
  };

  app.get('/', (c) => {
    const journeys = journeysOf(c);
    const query = c.req.query();
    const journey = journeyFrom(journeys, query.reis);
    const status = statusFilters.includes(query.status as StatusFilter) ? (query.status as StatusFilter) : '';
    const groups = actionOverview(db, { journeys: journey ? [journey] : journeys, organisationId: c.var.user.organisationId, status }, today(), minGroupSize);
    return c.render(<ActionListPage user={c.var.user} journeys={journeys} filter={{ journey: journey?.slug ?? '', status }} groups={groups} />);
  });

  const newPage = (c: StaffContext, journey: Journey | undefined, values: ActionFormValues, errors: ActionFormErrors, status: 200 | 422 = 200) => {
    const journeys = journeysOf(c);
    const chosen = journey ? { journey, touchpoints: choosable(touchpointsOfJourney(db, journey.id)) } : undefined;
    return c.render(<NewActionPage user={c.var.user} journeys={journeys} chosen={chosen} values={values} errors={errors} />, { status });
  };

  app.get('/nieuw', (c) => {
    const query = c.req.query();
    const journey = journeyFrom(journeysOf(c), query.journey);
    const steps = journey ? choosable(touchpointsOfJourney(db, journey.id)) : [];
    const step = steps.find((touchpoint) => touchpoint.slug === query.touchpoint) ?? steps.find((touchpoint) => String(touchpoint.id) === query.touchpoint);
    return newPage(c, journey, { touchpoint: step ? String(step.id) : '', status: 'idee', doneOn: today() }, {});
  });

  app.post('/', async (c) => {
    const body = await readForm(c);
    const journeys = journeysOf(c);
    const parsed = parseActionForm(db, body, today(), journeys);
    if (!parsed.ok) {
      const journey = journeys.find((candidate) => String(candidate.id) === parsed.values.journey);
      return newPage(c, journey, parsed.values, journey ? parsed.errors : { ...parsed.errors, journey: nl.actions.errors.journey }, 422);
    }
    const action = createAction(db, clock.now(), parsed.input, actor(c), c.var.user.organisationId);
    return c.redirect(`/dashboard/verbeteracties/${action.id}?opgeslagen=nieuw`, 303);
  });

  const detailPage = (c: StaffContext, action: ImprovementAction, values: ActionFormValues, errors: ActionFormErrors, notice?: string) => {
    const journey = journeysOf(c).find((candidate) => candidate.id === action.journeyId)!;
    const day = today();
    return c.render(
      <ActionDetailPage
        user={c.var.user}
        action={action}
        journey={journey}
        touchpoints={choosable(touchpointsOfJourney(db, action.journeyId), action.touchpointId)}
        overdue={isOverdue(action, day)}
        effect={actionEffect(db, action, day, minGroupSize)}
        notice={notice}
        values={values}
        errors={errors}
        publicUrl={`${config.PUBLIC_URL}/verbeteringen`}
      />,
      { status: Object.keys(errors).length > 0 ? 422 : 200 },
    );
  };

  app.get('/:id', (c) => {
    const action = ownAction(c);
    if (!action) return c.var.notFound();
    const saved = c.req.query('opgeslagen');
    const notice = saved === 'nieuw' ? nl.actions.created : saved === 'ja' ? nl.actions.saved : undefined;
    return detailPage(c, action, valuesOf(action, today()), {}, notice);
  });

  app.post('/:id', async (c) => {
    const existing = ownAction(c);
    if (!existing) return c.var.notFound();
    const body = await readForm(c);
    const parsed = parseActionForm(db, body, today(), journeysOf(c), existing);
    if (!parsed.ok) return detailPage(c, existing, parsed.values, parsed.errors);
    const updated = updateAction(db, clock.now(), existing.id, parsed.input, actor(c), c.var.user.organisationId);
    if (!updated) return c.var.notFound();
    return c.redirect(`/dashboard/verbeteracties/${existing.id}?opgeslagen=ja`, 303);
  });

  return app;
}

/** GET /verbeteringen — public, no login: the published improvements per quarter. */
export function improvementRoutes({ db, config }: Pick<AppDeps, 'db' | 'config'>) {
  const app = new Hono<AppEnv>();
  app.get('/verbeteringen', (c) =>
    c.render(<ImprovementsPage quarters={groupByQuarter(listPublishedImprovements(db))} />),
  );
  return app;
}
